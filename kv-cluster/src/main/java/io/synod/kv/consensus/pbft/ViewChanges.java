package io.synod.kv.consensus.pbft;

import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks VIEW_CHANGE messages and computes what a new view must re-propose from a quorum of them,
 * deterministically, so every backup can recompute the new primary's NEW_VIEW and reject a
 * primary that drops or invents a request.
 *
 * <p>A VIEW_CHANGE carries the sender's stable checkpoint (sequence, digest, 2f+1 CHECKPOINTs),
 * its prepared certificates above it (a batch and 2f+1 PREPAREs), and its claims: for each
 * sequence number above the checkpoint the request it pre-prepared in its highest view. For each
 * sequence number the new view takes the candidate of the highest view, where a candidate is a
 * prepared certificate, or a request claimed by f+1 replicas (counted at the view of the
 * (f+1)-th highest claim, so at least one correct replica vouches for it). Certificates keep
 * requests committed through the COMMIT phase; f+1 claims keep those committed on the fast path
 * (every replica pre-prepared them) and, after a crash that lost certificates from memory, those
 * that a quorum persisted. Sequence numbers with no candidate become no-ops.
 */
final class ViewChanges {

    /** The new view's start: the checkpoint it builds on and the requests it re-proposes above it. */
    record NewViewPlan(long minSeq, byte[] checkpointDigest, List<PbftMessage> checkpointProof, List<LogEntry> entries) {

        long maxSeq() {
            return entries.isEmpty() ? minSeq : entries.get(entries.size() - 1).index();
        }
    }

    private record Candidate(long view, boolean certified, LogEntry entry, String digest) {
    }

    private final PbftQuorum quorum;
    private final PbftCertificates certs;
    private final int window;

    ViewChanges(PbftQuorum quorum, PbftCertificates certs, int window) {
        this.quorum = quorum;
        this.certs = certs;
        this.window = window;
    }

    static List<PbftMessage> checkpointProof(PbftMessage viewChange) {
        return viewChange.proof().stream().filter(p -> p.type() == PbftMessageType.CHECKPOINT).toList();
    }

    static List<PbftMessage> preparedCertificates(PbftMessage viewChange) {
        return viewChange.proof().stream().filter(p -> p.type() == PbftMessageType.PRE_PREPARE).toList();
    }

    /** Whether a VIEW_CHANGE is signed, its checkpoint certified, its certificates valid and its claims sane. */
    boolean valid(PbftMessage vc) {
        if (vc.type() != PbftMessageType.VIEW_CHANGE || !certs.signedByMember(vc)
                || !certs.checkpoint(vc.seq(), vc.digest(), checkpointProof(vc))) {
            return false;
        }
        long previous = vc.seq();
        for (LogEntry claim : vc.entries()) {
            if (claim.index() <= previous || claim.index() > vc.seq() + window || claim.term() >= vc.view()) {
                return false;
            }
            previous = claim.index();
        }
        for (PbftMessage cert : preparedCertificates(vc)) {
            if (cert.view() >= vc.view() || cert.seqHi() <= vc.seq() || cert.seqHi() > vc.seq() + window
                    || !certs.prepared(cert)) {
                return false;
            }
        }
        return true;
    }

    /** The plan from valid VIEW_CHANGEs for one view from distinct replicas. */
    NewViewPlan plan(List<PbftMessage> viewChanges) {
        PbftMessage base = viewChanges.stream().max(Comparator.comparingLong(PbftMessage::seq)).orElseThrow();
        long minSeq = base.seq();
        TreeMap<Long, List<Candidate>> claims = new TreeMap<>();
        TreeMap<Long, Candidate> certified = new TreeMap<>();
        for (PbftMessage vc : viewChanges) {
            for (LogEntry claim : vc.entries()) {
                if (claim.index() > minSeq) {
                    claims.computeIfAbsent(claim.index(), k -> new ArrayList<>())
                            .add(new Candidate(claim.term(), false, claim, hex(PbftDigests.entry(claim))));
                }
            }
            for (PbftMessage cert : preparedCertificates(vc)) {
                for (LogEntry e : cert.entries()) {
                    if (e.index() > minSeq) {
                        Candidate c = new Candidate(cert.view(), true, e, hex(PbftDigests.entry(e)));
                        certified.merge(e.index(), c, (a, b) -> better(a, b) ? a : b);
                    }
                }
            }
        }
        TreeSet<Long> seqs = new TreeSet<>(claims.keySet());
        seqs.addAll(certified.keySet());
        TreeMap<Long, Candidate> chosen = new TreeMap<>();
        for (long seq : seqs) {
            Candidate best = certified.get(seq);
            for (Candidate c : vouched(claims.getOrDefault(seq, List.of()))) {
                if (best == null || better(c, best)) {
                    best = c;
                }
            }
            if (best != null) {
                chosen.put(seq, best);
            }
        }
        List<LogEntry> entries = new ArrayList<>();
        long maxSeq = chosen.isEmpty() ? minSeq : chosen.lastKey();
        for (long seq = minSeq + 1; seq <= maxSeq; seq++) {
            Candidate c = chosen.get(seq);
            entries.add(c == null ? new LogEntry(seq, 0, EntryType.NOOP, new byte[0])
                    : new LogEntry(seq, 0, c.entry().type(), c.entry().data()));
        }
        return new NewViewPlan(minSeq, base.digest(), checkpointProof(base), entries);
    }

    /** Requests claimed by f+1 replicas at one sequence number, each at the view of its (f+1)-th highest claim. */
    private List<Candidate> vouched(List<Candidate> claims) {
        Map<String, List<Candidate>> byDigest = new HashMap<>();
        for (Candidate c : claims) {
            byDigest.computeIfAbsent(c.digest(), k -> new ArrayList<>()).add(c);
        }
        List<Candidate> out = new ArrayList<>();
        for (List<Candidate> same : byDigest.values()) {
            if (same.size() >= quorum.weak()) {
                same.sort(Comparator.comparingLong(Candidate::view).reversed());
                Candidate c = same.get(quorum.weak() - 1);
                out.add(c);
            }
        }
        return out;
    }

    /** Higher view wins; at equal views a certificate beats claims, then the smaller digest (deterministic). */
    private static boolean better(Candidate a, Candidate b) {
        if (a.view() != b.view()) {
            return a.view() > b.view();
        }
        if (a.certified() != b.certified()) {
            return a.certified();
        }
        return a.digest().compareTo(b.digest()) < 0;
    }

    /**
     * Whether a NEW_VIEW is what its VIEW_CHANGEs imply: signed by the view's primary, a quorum of
     * valid view changes for that view from distinct replicas, and exactly the planned batch.
     */
    boolean validNewView(PbftMessage nv) {
        if (nv.type() != PbftMessageType.NEW_VIEW || nv.from() != quorum.primary(nv.view()) || !certs.signedByMember(nv)) {
            return false;
        }
        Set<Long> senders = new HashSet<>();
        for (PbftMessage vc : nv.proof()) {
            if (vc.view() != nv.view() || !senders.add(vc.from()) || !valid(vc)) {
                return false;
            }
        }
        if (senders.size() < certs.strong()) {
            return false;
        }
        NewViewPlan plan = plan(nv.proof());
        List<LogEntry> expected = withView(plan.entries(), nv.view());
        return nv.seq() == plan.minSeq() + 1 && nv.seqHi() == plan.maxSeq() && nv.entries().equals(expected)
                && Arrays.equals(nv.digest(), expected.isEmpty() ? new byte[0] : PbftDigests.batch(expected));
    }

    static List<LogEntry> withView(List<LogEntry> entries, long view) {
        return entries.stream().map(e -> new LogEntry(e.index(), view, e.type(), e.data())).toList();
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
