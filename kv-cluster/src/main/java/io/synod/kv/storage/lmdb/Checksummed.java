package io.synod.kv.storage.lmdb;

import io.synod.kv.storage.CorruptionException;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Stored values are {@code [crc32c:4][payload]}, the checksum covering the record's key and its
 * payload: a value copied under the wrong key fails the check just like a flipped bit does.
 */
final class Checksummed {

    static final int CRC_BYTES = 4;

    private Checksummed() {
    }

    static byte[] seal(byte[] key, byte[] payload) {
        byte[] value = new byte[CRC_BYTES + payload.length];
        ByteBuffer.wrap(value).putInt(crc(key, payload, 0, payload.length));
        System.arraycopy(payload, 0, value, CRC_BYTES, payload.length);
        return value;
    }

    /** Returns the payload of {@code value}, or throws if it does not match its checksum. */
    static byte[] open(byte[] key, byte[] value, String record) {
        if (value == null) {
            throw new CorruptionException(record + " is missing");
        }
        if (value.length < CRC_BYTES) {
            throw new CorruptionException(record + " is truncated to " + value.length + " bytes");
        }
        int stored = ByteBuffer.wrap(value).getInt();
        if (stored != crc(key, value, CRC_BYTES, value.length - CRC_BYTES)) {
            throw new CorruptionException(record + " fails its CRC32C check");
        }
        return Arrays.copyOfRange(value, CRC_BYTES, value.length);
    }

    static int crc32c(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return (int) crc.getValue();
    }

    private static int crc(byte[] key, byte[] bytes, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(key);
        crc.update(bytes, off, len);
        return (int) crc.getValue();
    }
}
