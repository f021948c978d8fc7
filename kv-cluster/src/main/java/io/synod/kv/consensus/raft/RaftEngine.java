package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.api.ConfChange;
import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.ConsensusEngine;
import io.synod.kv.consensus.api.EngineConfig;
import io.synod.kv.consensus.api.EngineStatus;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.HardState;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.LogView;
import io.synod.kv.consensus.api.ProposeResult;
import io.synod.kv.consensus.api.ReadState;
import io.synod.kv.consensus.api.Ready;
import io.synod.kv.consensus.api.RepairFloor;
import io.synod.kv.consensus.api.Role;
import io.synod.kv.consensus.api.Snapshot;
import io.synod.kv.consensus.api.SnapshotMeta;
import io.synod.kv.consensus.api.SoftState;
import io.synod.kv.consensus.raft.RaftMessage.Type;
import io.synod.kv.consensus.support.HeartbeatRounds;
import io.synod.kv.consensus.support.ReadIndexQueue;
import io.synod.kv.consensus.support.SnapshotAssembler;
import io.synod.kv.consensus.support.SnapshotTransfer;
import io.synod.kv.consensus.support.UncommittedBudget;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Raft as a pure state machine, shaped like etcd-raft's RawNode: inputs through
 * {@link #tick()}, {@link #step}, {@link #propose} and friends; effects through {@link #ready()}.
 *
 * <p>Implements leader election with randomized timeouts, pre-vote, check-quorum and leader
 * stickiness; pipelined, batched, flow-controlled replication; commitment by a current-term
 * majority; fast conflict backtracking; chunked snapshot transfer; ReadIndex and lease reads;
 * leadership transfer; single-server membership changes with learners; and, for a replica
 * repaired after storage damage, elections judged against the log it lost.
 *
 * <p>Persistence contract: entries and term/vote changes are handed out in {@link Ready#entries()}
 * and {@link Ready#hardState()}; anything that acknowledges them (vote grants, append and
 * snapshot acknowledgements, vote requests that carry this node's own vote) goes into
 * {@link Ready#messagesAfterPersist()}. A leader counts its own log only once
 * {@link #advance} confirmed it durable.
 */
public final class RaftEngine implements ConsensusEngine<RaftMessage> {

    private final EngineConfig config;
    private final long id;
    private final RaftDefect defect;
    private final RaftLog log;
    private final ConfHistory confs;
    private final ProgressTracker tracker;
    private final SnapshotAssembler assembler = new SnapshotAssembler();
    private final ReadIndexQueue reads = new ReadIndexQueue();
    private final HeartbeatRounds rounds = new HeartbeatRounds();

    private long term;
    private long vote;
    private long leaderId;
    private Role role;

    private long nowTick;
    private int electionElapsed;
    private int heartbeatElapsed;
    private int randomizedElectionTimeout;
    /** Ticks since a leader was last heard from (boot counts as contact, for lease safety). */
    private int ticksSinceLeaderContact;

    private long leadTransferee;
    private int transferElapsed;
    /** Set once TIMEOUT_NOW went out: another node may win this term's successor election early. */
    private boolean leaseRevoked;
    /** Leader: index of the latest conf change in the log; a new one waits until it commits. */
    private long pendingConfIndex;
    /** Leader: sizes of entries appended in this term and not yet committed, by index. */
    private final UncommittedBudget uncommitted;
    private boolean appendsPending;

    private final List<RaftMessage> messages = new ArrayList<>();
    private final List<RaftMessage> messagesAfterPersist = new ArrayList<>();
    private final List<ReadState> readStates = new ArrayList<>();
    private HardState lastHardState;
    private SoftState lastSoftState;
    private Ready<RaftMessage> outstanding;

    public RaftEngine(EngineConfig config) {
        this(config, RaftDefect.NONE);
    }

    private RaftEngine(EngineConfig config, RaftDefect defect) {
        this.config = config;
        this.id = config.id();
        this.defect = defect;
        LogView durable = config.log();
        this.log = new RaftLog(durable, config.appliedIndex());
        this.uncommitted = new UncommittedBudget(config.maxUncommittedBytes());
        this.confs = new ConfHistory(durable.snapshotMeta().confState());
        replayConfChanges(durable);
        this.tracker = new ProgressTracker(id, confs.current(), config.maxInflightMessages());
        HardState hs = durable.hardState();
        this.term = hs.term();
        this.vote = hs.vote();
        this.lastHardState = hs;
        becomeFollower(term, 0);
        // With lease reads a restarted replica must not help elect a new leader while an old
        // leader's lease may still count on it, so boot counts as leader contact.
        this.ticksSinceLeaderContact = config.leaseReads() ? 0 : Integer.MAX_VALUE;
        this.lastSoftState = softState();
    }

    /**
     * For checker self-tests only: an engine with one deliberate protocol bug, which the
     * simulator's checkers must detect. Never use in a real node.
     */
    public static RaftEngine withDefect(EngineConfig config, RaftDefect defect) {
        return new RaftEngine(config, defect);
    }

    private void replayConfChanges(LogView durable) {
        long next = durable.firstIndex();
        long last = durable.lastIndex();
        while (next <= last) {
            List<LogEntry> batch = durable.entries(next, last + 1, 1 << 20);
            batch.forEach(confs::append);
            next = batch.get(batch.size() - 1).index() + 1;
        }
    }

    // ---------------------------------------------------------------- inputs

    @Override
    public long id() {
        return id;
    }

    @Override
    public void tick() {
        nowTick++;
        if (ticksSinceLeaderContact < Integer.MAX_VALUE) {
            ticksSinceLeaderContact++;
        }
        if (role == Role.LEADER) {
            tickLeader();
        } else {
            tickElection();
        }
    }

    private void tickElection() {
        electionElapsed++;
        if (promotable() && electionElapsed >= randomizedElectionTimeout) {
            electionElapsed = 0;
            campaign(config.preVote(), false);
        }
    }

    private void tickLeader() {
        heartbeatElapsed++;
        electionElapsed++;
        if (electionElapsed >= config.electionTicks()) {
            electionElapsed = 0;
            if (config.checkQuorum()) {
                if (!tracker.quorumActive()) {
                    becomeFollower(term, 0);
                    return;
                }
                tracker.resetRecentActive();
            }
        }
        if (leadTransferee != 0 && ++transferElapsed >= config.electionTicks()) {
            leadTransferee = 0;
        }
        if (heartbeatElapsed >= config.heartbeatTicks()) {
            heartbeatElapsed = 0;
            broadcastHeartbeat();
        }
        retransmitStalledSnapshots();
    }

    @Override
    public void step(RaftMessage m) {
        if (!MessageChecks.wellFormed(m, id)) {
            return;
        }
        if (!tracker.isMember(m.from()) && !acceptedFromNonMember(m.type())) {
            return;
        }
        if (m.term() > term) {
            if (!stepHigherTerm(m)) {
                return;
            }
        } else if (m.term() < term) {
            answerStaleTerm(m);
            return;
        }
        switch (m.type()) {
            case PRE_VOTE, VOTE -> handleVoteRequest(m);
            default -> {
                switch (role) {
                    case LEADER -> stepLeader(m);
                    case CANDIDATE, PRE_CANDIDATE -> stepCandidate(m);
                    default -> stepFollower(m);
                }
            }
        }
    }

    /**
     * A node that is not in our configuration may be a leader we do not know about yet (we are
     * new, or our log lags behind a membership change) or a candidate that a configuration we
     * have not seen yet made a voter (Raft thesis 4.1). Everything else from it is ignored.
     */
    private static boolean acceptedFromNonMember(Type type) {
        return switch (type) {
            case APPEND, HEARTBEAT, INSTALL_SNAPSHOT, VOTE, PRE_VOTE -> true;
            default -> false;
        };
    }

    /** Handles a message from a higher term; returns whether to go on processing it. */
    private boolean stepHigherTerm(RaftMessage m) {
        boolean voteRequest = m.type() == Type.VOTE || m.type() == Type.PRE_VOTE;
        if (voteRequest && !m.transfer() && inLease() && (config.checkQuorum() || !tracker.isMember(m.from()))) {
            return false;
        }
        if (m.type() == Type.PRE_VOTE || (m.type() == Type.PRE_VOTE_RESPONSE && !m.reject())) {
            return true;
        }
        boolean fromLeader = m.type() == Type.APPEND || m.type() == Type.HEARTBEAT || m.type() == Type.INSTALL_SNAPSHOT;
        becomeFollower(m.term(), fromLeader ? m.from() : 0);
        return true;
    }

    /**
     * Whether we believe a leader is alive: we lead (with check-quorum keeping that honest), or
     * heard from a leader within an election timeout. Such a node does not help a disruptive
     * candidate (leader stickiness), which is also what makes leader leases sound.
     */
    private boolean inLease() {
        if (role == Role.LEADER) {
            return config.checkQuorum();
        }
        return ticksSinceLeaderContact < config.electionTicks();
    }

    private void answerStaleTerm(RaftMessage m) {
        switch (m.type()) {
            case APPEND, HEARTBEAT, INSTALL_SNAPSHOT -> acknowledge(reply(m, Type.APPEND_RESPONSE).withLog(0, log.committed()));
            case PRE_VOTE -> acknowledge(reply(m, Type.PRE_VOTE_RESPONSE).withReject(true, 0, 0));
            case VOTE -> acknowledge(reply(m, Type.VOTE_RESPONSE).withReject(true, 0, 0));
            default -> {
            }
        }
    }

    // ---------------------------------------------------------------- elections

    private boolean promotable() {
        return tracker.isVoter(id) && repairAllows(log.lastIndex(), log.lastTerm());
    }

    /**
     * Whether a repaired replica (see {@link RepairFloor}) may help elect a candidate whose log
     * ends at ({@code lastIndex}, {@code lastTerm}), itself included: only if that log is at
     * least as up to date as the one it lost, unless it has caught up past that anyway.
     */
    private boolean repairAllows(long lastIndex, long lastTerm) {
        RepairFloor floor = config.repairFloor();
        return log.committed() >= floor.index() || floor.reachedBy(lastIndex, lastTerm)
                || defect == RaftDefect.REPAIR_WITHOUT_ABSTENTION;
    }

    private void campaign(boolean pre, boolean transfer) {
        if (!promotable()) {
            return;
        }
        long voteTerm;
        if (pre) {
            becomePreCandidate();
            voteTerm = term + 1;
        } else {
            becomeCandidate();
            voteTerm = term;
        }
        if (tracker.recordVote(id, true) == ProgressTracker.VoteResult.WON) {
            if (pre) {
                campaign(false, transfer);
            } else {
                becomeLeader();
            }
            return;
        }
        for (long voter : tracker.conf().voters()) {
            if (voter == id) {
                continue;
            }
            RaftMessage request = RaftMessage.of(pre ? Type.PRE_VOTE : Type.VOTE, id, voter, voteTerm)
                    .withLog(log.lastTerm(), log.lastIndex()).withTransfer(transfer);
            if (pre) {
                messages.add(request);
            } else {
                // Carries our own vote: it must be durable before anyone can count on it.
                messagesAfterPersist.add(request);
            }
        }
    }

    private void handleVoteRequest(RaftMessage m) {
        boolean pre = m.type() == Type.PRE_VOTE;
        Type responseType = pre ? Type.PRE_VOTE_RESPONSE : Type.VOTE_RESPONSE;
        boolean canVote = vote == m.from()
                || (vote == 0 && leaderId == 0)
                || (pre && m.term() > term)
                || (defect == RaftDefect.DOUBLE_VOTE && !pre && role != Role.LEADER);
        if (canVote && log.isUpToDate(m.index(), m.logTerm()) && repairAllows(m.index(), m.logTerm())) {
            acknowledge(RaftMessage.of(responseType, id, m.from(), m.term()));
            if (!pre) {
                vote = m.from();
                electionElapsed = 0;
            }
        } else {
            acknowledge(RaftMessage.of(responseType, id, m.from(), term).withReject(true, 0, 0));
        }
    }

    private void stepCandidate(RaftMessage m) {
        switch (m.type()) {
            case APPEND, HEARTBEAT, INSTALL_SNAPSHOT -> {
                becomeFollower(term, m.from());
                stepFollower(m);
            }
            case PRE_VOTE_RESPONSE, VOTE_RESPONSE -> {
                boolean pre = m.type() == Type.PRE_VOTE_RESPONSE;
                if (pre != (role == Role.PRE_CANDIDATE)) {
                    return;
                }
                if (pre && !m.reject() && m.term() != term + 1) {
                    return;
                }
                switch (tracker.recordVote(m.from(), !m.reject())) {
                    case WON -> {
                        if (pre) {
                            campaign(false, false);
                        } else {
                            becomeLeader();
                        }
                    }
                    case LOST -> becomeFollower(term, 0);
                    case PENDING -> {
                    }
                }
            }
            default -> {
            }
        }
    }

    // ---------------------------------------------------------------- role changes

    private Role followerRole() {
        return tracker.conf().learners().contains(id) ? Role.LEARNER : Role.FOLLOWER;
    }

    private void becomeFollower(long newTerm, long leader) {
        if (newTerm != term) {
            term = newTerm;
            vote = 0;
        }
        role = followerRole();
        leaderId = leader;
        resetRoleState();
        if (leader != 0) {
            ticksSinceLeaderContact = 0;
        }
    }

    private void becomePreCandidate() {
        role = Role.PRE_CANDIDATE;
        leaderId = 0;
        resetRoleState();
    }

    private void becomeCandidate() {
        term++;
        vote = id;
        role = Role.CANDIDATE;
        leaderId = 0;
        resetRoleState();
    }

    private void becomeLeader() {
        Invariants.check(role == Role.CANDIDATE, "only a candidate becomes leader");
        role = Role.LEADER;
        leaderId = id;
        resetRoleState();
        tracker.resetProgress(log.lastIndex() + 1, log.lastIndex());
        pendingConfIndex = confs.lastChangeIndex();
        appendAsLeader(EntryType.NOOP, new byte[0]);
        broadcastAppend();
    }

    private void resetRoleState() {
        electionElapsed = 0;
        heartbeatElapsed = 0;
        randomizedElectionTimeout = config.electionTicks() + config.random().nextInt(config.electionTicks());
        tracker.resetVotes();
        tracker.clearProgress();
        leadTransferee = 0;
        transferElapsed = 0;
        leaseRevoked = false;
        uncommitted.clear();
        appendsPending = false;
        reads.clear();
        rounds.reset();
        assembler.reset();
    }

    // ---------------------------------------------------------------- follower

    private void stepFollower(RaftMessage m) {
        switch (m.type()) {
            case APPEND -> {
                heardFromLeader(m.from());
                handleAppend(m);
            }
            case HEARTBEAT -> {
                heardFromLeader(m.from());
                log.commitTo(Math.min(m.commit(), log.lastIndex()));
                RaftMessage ack = reply(m, Type.HEARTBEAT_RESPONSE).withContext(m.context());
                if (m.commit() > log.lastIndex()) {
                    // The leader sends at most what it knows we hold: we lost acknowledged entries
                    // (our storage was repaired). Say where our log ends, so it resends from there.
                    ack = ack.withReject(true, log.lastIndex(), 0);
                }
                acknowledge(ack);
            }
            case INSTALL_SNAPSHOT -> {
                heardFromLeader(m.from());
                handleSnapshotChunk(m);
            }
            case TIMEOUT_NOW -> {
                if (m.from() == leaderId) {
                    campaign(false, true);
                }
            }
            case READ_INDEX_RESPONSE -> {
                if (m.from() == leaderId && !m.reject()) {
                    readStates.add(new ReadState(m.context(), m.index()));
                }
            }
            default -> {
            }
        }
    }

    private void heardFromLeader(long from) {
        leaderId = from;
        electionElapsed = 0;
        ticksSinceLeaderContact = 0;
    }

    private void handleAppend(RaftMessage m) {
        if (m.index() < log.committed()) {
            acknowledge(reply(m, Type.APPEND_RESPONSE).withLog(0, log.committed()));
            return;
        }
        if (log.matchTerm(m.index(), m.logTerm())) {
            List<LogEntry> suffix = log.newSuffix(m.entries());
            if (!suffix.isEmpty()) {
                appendToLog(suffix);
            }
            long lastNew = m.index() + m.entries().size();
            log.commitTo(Math.min(m.commit(), lastNew));
            acknowledge(reply(m, Type.APPEND_RESPONSE).withLog(0, lastNew));
            return;
        }
        long hint = log.findConflictByTerm(Math.min(m.index(), log.lastIndex()), m.logTerm());
        long hintTerm = Math.max(0, log.term(hint));
        acknowledge(reply(m, Type.APPEND_RESPONSE).withLog(0, m.index()).withReject(true, hint, hintTerm));
    }

    private void handleSnapshotChunk(RaftMessage m) {
        SnapshotMeta meta = m.snapshot();
        if (meta.index() <= log.committed()) {
            assembler.reset();
            acknowledge(reply(m, Type.APPEND_RESPONSE).withLog(0, log.committed()));
            return;
        }
        if (log.matchTerm(meta.index(), meta.term())) {
            // We already hold the snapshot's last entry (perhaps appended while earlier chunks were
            // in flight): the prefix is committed, and restoring would cut off entries we may
            // already have acknowledged.
            assembler.reset();
            log.commitTo(meta.index());
            acknowledge(reply(m, Type.APPEND_RESPONSE).withLog(0, meta.index()));
            return;
        }
        SnapshotAssembler.Outcome outcome = assembler.accept(meta, m.snapshotOffset(), m.snapshotData(), m.snapshotDone());
        if (outcome.complete() == null) {
            messages.add(reply(m, Type.INSTALL_SNAPSHOT_RESPONSE)
                    .withSnapshot(meta, outcome.expectedOffset(), null, false)
                    .withReject(!outcome.accepted(), 0, 0));
            return;
        }
        restore(outcome.complete());
        acknowledge(reply(m, Type.APPEND_RESPONSE).withLog(0, log.lastIndex()));
    }

    private void restore(Snapshot snapshot) {
        log.restore(snapshot);
        confs.reset(snapshot.meta().confState());
        syncConf();
    }

    // ---------------------------------------------------------------- leader

    private void stepLeader(RaftMessage m) {
        Progress pr = tracker.get(m.from());
        if (pr == null) {
            return;
        }
        pr.recentActive = true;
        switch (m.type()) {
            case APPEND_RESPONSE -> handleAppendResponse(m, pr);
            case HEARTBEAT_RESPONSE -> {
                if (m.reject()) {
                    pr.lostEntriesAfter(m.rejectHint());
                }
                pr.probeSent = false;
                if (pr.state == Progress.State.REPLICATE && pr.inflights.full()) {
                    pr.inflights.freeFirst();
                }
                pr.ackedRound = Math.max(pr.ackedRound, Math.min(m.context(), rounds.current()));
                if (pr.match < log.lastIndex()) {
                    // Even an empty APPEND makes a follower that lost earlier ones reject and resync.
                    sendAppend(m.from(), pr, true);
                }
                releaseConfirmedReads();
            }
            case INSTALL_SNAPSHOT_RESPONSE -> handleSnapshotResponse(m, pr);
            case READ_INDEX -> handleReadRequest(new ReadIndexQueue.Request(m.from(), m.context()));
            default -> {
            }
        }
    }

    private void handleAppendResponse(RaftMessage m, Progress pr) {
        if (m.reject()) {
            long probeFrom = m.rejectHintTerm() > 0
                    ? log.findConflictByTerm(m.rejectHint(), m.rejectHintTerm())
                    : m.rejectHint();
            if (pr.maybeDecrease(m.index(), probeFrom)) {
                if (pr.state == Progress.State.REPLICATE) {
                    pr.becomeProbe();
                }
                sendAppend(m.from(), pr, false);
            }
            return;
        }
        if (m.index() > log.lastIndex()) {
            return;
        }
        boolean wasPaused = pr.paused();
        if (!pr.maybeUpdate(m.index()) && !(pr.match == m.index() && pr.state == Progress.State.PROBE)) {
            return;
        }
        switch (pr.state) {
            case PROBE -> pr.becomeReplicate();
            case SNAPSHOT -> {
                if (pr.match + 1 >= log.firstIndex()) {
                    pr.becomeReplicate();
                }
            }
            case REPLICATE -> pr.inflights.freeTo(m.index());
        }
        if (maybeCommit()) {
            broadcastAppend();
        } else if (wasPaused) {
            sendAppend(m.from(), pr, true);
        }
        while (role == Role.LEADER && sendAppend(m.from(), pr, false)) {
            // Keep the pipeline full while the window has room and entries remain.
        }
        if (m.from() == leadTransferee && pr.match == log.lastIndex()) {
            sendTimeoutNow(m.from());
        }
    }

    /** Sends the next APPEND to a peer if flow control allows; returns whether one was sent. */
    private boolean sendAppend(long to, Progress pr, boolean evenIfEmpty) {
        if (pr.paused()) {
            return false;
        }
        long prevIndex = pr.next - 1;
        long prevTerm = log.term(prevIndex);
        List<LogEntry> entries = log.entries(pr.next, log.lastIndex() + 1, config.maxBytesPerMessage());
        if (prevTerm < 0 || entries == null) {
            startSnapshot(to, pr);
            return false;
        }
        if (entries.isEmpty() && !evenIfEmpty && pr.state != Progress.State.PROBE) {
            return false;
        }
        messages.add(RaftMessage.of(Type.APPEND, id, to, term).withLog(prevTerm, prevIndex)
                .withEntries(entries).withCommit(log.committed()));
        long last = entries.isEmpty() ? prevIndex : entries.get(entries.size() - 1).index();
        pr.sentEntries(last, !entries.isEmpty());
        return true;
    }

    private void broadcastAppend() {
        for (Map.Entry<Long, Progress> e : tracker.peers().entrySet()) {
            sendAppend(e.getKey(), e.getValue(), true);
        }
        appendsPending = false;
    }

    private void broadcastHeartbeat() {
        long round = rounds.start(nowTick, config.electionTicks());
        for (Map.Entry<Long, Progress> e : tracker.peers().entrySet()) {
            long commit = Math.min(log.committed(), e.getValue().match);
            messages.add(RaftMessage.of(Type.HEARTBEAT, id, e.getKey(), term).withCommit(commit).withContext(round));
        }
    }

    /** Advances the commit index to what a quorum holds, if that entry is of the current term. */
    private boolean maybeCommit() {
        long quorumIndex = tracker.quorumValue(log.stableLastIndex(), p -> p.match);
        if (quorumIndex <= log.committed()) {
            return false;
        }
        if (log.term(quorumIndex) != term && defect != RaftDefect.COMMIT_PREVIOUS_TERM_MAJORITY) {
            return false;
        }
        log.commitTo(quorumIndex);
        onLeaderCommit();
        return true;
    }

    private void onLeaderCommit() {
        uncommitted.releaseThrough(log.committed());
        if (committedInCurrentTerm()) {
            reads.drainAwaitingCommit().forEach(this::handleReadRequest);
        }
        if (!tracker.isVoter(id) && pendingConfIndex <= log.committed()) {
            // Our removal is committed: tell everyone, then stop leading (thesis 4.2.2).
            broadcastAppend();
            becomeFollower(term, 0);
        }
    }

    private boolean committedInCurrentTerm() {
        return log.term(log.committed()) == term;
    }

    private long appendAsLeader(EntryType type, byte[] data) {
        LogEntry entry = new LogEntry(log.lastIndex() + 1, term, type, data);
        appendToLog(List.of(entry));
        uncommitted.track(entry.index(), entry.sizeBytes());
        appendsPending = true;
        return entry.index();
    }

    /** Every append goes through here so that membership follows the log. */
    private void appendToLog(List<LogEntry> entries) {
        confs.truncateFrom(entries.get(0).index());
        log.append(entries);
        entries.forEach(confs::append);
        syncConf();
    }

    private void syncConf() {
        ConfState now = confs.current();
        if (now.equals(tracker.conf())) {
            return;
        }
        tracker.setConf(now, log.lastIndex() + 1, role == Role.LEADER);
        if (role == Role.FOLLOWER || role == Role.LEARNER) {
            role = followerRole();
        }
        if (leadTransferee != 0 && !tracker.isVoter(leadTransferee)) {
            leadTransferee = 0;
        }
    }

    // ---------------------------------------------------------------- snapshots (leader side)

    private void startSnapshot(long to, Progress pr) {
        SnapshotMeta meta = log.stable().snapshotMeta();
        Invariants.check(meta.index() > 0, "a follower needs compacted entries but there is no snapshot");
        pr.becomeSnapshot(new SnapshotTransfer(meta));
        sendSnapshotChunk(to, pr);
    }

    private void sendSnapshotChunk(long to, Progress pr) {
        SnapshotTransfer transfer = pr.snapshot;
        SnapshotMeta current = log.stable().snapshotMeta();
        if (!transfer.sameSnapshot(current)) {
            transfer = new SnapshotTransfer(current);
            pr.becomeSnapshot(transfer);
        }
        byte[] chunk = transfer.ackedOffset() < current.sizeBytes()
                ? log.stable().snapshotChunk(transfer.ackedOffset(), config.snapshotChunkBytes())
                : new byte[0];
        boolean done = transfer.ackedOffset() + chunk.length == current.sizeBytes();
        messages.add(RaftMessage.of(Type.INSTALL_SNAPSHOT, id, to, term).withCommit(log.committed())
                .withSnapshot(current, transfer.ackedOffset(), chunk, done));
        transfer.chunkSent();
    }

    private void handleSnapshotResponse(RaftMessage m, Progress pr) {
        if (pr.state != Progress.State.SNAPSHOT || !pr.snapshot.sameSnapshot(m.snapshot())) {
            return;
        }
        SnapshotTransfer transfer = pr.snapshot;
        transfer.acknowledge(m.snapshotOffset());
        if (m.reject() || !transfer.acknowledgedAll()) {
            sendSnapshotChunk(m.from(), pr);
        }
    }

    /** Resends the unacknowledged chunk to followers that were silent for an election timeout. */
    private void retransmitStalledSnapshots() {
        for (Map.Entry<Long, Progress> e : tracker.peers().entrySet()) {
            Progress pr = e.getValue();
            if (pr.state == Progress.State.SNAPSHOT && pr.snapshot.tickIdle() >= config.electionTicks()) {
                sendSnapshotChunk(e.getKey(), pr);
            }
        }
    }

    // ---------------------------------------------------------------- proposals

    @Override
    public ProposeResult propose(byte[] command) {
        if (role != Role.LEADER) {
            return ProposeResult.notLeader(leaderId);
        }
        if (command == null || command.length == 0) {
            return ProposeResult.invalid();
        }
        if (leadTransferee != 0) {
            return ProposeResult.busy(id);
        }
        if (uncommitted.isFull(command.length)) {
            return ProposeResult.busy(id);
        }
        long index = appendAsLeader(EntryType.NORMAL, command.clone());
        return ProposeResult.accepted(index, term);
    }

    @Override
    public ProposeResult proposeConfChange(ConfChange change) {
        if (role != Role.LEADER) {
            return ProposeResult.notLeader(leaderId);
        }
        if (leadTransferee != 0 || pendingConfIndex > log.committed() || !committedInCurrentTerm()) {
            return ProposeResult.busy(id);
        }
        ConfState before = tracker.conf();
        ConfState after;
        try {
            after = before.apply(change);
        } catch (IllegalArgumentException e) {
            return ProposeResult.invalid();
        }
        if (after.equals(before) || after.voters().isEmpty()) {
            return ProposeResult.invalid();
        }
        long index = appendAsLeader(EntryType.CONF_CHANGE, change.encode());
        pendingConfIndex = index;
        return ProposeResult.accepted(index, term);
    }

    @Override
    public ProposeResult transferLeadership(long targetId) {
        if (role != Role.LEADER) {
            return ProposeResult.notLeader(leaderId);
        }
        if (targetId == id) {
            leadTransferee = 0;
            return ProposeResult.accepted(0, 0);
        }
        if (!tracker.isVoter(targetId)) {
            return ProposeResult.invalid();
        }
        if (leadTransferee != targetId) {
            leadTransferee = targetId;
            transferElapsed = 0;
            Progress pr = tracker.get(targetId);
            if (pr.match == log.lastIndex()) {
                sendTimeoutNow(targetId);
            } else {
                sendAppend(targetId, pr, true);
            }
        }
        return ProposeResult.accepted(0, 0);
    }

    private void sendTimeoutNow(long to) {
        leaseRevoked = true;
        messages.add(RaftMessage.of(Type.TIMEOUT_NOW, id, to, term));
    }

    // ---------------------------------------------------------------- reads

    @Override
    public ProposeResult requestRead(long readId) {
        if (role == Role.LEADER) {
            handleReadRequest(new ReadIndexQueue.Request(id, readId));
            return ProposeResult.accepted(0, 0);
        }
        if (leaderId == 0) {
            return ProposeResult.notLeader(0);
        }
        messages.add(RaftMessage.of(Type.READ_INDEX, id, leaderId, term).withContext(readId));
        return ProposeResult.accepted(0, 0);
    }

    private void handleReadRequest(ReadIndexQueue.Request request) {
        if (!committedInCurrentTerm()) {
            reads.awaitCommit(request);
            return;
        }
        if (tracker.conf().voters().equals(Set.of(id)) || leaseValid()) {
            releaseRead(request, log.committed());
            return;
        }
        long round = rounds.hasUnsentRound() ? rounds.current() : startReadRound();
        reads.awaitQuorum(request, log.committed(), round);
    }

    private long startReadRound() {
        broadcastHeartbeat();
        return rounds.current();
    }

    private void releaseConfirmedReads() {
        long confirmed = tracker.quorumValue(Long.MAX_VALUE, p -> p.ackedRound);
        for (ReadIndexQueue.Pending p : reads.releaseUpTo(confirmed)) {
            releaseRead(p.request(), p.index());
        }
    }

    private void releaseRead(ReadIndexQueue.Request request, long index) {
        if (request.requester() == id) {
            readStates.add(new ReadState(request.readId(), index));
        } else {
            messages.add(RaftMessage.of(Type.READ_INDEX_RESPONSE, id, request.requester(), term)
                    .withLog(0, index).withContext(request.readId()));
        }
    }

    /**
     * The leader lease: a quorum acknowledged a heartbeat sent less than an election timeout ago,
     * so (by stickiness) none of them will help elect another leader before it expires.
     */
    private boolean leaseValid() {
        if (!config.leaseReads() || role != Role.LEADER || leadTransferee != 0 || leaseRevoked
                || !committedInCurrentTerm()) {
            return false;
        }
        long confirmed = tracker.quorumValue(Long.MAX_VALUE, p -> p.ackedRound);
        if (confirmed == Long.MAX_VALUE) {
            return true;
        }
        long sent = rounds.sentTick(confirmed);
        return sent != Long.MIN_VALUE && nowTick < sent + config.electionTicks();
    }

    // ---------------------------------------------------------------- Ready / advance

    @Override
    public boolean hasReady() {
        return !softState().equals(lastSoftState)
                || !hardState().equals(lastHardState)
                || !log.nextUnstableEntries().isEmpty()
                || log.nextUnstableSnapshot() != null
                || !messages.isEmpty()
                || !messagesAfterPersist.isEmpty()
                || !readStates.isEmpty()
                || appendsPending
                || log.committed() > log.applying();
    }

    @Override
    public Ready<RaftMessage> ready() {
        if (outstanding != null) {
            throw new IllegalStateException("the previous Ready was not advanced yet");
        }
        if (appendsPending && role == Role.LEADER) {
            for (Map.Entry<Long, Progress> e : tracker.peers().entrySet()) {
                while (sendAppend(e.getKey(), e.getValue(), false)) {
                    // Batch everything proposed since the last Ready, window permitting.
                }
            }
        }
        appendsPending = false;
        List<LogEntry> entries = log.nextUnstableEntries();
        Snapshot snapshot = log.nextUnstableSnapshot();
        log.acceptInProgress();
        HardState hs = hardState();
        boolean termOrVoteChanged = hs.term() != lastHardState.term() || hs.vote() != lastHardState.vote();
        HardState hsOut = hs.equals(lastHardState) ? null : hs;
        lastHardState = hs;
        SoftState ss = softState();
        SoftState ssOut = ss.equals(lastSoftState) ? null : ss;
        lastSoftState = ss;
        List<LogEntry> committed = log.nextCommittedEntries(config.maxUncommittedBytes());
        if (!committed.isEmpty()) {
            log.appliedTo(committed.get(committed.size() - 1).index());
        }
        Ready<RaftMessage> rd = new Ready<>(ssOut, hsOut, snapshot, entries, messages, messagesAfterPersist,
                committed, readStates, termOrVoteChanged || !entries.isEmpty() || snapshot != null);
        messages.clear();
        messagesAfterPersist.clear();
        readStates.clear();
        rounds.markSent();
        outstanding = rd;
        return rd;
    }

    @Override
    public void advance(Ready<RaftMessage> rd) {
        if (rd != outstanding) {
            throw new IllegalArgumentException("advance() must get the Ready returned by the last ready()");
        }
        outstanding = null;
        if (rd.snapshot() != null) {
            log.stableSnapshotTo(rd.snapshot().meta().index());
        }
        if (!rd.entries().isEmpty()) {
            LogEntry last = rd.entries().get(rd.entries().size() - 1);
            log.stableTo(last.index(), last.term());
        }
        if (role == Role.LEADER && maybeCommit()) {
            broadcastAppend();
        }
    }

    private HardState hardState() {
        return new HardState(term, vote, log.committed());
    }

    private SoftState softState() {
        return new SoftState(leaderId, role);
    }

    // ---------------------------------------------------------------- status

    @Override
    public EngineStatus status() {
        Map<Long, EngineStatus.PeerProgress> progress = new TreeMap<>();
        if (role == Role.LEADER) {
            progress.put(id, new EngineStatus.PeerProgress(log.stableLastIndex(), log.lastIndex() + 1, true, false));
            for (Map.Entry<Long, Progress> e : tracker.peers().entrySet()) {
                Progress p = e.getValue();
                progress.put(e.getKey(), new EngineStatus.PeerProgress(p.match, p.next, p.recentActive,
                        p.state == Progress.State.SNAPSHOT));
            }
        }
        return new EngineStatus(id, role, term, leaderId, log.committed(), log.applying(), log.lastIndex(),
                tracker.conf(), progress);
    }

    /** Membership in force once the log is applied up to {@code index} (for runtimes compacting). */
    public ConfState confStateAt(long index) {
        return confs.at(index);
    }

    /** A response to {@code request}, stamped with our (possibly just updated) term. */
    private RaftMessage reply(RaftMessage request, Type type) {
        return RaftMessage.of(type, id, request.from(), term);
    }

    /** Acknowledgements wait for persistence (unless the ACK_BEFORE_PERSIST defect is injected). */
    private void acknowledge(RaftMessage m) {
        if (defect == RaftDefect.ACK_BEFORE_PERSIST) {
            messages.add(m);
        } else {
            messagesAfterPersist.add(m);
        }
    }
}
