package io.synod.kv.statemachine.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.synod.proto.kv.KeyValue;
import io.synod.proto.kv.KvSession;
import io.synod.proto.kv.KvSnapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Streams a {@link SnapshotReader} as an encoded {@link KvSnapshot} and back, one record at a
 * time, so neither side holds the whole state in memory. The bytes written are exactly those of
 * {@code KvSnapshot.toByteArray()} for the same state: fields in number order, records in key
 * order, sessions in apply order.
 */
public final class SnapshotCodec {

    private static final int APPLIED_INDEX = KvSnapshot.APPLIED_INDEX_FIELD_NUMBER;
    private static final int KVS = KvSnapshot.KVS_FIELD_NUMBER;
    private static final int SESSIONS = KvSnapshot.SESSIONS_FIELD_NUMBER;

    /** Receives the contents of a snapshot as it is decoded. */
    public interface Sink {
        void record(KeyValue record);

        void session(KvSession session);
    }

    private SnapshotCodec() {
    }

    public static void write(SnapshotReader reader, OutputStream out) {
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        try {
            if (reader.appliedIndex() != 0) {
                coded.writeUInt64(APPLIED_INDEX, reader.appliedIndex());
            }
            reader.forEachRecord(kv -> writeMessage(coded, KVS, kv));
            for (KvSession s : reader.sessions()) {
                coded.writeMessage(SESSIONS, s);
            }
            coded.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write snapshot", e);
        }
    }

    public static byte[] toBytes(SnapshotReader reader) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(reader, out);
        return out.toByteArray();
    }

    /**
     * Decodes a snapshot into {@code sink} and returns its applied index. Records must come in
     * strictly ascending key order with non-empty keys and client ids must be distinct; anything
     * else is reported as an {@link IllegalArgumentException} (the caller rolls back).
     */
    public static long read(InputStream in, Sink sink) {
        CodedInputStream coded = CodedInputStream.newInstance(in);
        long appliedIndex = 0;
        ByteString lastKey = null;
        Set<Long> clients = new HashSet<>();
        try {
            for (int tag = coded.readTag(); tag != 0; tag = coded.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case APPLIED_INDEX -> appliedIndex = coded.readUInt64();
                    case KVS -> {
                        KeyValue kv = coded.readMessage(KeyValue.parser(), ExtensionRegistryLite.getEmptyRegistry());
                        if (kv.getKey().isEmpty() || lastKey != null
                                && ByteString.unsignedLexicographicalComparator().compare(lastKey, kv.getKey()) >= 0) {
                            throw new IllegalArgumentException("snapshot records are not in strictly ascending key order");
                        }
                        lastKey = kv.getKey();
                        sink.record(kv);
                    }
                    case SESSIONS -> {
                        KvSession s = coded.readMessage(KvSession.parser(), ExtensionRegistryLite.getEmptyRegistry());
                        if (!clients.add(s.getClientId())) {
                            throw new IllegalArgumentException("snapshot holds client " + s.getClientId() + " twice");
                        }
                        sink.session(s);
                    }
                    default -> coded.skipField(tag);
                }
                // The size limit counts bytes since the last reset; snapshots may exceed 2 GiB.
                coded.resetSizeCounter();
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("snapshot is not an encoded KvSnapshot", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read snapshot", e);
        }
        return appliedIndex;
    }

    /** The check every store makes before committing a restore. */
    static void checkIndex(long expected, long actual) {
        if (actual != expected) {
            throw new IllegalArgumentException("snapshot was taken at index " + actual + ", not at " + expected);
        }
    }

    private static void writeMessage(CodedOutputStream coded, int field, KeyValue kv) {
        try {
            coded.writeMessage(field, kv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write snapshot", e);
        }
    }
}
