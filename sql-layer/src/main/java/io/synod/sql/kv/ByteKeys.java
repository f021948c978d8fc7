package io.synod.sql.kv;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;

/** Keys are compared as unsigned bytes; helpers to bound ranges over them. */
public final class ByteKeys {

    /** Unsigned lexicographic order, the store's key order. */
    public static final Comparator<byte[]> ORDER = Arrays::compareUnsigned;

    private ByteKeys() {
    }

    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** The smallest key greater than {@code key}: {@code key} followed by a zero byte. */
    public static byte[] keySuccessor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    /**
     * The smallest key greater than every key starting with {@code prefix}, or null (the end of
     * the key space) if the prefix is empty or all 0xFF.
     */
    public static byte[] prefixEnd(byte[] prefix) {
        int i = prefix.length - 1;
        while (i >= 0 && prefix[i] == (byte) 0xFF) {
            i--;
        }
        if (i < 0) {
            return null;
        }
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
    }

    /** Whether {@code key} starts with {@code prefix}. */
    public static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Whether {@code key} lies in {@code [start, end)}, {@code end} null meaning unbounded. */
    public static boolean inRange(byte[] key, byte[] start, byte[] end) {
        return compare(key, start) >= 0 && (end == null || compare(key, end) < 0);
    }

    public static String toHex(byte[] key) {
        return HexFormat.of().formatHex(key);
    }
}
