package io.synod.kv.consensus.pbft;

import io.synod.kv.consensus.api.EngineMessage;
import io.synod.kv.consensus.api.LogEntry;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One PBFT message. Every message is signed by its sender over its {@link PbftSignBytes canonical
 * bytes} (which leave out the receiver, so a broadcast vote can be carried inside another
 * replica's proof). Fields unused by a type are zero or empty.
 *
 * @param view      the view the message belongs to (for VIEW_CHANGE and NEW_VIEW: the new view)
 * @param seq       first sequence number (batch start), checkpoint sequence, read id or wanted offset
 * @param seqHi     last sequence number of a batch, or a reported index
 * @param digest    SHA-256 of a batch or of the state at a checkpoint; empty if none
 * @param entries   requests of a batch, or a view change's pre-prepared claims (term = view)
 * @param proof     signed messages that justify this one (certificates, view changes)
 * @param data      a forwarded request or a chunk of state
 * @param offset    position of a state chunk
 * @param total     total size of the state being transferred
 * @param signature the sender's signature over the canonical bytes
 */
public record PbftMessage(
        PbftMessageType type,
        long from,
        long to,
        long view,
        long seq,
        long seqHi,
        byte[] digest,
        List<LogEntry> entries,
        List<PbftMessage> proof,
        byte[] data,
        long offset,
        long total,
        byte[] signature) implements EngineMessage {

    private static final byte[] NONE = new byte[0];

    public PbftMessage {
        Objects.requireNonNull(type, "type");
        digest = digest == null ? NONE : digest;
        entries = entries == null ? List.of() : List.copyOf(entries);
        proof = proof == null ? List.of() : List.copyOf(proof);
        data = data == null ? NONE : data;
        signature = signature == null ? NONE : signature;
    }

    public static PbftMessage of(PbftMessageType type, long from, long to, long view) {
        return new PbftMessage(type, from, to, view, 0, 0, null, null, null, null, 0, 0, null);
    }

    public PbftMessage withSeq(long lo, long hi) {
        return new PbftMessage(type, from, to, view, lo, hi, digest, entries, proof, data, offset, total, signature);
    }

    public PbftMessage withDigest(byte[] d) {
        return new PbftMessage(type, from, to, view, seq, seqHi, d, entries, proof, data, offset, total, signature);
    }

    public PbftMessage withEntries(List<LogEntry> e) {
        return new PbftMessage(type, from, to, view, seq, seqHi, digest, e, proof, data, offset, total, signature);
    }

    public PbftMessage withProof(List<PbftMessage> p) {
        return new PbftMessage(type, from, to, view, seq, seqHi, digest, entries, p, data, offset, total, signature);
    }

    public PbftMessage withData(byte[] d, long at, long size) {
        return new PbftMessage(type, from, to, view, seq, seqHi, digest, entries, proof, d, at, size, signature);
    }

    public PbftMessage withSignature(byte[] s) {
        return new PbftMessage(type, from, to, view, seq, seqHi, digest, entries, proof, data, offset, total, s);
    }

    /** The same signed message addressed to another replica (the signature does not cover the receiver). */
    public PbftMessage to(long receiver) {
        return new PbftMessage(type, from, receiver, view, seq, seqHi, digest, entries, proof, data, offset, total,
                signature);
    }

    @Override
    public long term() {
        return view;
    }

    @Override
    public int sizeBytes() {
        int size = 64 + digest.length + data.length + signature.length;
        for (LogEntry e : entries) {
            size += e.sizeBytes();
        }
        for (PbftMessage p : proof) {
            size += p.sizeBytes();
        }
        return size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PbftMessage m && type == m.type && from == m.from && to == m.to && view == m.view
                && seq == m.seq && seqHi == m.seqHi && Arrays.equals(digest, m.digest) && entries.equals(m.entries)
                && proof.equals(m.proof) && Arrays.equals(data, m.data) && offset == m.offset && total == m.total
                && Arrays.equals(signature, m.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, from, to, view, seq, seqHi, entries.size(), proof.size())
                * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return type + "[" + from + "->" + to + " v" + view + " " + seq + ".." + seqHi
                + (entries.isEmpty() ? "" : " " + entries.size() + " entries")
                + (proof.isEmpty() ? "" : " proof " + proof.size()) + "]";
    }
}
