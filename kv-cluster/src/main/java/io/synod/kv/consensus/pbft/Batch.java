package io.synod.kv.consensus.pbft;

import io.synod.kv.consensus.api.LogEntry;

import java.util.HexFormat;
import java.util.List;

/** A batch pre-prepared in the current view: its requests, and how far this replica got with it. */
final class Batch {

    final long view;
    final long lo;
    final long hi;
    final byte[] digest;
    final List<LogEntry> entries;
    /** The signed PRE_PREPARE (or NEW_VIEW) that carried it, for retransmission by the primary. */
    final PbftMessage carrier;
    /** Its entries are in the log (persisted or about to be, before any vote leaves). */
    boolean written;
    PbftMessage myPrepare;
    PbftMessage myCommit;
    boolean prepared;
    boolean committed;
    boolean fastCertificateSent;

    Batch(long view, long lo, long hi, byte[] digest, List<LogEntry> entries, PbftMessage carrier) {
        this.view = view;
        this.lo = lo;
        this.hi = hi;
        this.digest = digest;
        this.entries = List.copyOf(entries);
        this.carrier = carrier;
    }

    VoteKey key() {
        return new VoteKey(view, lo, hi, HexFormat.of().formatHex(digest));
    }

    boolean overlaps(long otherLo, long otherHi) {
        return lo <= otherHi && otherLo <= hi;
    }

    /** Identifies what a PREPARE or COMMIT votes for. */
    record VoteKey(long view, long lo, long hi, String digest) {

        static VoteKey of(PbftMessage vote) {
            return new VoteKey(vote.view(), vote.seq(), vote.seqHi(), HexFormat.of().formatHex(vote.digest()));
        }
    }
}
