package io.synod.kv.consensus.pbft;

import io.synod.kv.consensus.api.LogEntry;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks certificates: sets of signed votes from distinct replicas that all say the same thing.
 * A certificate counts only the votes that are well signed, from members, and match; anything
 * else in it is ignored, so a faulty replica cannot pad one.
 */
final class PbftCertificates {

    private final PbftQuorum quorum;
    private final PbftAuthenticator auth;
    private final int strong;
    private final boolean checkSignatures;

    PbftCertificates(PbftQuorum quorum, PbftAuthenticator auth, PbftDefect defect) {
        this.quorum = quorum;
        this.auth = auth;
        this.checkSignatures = defect != PbftDefect.SKIP_SIGNATURE_CHECK;
        this.strong = defect == PbftDefect.WEAK_QUORUM ? quorum.weak() : quorum.quorum();
    }

    int strong() {
        return strong;
    }

    boolean signedByMember(PbftMessage m) {
        return quorum.contains(m.from()) && (!checkSignatures || auth.verify(m));
    }

    /** How many distinct members signed a vote of {@code type} on exactly (view, lo, hi, digest). */
    int votes(List<PbftMessage> proof, PbftMessageType type, long view, long lo, long hi, byte[] digest) {
        Set<Long> voters = new HashSet<>();
        for (PbftMessage v : proof) {
            if (v.type() == type && v.view() == view && v.seq() == lo && v.seqHi() == hi
                    && Arrays.equals(v.digest(), digest) && !voters.contains(v.from()) && signedByMember(v)) {
                voters.add(v.from());
            }
        }
        return voters.size();
    }

    /** A stable checkpoint: 2f+1 CHECKPOINTs for (seq, digest). Sequence 0 (the empty state) needs none. */
    boolean checkpoint(long seq, byte[] digest, List<PbftMessage> proof) {
        if (seq == 0) {
            return true;
        }
        Set<Long> voters = new HashSet<>();
        for (PbftMessage v : proof) {
            if (v.type() == PbftMessageType.CHECKPOINT && v.seq() == seq && Arrays.equals(v.digest(), digest)
                    && !voters.contains(v.from()) && signedByMember(v)) {
                voters.add(v.from());
            }
        }
        return voters.size() >= strong;
    }

    /** A batch whose entries match its digest and its sequence numbers. */
    static boolean wellFormedBatch(long lo, long hi, byte[] digest, List<LogEntry> entries) {
        if (lo <= 0 || hi < lo || entries.size() != hi - lo + 1) {
            return false;
        }
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).index() != lo + i) {
                return false;
            }
        }
        return Arrays.equals(digest, PbftDigests.batch(entries));
    }

    /** A prepared certificate: a batch with 2f+1 matching PREPAREs of its view. */
    boolean prepared(PbftMessage cert) {
        return wellFormedBatch(cert.seq(), cert.seqHi(), cert.digest(), cert.entries())
                && votes(cert.proof(), PbftMessageType.PREPARE, cert.view(), cert.seq(), cert.seqHi(), cert.digest())
                >= strong;
    }

    /** A committed batch: 2f+1 matching COMMITs, or PREPAREs from every replica (the fast path). */
    boolean committed(long view, long lo, long hi, byte[] digest, List<PbftMessage> proof) {
        return votes(proof, PbftMessageType.COMMIT, view, lo, hi, digest) >= strong
                || votes(proof, PbftMessageType.PREPARE, view, lo, hi, digest) >= quorum.n();
    }
}
