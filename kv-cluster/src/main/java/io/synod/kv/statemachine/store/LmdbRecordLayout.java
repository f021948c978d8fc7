package io.synod.kv.statemachine.store;

import io.synod.kv.storage.CorruptionException;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.WireFormat;
import io.synod.proto.kv.KeyValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How records map onto LMDB, whose keys are at most 511 bytes while KV keys may have 4 KiB.
 * A key of up to {@value #MAX_DIRECT_KEY} bytes is its own LMDB key, with the record minus its
 * key as the value. Longer keys share a bucket: LMDB key = their first {@value #MAX_DIRECT_KEY}
 * bytes plus one 0x00 byte, value = the full records of every such key, in key order.
 *
 * <p>This keeps LMDB's memcmp order equal to the unsigned order of the KV keys: a bucket sorts
 * after the direct key equal to its prefix and before every key greater than all its members,
 * because no direct key is longer than the prefix. So cursors and range seeks work unchanged;
 * only a bucket entry expands into several records.
 *
 * <p>Cost: a write to a long key rewrites its whole bucket, so many keys over 510 bytes that
 * share their first 510 bytes make writes to them O(bucket size). Keys that long are rare; a
 * workload full of them is better served by hashing the tail into a secondary index.
 */
final class LmdbRecordLayout {

    static final int MAX_DIRECT_KEY = 510;
    static final int LMDB_KEY_BYTES_NEEDED = MAX_DIRECT_KEY + 1;
    /** Protobuf tag of {@code KeyValue.mod_revision}: field number, then the varint wire type. */
    private static final int MOD_REVISION_TAG = KeyValue.MOD_REVISION_FIELD_NUMBER << 3 | WireFormat.WIRETYPE_VARINT;

    private LmdbRecordLayout() {
    }

    static byte[] lmdbKey(ByteString key) {
        if (key.size() <= MAX_DIRECT_KEY) {
            return key.toByteArray();
        }
        return Arrays.copyOf(key.substring(0, MAX_DIRECT_KEY).toByteArray(), MAX_DIRECT_KEY + 1);
    }

    static boolean isBucket(byte[] lmdbKey) {
        return lmdbKey.length > MAX_DIRECT_KEY;
    }

    /** The records an LMDB entry holds, in ascending key order. */
    static List<KeyValue> decode(byte[] lmdbKey, byte[] value) {
        try {
            if (!isBucket(lmdbKey)) {
                return List.of(KeyValue.parseFrom(value).toBuilder().setKey(ByteString.copyFrom(lmdbKey)).build());
            }
            List<KeyValue> out = new ArrayList<>();
            CodedInputStream in = CodedInputStream.newInstance(value);
            while (!in.isAtEnd()) {
                out.add(in.readMessage(KeyValue.parser(), ExtensionRegistryLite.getEmptyRegistry()));
            }
            return out;
        } catch (IOException e) {
            throw new CorruptionException("damaged state record under LMDB key of " + lmdbKey.length + " bytes", e);
        }
    }

    /**
     * The {@code mod_revision} of a direct entry's value without decoding the rest: range
     * summaries read only this field, so they never copy values.
     */
    static long directModRevision(byte[] value) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(value);
            long modRevision = 0;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag == MOD_REVISION_TAG) {
                    modRevision = in.readUInt64();
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
            return modRevision;
        } catch (IOException e) {
            throw new CorruptionException("damaged state record of " + value.length + " bytes", e);
        }
    }

    static byte[] encodeDirect(KeyValue record) {
        return record.toBuilder().clearKey().build().toByteArray();
    }

    static byte[] encodeBucket(List<KeyValue> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            for (KeyValue kv : records) {
                out.writeMessageNoTag(kv);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
