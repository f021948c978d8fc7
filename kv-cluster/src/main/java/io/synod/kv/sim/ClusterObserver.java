package io.synod.kv.sim;

import io.synod.kv.check.safety.CommitRuleChecker;
import io.synod.kv.check.safety.ElectionSafetyChecker;
import io.synod.kv.check.safety.EntryHash;
import io.synod.kv.check.safety.EntryIdentity;
import io.synod.kv.check.safety.LeaderCompletenessChecker;
import io.synod.kv.check.safety.StateMachineSafetyChecker;
import io.synod.kv.check.safety.Violation;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.LogView;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/** The hooks nodes report to while the run goes on: feeds the online checkers and the trace digest. */
final class ClusterObserver {

    private static final int TICK = 1;
    private static final int DELIVER = 2;
    private static final int PERSIST = 3;
    private static final int APPLY = 4;
    private static final int CRASH = 5;
    private static final int RESTART = 6;
    private static final int CLIENT = 7;
    private static final int WIPE = 8;

    private final TraceDigest trace = new TraceDigest();
    private final ElectionSafetyChecker elections = new ElectionSafetyChecker();
    private final StateMachineSafetyChecker applied;
    private final LeaderCompletenessChecker completeness;
    private final CommitRuleChecker commitRule = new CommitRuleChecker();
    private LongConsumer electionListener = node -> { };
    private long commandsCommitted;
    private long messagesDelivered;
    private long replicasWiped;

    ClusterObserver(EntryIdentity identity) {
        this.applied = new StateMachineSafetyChecker(identity);
        this.completeness = new LeaderCompletenessChecker(applied);
    }

    void tick(long node) {
        trace.add(TICK, node, 0, 0);
    }

    void delivered(long from, long to, long term, int sizeBytes) {
        messagesDelivered++;
        trace.add(DELIVER, from, to, term * 1_000_003 + sizeBytes);
    }

    void persisted(long node, long lastIndex, long term, long commit) {
        trace.add(PERSIST, node, lastIndex, term * 1_000_003 + commit);
    }

    void crashed(long node) {
        trace.add(CRASH, node, 0, 0);
    }

    void wiped(long node) {
        replicasWiped++;
        trace.add(WIPE, node, 0, 0);
    }

    void restarted(long node) {
        trace.add(RESTART, node, 0, 0);
    }

    void clientEvent(int client, long opId, long outcome) {
        trace.add(CLIENT, client, opId, outcome);
    }

    /** {@code node} applied {@code entry}; returns the entry's data hash. */
    long applied(long node, LogEntry entry) {
        long hash = EntryHash.of(entry);
        if (entry.type() == EntryType.NORMAL && applied.appliedAt(entry.index()) == null) {
            commandsCommitted++;
        }
        applied.observeApply(node, entry.index(), entry.term(), hash);
        trace.add(APPLY, node, entry.index(), entry.term() ^ hash);
        return hash;
    }

    /** Lets the fault injector react to elections (e.g. cut off a fresh leader). */
    void onElection(LongConsumer listener) {
        this.electionListener = listener;
    }

    void leaderElected(long node, long term, LogView log) {
        elections.observeLeader(term, node);
        completeness.observeElection(node, term, log);
        electionListener.accept(node);
    }

    void leaderCommitted(long term, long commitIndex) {
        completeness.observeLeaderCommit(term, commitIndex);
    }

    void leaderAdvancedCommit(long node, long term, long commitIndex, long entryTerm) {
        commitRule.observeCommitAdvance(node, term, commitIndex, entryTerm);
    }

    StateMachineSafetyChecker appliedEntries() {
        return applied;
    }

    List<Violation> violations() {
        List<Violation> all = new ArrayList<>(elections.violations());
        all.addAll(applied.violations());
        all.addAll(completeness.violations());
        all.addAll(commitRule.violations());
        return all;
    }

    long commandsCommitted() {
        return commandsCommitted;
    }

    long messagesDelivered() {
        return messagesDelivered;
    }

    long replicasWiped() {
        return replicasWiped;
    }

    long traceDigest() {
        return trace.value();
    }
}
