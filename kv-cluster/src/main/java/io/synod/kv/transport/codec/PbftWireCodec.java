package io.synod.kv.transport.codec;

import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.pbft.PbftMessage;
import io.synod.kv.consensus.pbft.PbftMessageType;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * PBFT messages on the wire: a versioned big-endian binary form of every field, proofs nested
 * (at most {@link #MAX_DEPTH} deep). Decoding checks every length against the bytes left, so
 * hostile input costs no more memory than its own size and fails with a clear reason. Public
 * because clients check replicas' signed replies in this form (see {@code ReplyCertificate}).
 */
public final class PbftWireCodec {

    private static final int VERSION = 1;
    private static final int MAX_DEPTH = 4;
    /** Smallest encoding of one entry and of one nested message, to bound counts before allocating. */
    private static final int MIN_ENTRY_BYTES = 8 + 8 + 1 + 4;
    private static final int MIN_MESSAGE_BYTES = 2 + 8 * 4 + 4 + 4 + 4 + 4 + 8 + 8 + 4;

    private PbftWireCodec() {
    }

    public static byte[] encode(PbftMessage m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(DataOutputStream out, PbftMessage m) throws IOException {
        out.writeByte(VERSION);
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
        writeBytes(out, m.data());
        out.writeLong(m.offset());
        out.writeLong(m.total());
        writeBytes(out, m.signature());
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    /** The message sent by {@code from} to {@code to}; the body must name the same sender. */
    public static PbftMessage decode(byte[] body, long from, long to) throws MalformedEnvelopeException {
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            PbftMessage m = read(in, to, 0);
            if (in.hasRemaining()) {
                throw new MalformedEnvelopeException("PBFT message has " + in.remaining() + " trailing bytes");
            }
            if (m.from() != from) {
                throw new MalformedEnvelopeException("PBFT message from " + m.from() + " in an envelope from " + from);
            }
            return m;
        } catch (BufferUnderflowException e) {
            throw new MalformedEnvelopeException("PBFT message truncated");
        } catch (IllegalArgumentException e) {
            throw new MalformedEnvelopeException("invalid PBFT message: " + e.getMessage());
        }
    }

    private static PbftMessage read(ByteBuffer in, long to, int depth) throws MalformedEnvelopeException {
        if (depth > MAX_DEPTH) {
            throw new MalformedEnvelopeException("PBFT proofs nested deeper than " + MAX_DEPTH);
        }
        int version = in.get();
        if (version != VERSION) {
            throw new MalformedEnvelopeException("unknown PBFT wire version " + version);
        }
        int type = in.get();
        if (type < 0 || type >= PbftMessageType.values().length) {
            throw new MalformedEnvelopeException("unknown PBFT message type " + type);
        }
        long from = nonNegative("from", in.getLong());
        long view = nonNegative("view", in.getLong());
        long seq = nonNegative("seq", in.getLong());
        long seqHi = nonNegative("seqHi", in.getLong());
        byte[] digest = readBytes(in);
        int entryCount = count(in, MIN_ENTRY_BYTES);
        List<LogEntry> entries = new ArrayList<>(entryCount);
        for (int i = 0; i < entryCount; i++) {
            long index = in.getLong();
            long term = in.getLong();
            int kind = in.get();
            if (index <= 0 || term < 0 || kind < 0 || kind >= EntryType.values().length) {
                throw new MalformedEnvelopeException("invalid PBFT entry " + index + "/" + term + "/" + kind);
            }
            entries.add(new LogEntry(index, term, EntryType.values()[kind], readBytes(in)));
        }
        int proofCount = count(in, MIN_MESSAGE_BYTES);
        List<PbftMessage> proof = new ArrayList<>(proofCount);
        for (int i = 0; i < proofCount; i++) {
            proof.add(read(in, 0, depth + 1));
        }
        byte[] data = readBytes(in);
        long offset = in.getLong();
        long total = in.getLong();
        byte[] signature = readBytes(in);
        return new PbftMessage(PbftMessageType.values()[type], from, to, view, seq, seqHi, digest, entries, proof,
                data, offset, total, signature);
    }

    private static long nonNegative(String field, long value) throws MalformedEnvelopeException {
        if (value < 0) {
            throw new MalformedEnvelopeException("PBFT " + field + " is negative: " + value);
        }
        return value;
    }

    private static int count(ByteBuffer in, int minBytesEach) throws MalformedEnvelopeException {
        int n = in.getInt();
        if (n < 0 || (long) n * minBytesEach > in.remaining()) {
            throw new MalformedEnvelopeException("PBFT count " + n + " exceeds the bytes left");
        }
        return n;
    }

    private static byte[] readBytes(ByteBuffer in) throws MalformedEnvelopeException {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new MalformedEnvelopeException("PBFT byte string of " + n + " bytes exceeds the bytes left");
        }
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }
}
