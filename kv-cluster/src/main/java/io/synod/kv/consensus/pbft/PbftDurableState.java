package io.synod.kv.consensus.pbft;

import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificates a PBFT replica must not forget across a restart, as the engine state the
 * runtime persists ({@link io.synod.kv.consensus.api.Ready#engineState()}): its stable checkpoint
 * certificate and its prepared certificates above it. A view change reports them; without them a
 * restarted correct replica could only make claims, which f faulty replicas can outvote.
 */
final class PbftDurableState {

    private static final int VERSION = 1;

    private PbftDurableState() {
    }

    static byte[] encode(List<PbftMessage> certificates) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(certificates.size());
            for (PbftMessage m : certificates) {
                write(out, m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The stored certificates; none for an empty state. */
    static List<PbftMessage> decode(byte[] state) {
        if (state.length == 0) {
            return List.of();
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(state);
            if (in.get() != VERSION) {
                throw new IllegalStateException("unknown PBFT engine state version " + state[0]);
            }
            int count = in.getInt();
            List<PbftMessage> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                out.add(read(in));
            }
            return out;
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("damaged PBFT engine state (" + state.length + " bytes)", e);
        }
    }

    private static void write(DataOutputStream out, PbftMessage m) throws IOException {
        out.writeByte(m.type().ordinal());
        out.writeLong(m.from());
        out.writeLong(m.view());
        out.writeLong(m.seq());
        out.writeLong(m.seqHi());
        writeBytes(out, m.digest());
        out.writeInt(m.entries().size());
        for (LogEntry e : m.entries()) {
            out.writeLong(e.index());
            out.writeLong(e.term());
            out.writeByte(e.type().ordinal());
            writeBytes(out, e.data());
        }
        out.writeInt(m.proof().size());
        for (PbftMessage p : m.proof()) {
            write(out, p);
        }
        writeBytes(out, m.signature());
    }

    private static PbftMessage read(ByteBuffer in) {
        PbftMessageType type = PbftMessageType.values()[in.get()];
        long from = in.getLong();
        long view = in.getLong();
        long seq = in.getLong();
        long seqHi = in.getLong();
        byte[] digest = readBytes(in);
        int entryCount = in.getInt();
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < entryCount; i++) {
            long index = in.getLong();
            long term = in.getLong();
            EntryType kind = EntryType.values()[in.get()];
            entries.add(new LogEntry(index, term, kind, readBytes(in)));
        }
        int proofCount = in.getInt();
        List<PbftMessage> proof = new ArrayList<>();
        for (int i = 0; i < proofCount; i++) {
            proof.add(read(in));
        }
        byte[] signature = readBytes(in);
        return new PbftMessage(type, from, 0, view, seq, seqHi, digest, entries, proof, null, 0, 0, signature);
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("bad length " + length);
        }
        byte[] b = new byte[length];
        in.get(b);
        return b;
    }
}
