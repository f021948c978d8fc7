package io.synod.kv.consensus.paxos;

import io.synod.kv.consensus.api.ConfChange;
import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.ConsensusEngine;
import io.synod.kv.consensus.api.EngineConfig;
import io.synod.kv.consensus.api.EngineStatus;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.HardState;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.ProposeResult;
import io.synod.kv.consensus.api.ReadState;
import io.synod.kv.consensus.api.Ready;
import io.synod.kv.consensus.api.RepairFloor;
import io.synod.kv.consensus.api.Role;
import io.synod.kv.consensus.api.Snapshot;
import io.synod.kv.consensus.api.SnapshotMeta;
import io.synod.kv.consensus.api.SoftState;
import io.synod.kv.consensus.paxos.PaxosMessage.Type;
import io.synod.kv.consensus.support.HeartbeatRounds;
import io.synod.kv.consensus.support.Quorum;
import io.synod.kv.consensus.support.ReadIndexQueue;
import io.synod.kv.consensus.support.SnapshotAssembler;
import io.synod.kv.consensus.support.SnapshotTransfer;
import io.synod.kv.consensus.support.UncommittedBudget;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Multi-Paxos as a pure state machine, driven like {@link io.synod.kv.consensus.raft.RaftEngine}.
 *
 * <p>Every replica is acceptor and learner; voters may become the distinguished proposer
 * (leader). A candidate picks a ballot (round, node id) above every ballot it has seen and runs
 * phase 1 once for all slots above its commit index: acceptors promise and report what they
 * accepted there. With a quorum of promises the candidate leads: for each open slot it
 * re-proposes the value accepted in the highest ballot, fills holes with no-ops, and opens its
 * ballot with a no-op of its own. Phase 2 then runs per slot, pipelined and batched (several
 * consecutive slots per ACCEPT, a window of messages in flight per acceptor). A slot is chosen
 * once a quorum accepted it in the leader's ballot; the leader tells learners its commit index,
 * and a learner commits a slot once it holds the value that leader's ballot accepted there.
 * Lagging acceptors get the leader's values again (re-proposed under its ballot), or a snapshot
 * when the leader no longer holds the slots they miss.
 *
 * <p>Elections back off randomly; acceptors that heard from a leader within an election timeout
 * refuse other candidates (leader stickiness), and a leader that lost contact with a quorum for
 * that long steps down. Linearizable reads use a read index confirmed by a quorum acknowledging
 * a heartbeat round of the current ballot; followers ask the leader for one.
 *
 * <p>Persistence contract: the promised ballot is the {@link HardState#term()}, accepted values
 * are log entries whose term is the ballot they were accepted in. Promises and acceptances leave
 * through {@link Ready#messagesAfterPersist()}, and a leader counts its own acceptance only once
 * {@link #advance} confirmed it durable.
 *
 * <p>Not supported yet: membership changes and leadership transfer (both answer INVALID), and
 * restarting a replica whose storage was repaired (refused at construction).
 */
public final class PaxosEngine implements ConsensusEngine<PaxosMessage> {

    /** An acceptor ignores proposals this many slots past its last slot (bounds placeholder writes). */
    static final long MAX_SLOT_GAP = 1 << 16;

    private final EngineConfig config;
    private final long id;
    private final PaxosDefect defect;
    private final PaxosLog log;
    private final ConfState conf;
    private final SnapshotAssembler assembler = new SnapshotAssembler();
    private final ReadIndexQueue reads = new ReadIndexQueue();
    private final HeartbeatRounds rounds = new HeartbeatRounds();

    /** Highest ballot promised; durable as the hard state's term. */
    private long promised;
    /** The ballot this node campaigns or leads with; 0 as a follower. */
    private long ballot;
    private long leaderId;
    private Role role;

    private long nowTick;
    private int electionElapsed;
    private int heartbeatElapsed;
    private int randomizedElectionTimeout;
    private int ticksSinceLeaderContact = Integer.MAX_VALUE;

    /** Candidate: promises by acceptor (its own included), and acceptors that refused. */
    private final Map<Long, PaxosMessage> promises = new TreeMap<>();
    private final Set<Long> refusals = new HashSet<>();

    /** Leader: progress of every other member, the slot of the no-op opening the ballot. */
    private final Map<Long, AcceptorProgress> peers = new TreeMap<>();
    private long openingSlot;
    private final UncommittedBudget uncommitted;
    private boolean proposalsPending;
    private boolean commitNotificationPending;

    private final List<PaxosMessage> messages = new ArrayList<>();
    private final List<PaxosMessage> messagesAfterPersist = new ArrayList<>();
    private final List<ReadState> readStates = new ArrayList<>();
    private HardState lastHardState;
    private SoftState lastSoftState;
    private Ready<PaxosMessage> outstanding;

    public PaxosEngine(EngineConfig config) {
        this(config, PaxosDefect.NONE);
    }

    private PaxosEngine(EngineConfig config, PaxosDefect defect) {
        this.config = config;
        this.id = config.id();
        this.defect = defect;
        this.conf = config.log().snapshotMeta().confState();
        for (long member : conf.voters()) {
            requireBallotNodeId(member);
        }
        requireBallotNodeId(id);
        if (!config.repairFloor().equals(RepairFloor.NONE)) {
            // A wiped acceptor would promise without the values it accepted before: unsafe.
            throw new IllegalArgumentException("Multi-Paxos cannot yet rejoin a replica whose storage was repaired"
                    + " (repair floor " + config.repairFloor() + ")");
        }
        this.log = new PaxosLog(config.log(), config.appliedIndex());
        this.uncommitted = new UncommittedBudget(config.maxUncommittedBytes());
        HardState hs = config.log().hardState();
        this.promised = hs.term();
        this.lastHardState = hs;
        becomeFollower(0);
        this.lastSoftState = softState();
    }

    /**
     * For checker self-tests only: an engine with one deliberate protocol bug, which the
     * simulator's checkers must detect. Never use in a real node.
     */
    public static PaxosEngine withDefect(EngineConfig config, PaxosDefect defect) {
        return new PaxosEngine(config, defect);
    }

    private static void requireBallotNodeId(long nodeId) {
        if (nodeId > Ballot.MAX_NODE_ID) {
            throw new IllegalArgumentException("Multi-Paxos node ids must be at most " + Ballot.MAX_NODE_ID
                    + ", got " + nodeId);
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
            return;
        }
        electionElapsed++;
        if (isVoter() && electionElapsed >= randomizedElectionTimeout) {
            campaign();
        }
    }

    private void tickLeader() {
        heartbeatElapsed++;
        electionElapsed++;
        if (electionElapsed >= config.electionTicks()) {
            electionElapsed = 0;
            if (!quorumActive()) {
                becomeFollower(0);
                return;
            }
            peers.values().forEach(p -> p.recentActive = false);
        }
        if (heartbeatElapsed >= config.heartbeatTicks()) {
            heartbeatElapsed = 0;
            broadcastHeartbeat();
        }
        int stallTicks = Math.max(2, config.electionTicks() / 2);
        for (Map.Entry<Long, AcceptorProgress> e : peers.entrySet()) {
            AcceptorProgress p = e.getValue();
            if (p.snapshot != null) {
                if (p.snapshot.tickIdle() >= config.electionTicks()) {
                    sendSnapshotChunk(e.getKey(), p);
                }
            } else if (p.match < log.lastIndex()) {
                if (++p.idleTicks >= stallTicks) {
                    // Proposals or acknowledgements were lost: send again from the first gap.
                    p.rewind();
                    sendAccepts(e.getKey(), p);
                }
            } else {
                p.idleTicks = 0;
            }
        }
    }

    @Override
    public void step(PaxosMessage m) {
        if (!PaxosMessageChecks.wellFormed(m, id) || !conf.isMember(m.from())) {
            return;
        }
        switch (m.type()) {
            case PREPARE -> handlePrepare(m);
            case PROMISE -> handlePromise(m);
            case REJECT -> handleReject(m);
            case ACCEPT -> handleAccept(m);
            case ACCEPTED -> handleAccepted(m);
            case HEARTBEAT -> handleHeartbeat(m);
            case HEARTBEAT_ACK -> handleHeartbeatAck(m);
            case COMMIT -> handleCommit(m);
            case SNAPSHOT -> handleSnapshot(m);
            case SNAPSHOT_ACK -> handleSnapshotAck(m);
            case READ_INDEX -> {
                if (role == Role.LEADER && m.term() == ballot) {
                    handleReadRequest(new ReadIndexQueue.Request(m.from(), m.context()));
                }
            }
            case READ_INDEX_RESPONSE -> {
                if (m.from() == leaderId) {
                    readStates.add(new ReadState(m.context(), m.slot()));
                }
            }
        }
    }

    // ---------------------------------------------------------------- phase 1

    private boolean isVoter() {
        return conf.voters().contains(id);
    }

    private int quorum() {
        return Quorum.size(conf.voters().size());
    }

    private void campaign() {
        becomeRole(Role.CANDIDATE, 0);
        ballot = Ballot.above(promised, id);
        promised = ballot;
        promises.put(id, PaxosMessage.of(Type.PROMISE, id, id, ballot).withCommit(log.committed())
                .withEntries(log.acceptedAbove(log.committed())));
        if (defect == PaxosDefect.SKIP_PHASE_ONE || promises.size() >= quorum()) {
            becomeLeader();
            return;
        }
        for (long voter : conf.voters()) {
            if (voter != id) {
                // Carries our own promise: it must be durable before anyone can count on it.
                messagesAfterPersist.add(PaxosMessage.of(Type.PREPARE, id, voter, ballot)
                        .withSlots(log.committed(), 0));
            }
        }
    }

    /**
     * Whether we believe a leader is alive: we lead (check-quorum keeps that honest) or heard from
     * one within an election timeout. Such an acceptor does not help another candidate.
     */
    private boolean inLease() {
        return role == Role.LEADER || ticksSinceLeaderContact < config.electionTicks();
    }

    private void handlePrepare(PaxosMessage m) {
        boolean newBallot = m.term() > promised;
        boolean sameCandidate = m.term() == promised && role != Role.LEADER;
        boolean refuse = !(newBallot || sameCandidate)
                || (inLease() && m.from() != leaderId)
                // We compacted slots the candidate has not committed: it could not learn them from us.
                || m.slot() < log.snapshotIndex();
        if (refuse) {
            acknowledge(reject(m));
            return;
        }
        promised = m.term();
        if (role != Role.FOLLOWER || leaderId != 0) {
            becomeFollower(0);
        }
        electionElapsed = 0;
        acknowledge(PaxosMessage.of(Type.PROMISE, id, m.from(), m.term()).withSlots(m.slot(), 0)
                .withCommit(log.committed()).withEntries(log.acceptedAbove(m.slot())));
    }

    private PaxosMessage reject(PaxosMessage m) {
        return PaxosMessage.of(Type.REJECT, id, m.from(), promised).withContext(m.term()).withCommit(log.committed());
    }

    private void handlePromise(PaxosMessage m) {
        if (role != Role.CANDIDATE || m.term() != ballot || !conf.voters().contains(m.from())) {
            return;
        }
        promises.put(m.from(), m);
        if (promises.size() >= quorum()) {
            becomeLeader();
        }
    }

    private void handleReject(PaxosMessage m) {
        if (m.context() != ballot || ballot == 0) {
            return;
        }
        promised = Math.max(promised, m.term());
        if (role == Role.CANDIDATE) {
            refusals.add(m.from());
            if (m.term() > ballot || refusals.size() >= quorum()) {
                becomeFollower(0);
            }
        } else if (role == Role.LEADER && m.term() > ballot) {
            // Preempted, maybe by a candidate that never won: try again above it at once. Our
            // followers still grant us promises; if another leader exists, its followers refuse.
            campaign();
        }
    }

    private void becomeLeader() {
        long base = log.committed();
        TreeMap<Long, LogEntry> highest = new TreeMap<>();
        if (defect != PaxosDefect.SKIP_PHASE_ONE) {
            for (PaxosMessage promise : promises.values()) {
                for (LogEntry e : promise.entries()) {
                    if (e.index() > base) {
                        highest.merge(e.index(), e, (a, b) -> a.term() >= b.term() ? a : b);
                    }
                }
            }
        }
        long maxSlot = highest.isEmpty() ? base : Math.max(base, highest.lastKey());
        TreeMap<Long, PaxosMessage> promisesByNode = new TreeMap<>(promises);
        long won = ballot;
        becomeRole(Role.LEADER, id);
        ballot = won;
        for (long slot = base + 1; slot <= maxSlot; slot++) {
            LogEntry value = highest.get(slot);
            if (value == null || defect == PaxosDefect.IGNORE_ACCEPTED_VALUES) {
                // A hole: nothing chosen there can exist, so close it with a no-op.
                log.accept(slot, ballot, EntryType.NOOP, new byte[0]);
            } else {
                log.accept(slot, ballot, value.type(), value.data());
            }
            uncommitted.track(slot, log.at(slot).sizeBytes());
        }
        openingSlot = appendProposal(EntryType.NOOP, new byte[0]);
        for (long member : conf.voters()) {
            addPeer(member, promisesByNode.get(member), base);
        }
        for (long member : conf.learners()) {
            addPeer(member, null, base);
        }
        proposalsPending = true;
    }

    private void addPeer(long member, PaxosMessage promise, long base) {
        if (member == id) {
            return;
        }
        long match = promise == null ? 0 : Math.min(promise.commit(), log.lastIndex());
        peers.put(member, new AcceptorProgress(match, Math.max(match, base) + 1));
    }

    // ---------------------------------------------------------------- roles

    private void becomeFollower(long leader) {
        becomeRole(isVoter() || !conf.learners().contains(id) ? Role.FOLLOWER : Role.LEARNER, leader);
        if (leader != 0) {
            ticksSinceLeaderContact = 0;
        }
    }

    private void becomeRole(Role newRole, long leader) {
        role = newRole;
        leaderId = leader;
        ballot = 0;
        electionElapsed = 0;
        heartbeatElapsed = 0;
        randomizedElectionTimeout = config.electionTicks() + config.random().nextInt(config.electionTicks());
        promises.clear();
        refusals.clear();
        peers.clear();
        openingSlot = 0;
        uncommitted.clear();
        proposalsPending = false;
        commitNotificationPending = false;
        reads.clear();
        rounds.reset();
        assembler.reset();
    }

    // ---------------------------------------------------------------- phase 2, acceptor side

    /**
     * Admits a message from the leader of ballot {@code m.term()}: refuses it if we promised a
     * higher ballot, otherwise follows that leader (promising its ballot if it is new to us).
     */
    private boolean admitLeader(PaxosMessage m) {
        if (m.term() < promised) {
            acknowledge(reject(m));
            return false;
        }
        promised = m.term();
        if (role != Role.FOLLOWER && role != Role.LEARNER || leaderId != m.from()) {
            becomeFollower(m.from());
        }
        ticksSinceLeaderContact = 0;
        electionElapsed = 0;
        return true;
    }

    private void handleAccept(PaxosMessage m) {
        boolean lowerBallotAccepted = defect == PaxosDefect.ACCEPT_LOWER_BALLOT && m.term() < promised;
        if (!lowerBallotAccepted && !admitLeader(m)) {
            return;
        }
        List<LogEntry> entries = m.entries();
        if (entries.get(0).index() > log.lastIndex() + MAX_SLOT_GAP) {
            return;
        }
        for (LogEntry e : entries) {
            if (e.index() > log.committed()) {
                log.accept(e.index(), m.term(), e.type(), e.data());
            }
        }
        if (!lowerBallotAccepted) {
            learnCommit(m.term(), m.commit());
        }
        acknowledge(PaxosMessage.of(Type.ACCEPTED, id, m.from(), m.term())
                .withSlots(entries.get(0).index(), entries.get(entries.size() - 1).index())
                .withCommit(log.committed()));
    }

    private void handleHeartbeat(PaxosMessage m) {
        if (!admitLeader(m)) {
            return;
        }
        learnCommit(m.term(), m.commit());
        acknowledge(PaxosMessage.of(Type.HEARTBEAT_ACK, id, m.from(), m.term()).withContext(m.context())
                .withCommit(log.committed()));
    }

    private void handleCommit(PaxosMessage m) {
        if (admitLeader(m)) {
            learnCommit(m.term(), m.commit());
        }
    }

    /**
     * The leader of {@code leaderBallot} has everything up to {@code leaderCommit} chosen. A slot
     * holding the value that ballot accepted there holds the chosen value; commit through the
     * run of such slots.
     */
    private void learnCommit(long leaderBallot, long leaderCommit) {
        long target = Math.min(leaderCommit, log.lastIndex());
        long c = log.committed();
        while (c < target && log.at(c + 1).term() == leaderBallot) {
            c++;
        }
        log.commitTo(c);
    }

    private void handleSnapshot(PaxosMessage m) {
        if (!admitLeader(m)) {
            return;
        }
        SnapshotAssembler.Outcome outcome = assembler.accept(m.snapshot(), m.snapshotOffset(), m.snapshotData(),
                m.snapshotDone());
        Snapshot complete = outcome.complete();
        if (complete != null && complete.meta().index() > log.committed()) {
            log.restore(complete);
        }
        acknowledge(PaxosMessage.of(Type.SNAPSHOT_ACK, id, m.from(), m.term()).withCommit(log.committed())
                .withSnapshot(m.snapshot(), outcome.expectedOffset(), null, false).withReject(!outcome.accepted()));
    }

    // ---------------------------------------------------------------- phase 2, leader side

    private long appendProposal(EntryType type, byte[] data) {
        long slot = log.lastIndex() + 1;
        log.accept(slot, ballot, type, data);
        uncommitted.track(slot, log.at(slot).sizeBytes());
        proposalsPending = true;
        return slot;
    }

    /** Sends ACCEPTs for the slots {@code p} lacks, as far as its window and message size allow. */
    private void sendAccepts(long to, AcceptorProgress p) {
        while (p.snapshot == null && p.inflight < config.maxInflightMessages() && p.next <= log.lastIndex()) {
            if (p.next <= log.snapshotIndex()) {
                startSnapshot(to, p);
                return;
            }
            List<LogEntry> batch = log.slice(p.next, log.lastIndex(), config.maxBytesPerMessage());
            sendAccept(to, batch);
            p.next = batch.get(batch.size() - 1).index() + 1;
            p.inflight++;
        }
    }

    private void sendAccept(long to, List<LogEntry> batch) {
        List<LogEntry> proposals = new ArrayList<>(batch.size());
        for (LogEntry e : batch) {
            // Slots chosen before this ballot are proposed again under it: their value is final.
            proposals.add(e.term() == ballot ? e : new LogEntry(e.index(), ballot, e.type(), e.data()));
        }
        messages.add(PaxosMessage.of(Type.ACCEPT, id, to, ballot).withCommit(log.committed())
                .withEntries(proposals));
    }

    /**
     * The acceptor acknowledged slots from {@code ackedFrom} on while slots below them are still
     * unacknowledged: their ACCEPT or its answer was most likely lost (links are FIFO unless
     * messages reorder). Sends them again at once, once per gap, instead of waiting for the stall
     * timer, which stays the fallback; re-accepting a value of the same ballot is harmless.
     */
    private void resendGapBelow(long to, AcceptorProgress p, long ackedFrom) {
        long from = p.match + 1;
        if (p.snapshot != null || ackedFrom <= from || from <= log.snapshotIndex() || p.gapResentFrom == from) {
            return;
        }
        p.gapResentFrom = from;
        sendAccept(to, log.slice(from, Math.min(ackedFrom - 1, log.lastIndex()), config.maxBytesPerMessage()));
        p.inflight++;
    }

    private void handleAccepted(PaxosMessage m) {
        AcceptorProgress p = peerOfCurrentBallot(m);
        if (p == null) {
            return;
        }
        p.inflight = Math.max(0, p.inflight - 1);
        long last = log.lastIndex();
        boolean progressed = p.acknowledge(m.slot(), Math.min(m.lastSlot(), last));
        progressed |= p.raiseMatch(Math.min(m.commit(), last));
        if (progressed) {
            p.idleTicks = 0;
            if (maybeCommit()) {
                commitNotificationPending = true;
            }
        }
        resendGapBelow(m.from(), p, m.slot());
        sendAccepts(m.from(), p);
    }

    private void handleHeartbeatAck(PaxosMessage m) {
        AcceptorProgress p = peerOfCurrentBallot(m);
        if (p == null) {
            return;
        }
        p.ackedRound = Math.max(p.ackedRound, m.context());
        if (p.raiseMatch(Math.min(m.commit(), log.lastIndex())) && maybeCommit()) {
            commitNotificationPending = true;
        }
        releaseConfirmedReads();
    }

    /** The leader's progress record for the sender of an answer to the current ballot, or null. */
    private AcceptorProgress peerOfCurrentBallot(PaxosMessage m) {
        if (role != Role.LEADER || m.term() != ballot) {
            return null;
        }
        AcceptorProgress p = peers.get(m.from());
        if (p != null) {
            p.recentActive = true;
        }
        return p;
    }

    /** Commits through the highest slot a quorum accepted in this ballot (the leader counting once durable). */
    private boolean maybeCommit() {
        if (role != Role.LEADER) {
            return false;
        }
        long last = log.lastIndex();
        long chosen = Quorum.value(conf.voters(), id, log.durableMatch(),
                v -> peers.containsKey(v) ? Math.min(peers.get(v).match, last) : 0);
        if (chosen <= log.committed() || log.at(chosen).term() != ballot) {
            return false;
        }
        log.commitTo(chosen);
        uncommitted.releaseThrough(chosen);
        if (chosen >= openingSlot) {
            reads.drainAwaitingCommit().forEach(this::handleReadRequest);
        }
        return true;
    }

    private boolean quorumActive() {
        return Quorum.active(conf.voters(), id, v -> peers.containsKey(v) && peers.get(v).recentActive);
    }

    private void broadcastHeartbeat() {
        long round = rounds.start(nowTick, config.electionTicks());
        for (long peer : peers.keySet()) {
            messages.add(PaxosMessage.of(Type.HEARTBEAT, id, peer, ballot).withCommit(log.committed())
                    .withContext(round));
        }
    }

    // ---------------------------------------------------------------- snapshots (leader side)

    private void startSnapshot(long to, AcceptorProgress p) {
        p.snapshot = new SnapshotTransfer(log.stable().snapshotMeta());
        sendSnapshotChunk(to, p);
    }

    private void sendSnapshotChunk(long to, AcceptorProgress p) {
        SnapshotMeta current = log.stable().snapshotMeta();
        if (!SnapshotAssembler.sameSnapshot(p.snapshot.meta(), current)) {
            p.snapshot = new SnapshotTransfer(current);
        }
        SnapshotTransfer transfer = p.snapshot;
        byte[] chunk = transfer.ackedOffset() < current.sizeBytes()
                ? log.stable().snapshotChunk(transfer.ackedOffset(), config.snapshotChunkBytes())
                : new byte[0];
        boolean done = transfer.ackedOffset() + chunk.length == current.sizeBytes();
        messages.add(PaxosMessage.of(Type.SNAPSHOT, id, to, ballot).withCommit(log.committed())
                .withSnapshot(current, transfer.ackedOffset(), chunk, done));
        transfer.chunkSent();
    }

    private void handleSnapshotAck(PaxosMessage m) {
        AcceptorProgress p = peerOfCurrentBallot(m);
        if (p == null || p.snapshot == null || !SnapshotAssembler.sameSnapshot(p.snapshot.meta(), m.snapshot())) {
            return;
        }
        p.snapshot.acknowledge(m.reject() ? 0 : m.snapshotOffset());
        if (!m.reject() && p.snapshot.acknowledgedAll()) {
            long installed = p.snapshot.meta().index();
            p.snapshot = null;
            p.raiseMatch(Math.min(installed, log.lastIndex()));
            p.rewind();
            sendAccepts(m.from(), p);
            return;
        }
        sendSnapshotChunk(m.from(), p);
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
        if (uncommitted.isFull(command.length)) {
            return ProposeResult.busy(id);
        }
        long slot = appendProposal(EntryType.NORMAL, command.clone());
        return ProposeResult.accepted(slot, ballot);
    }

    /** Membership changes are not supported by this engine yet: always INVALID. */
    @Override
    public ProposeResult proposeConfChange(ConfChange change) {
        return ProposeResult.invalid();
    }

    /** Leadership transfer is not supported by this engine yet: always INVALID. */
    @Override
    public ProposeResult transferLeadership(long targetId) {
        return ProposeResult.invalid();
    }

    // ---------------------------------------------------------------- reads

    /** On the leader, or forwarded by a follower to the leader of the ballot it promised. */
    @Override
    public ProposeResult requestRead(long readId) {
        if (role == Role.LEADER) {
            handleReadRequest(new ReadIndexQueue.Request(id, readId));
            return ProposeResult.accepted(0, 0);
        }
        if (leaderId == 0 || promised == 0) {
            return ProposeResult.notLeader(0);
        }
        messages.add(PaxosMessage.of(Type.READ_INDEX, id, leaderId, promised).withContext(readId));
        return ProposeResult.accepted(0, 0);
    }

    /**
     * A read may be served at the commit index once this ballot committed its opening slot (so the
     * index covers everything chosen before) and a quorum confirmed that no higher ballot took over.
     */
    private void handleReadRequest(ReadIndexQueue.Request request) {
        if (log.committed() < openingSlot) {
            reads.awaitCommit(request);
            return;
        }
        if (conf.voters().equals(Set.of(id))) {
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
        long confirmed = Quorum.value(conf.voters(), id, Long.MAX_VALUE,
                v -> peers.containsKey(v) ? peers.get(v).ackedRound : 0);
        for (ReadIndexQueue.Pending p : reads.releaseUpTo(confirmed)) {
            releaseRead(p.request(), p.index());
        }
    }

    private void releaseRead(ReadIndexQueue.Request request, long index) {
        if (request.requester() == id) {
            readStates.add(new ReadState(request.readId(), index));
        } else {
            messages.add(PaxosMessage.of(Type.READ_INDEX_RESPONSE, id, request.requester(), ballot)
                    .withSlots(index, 0).withContext(request.readId()));
        }
    }

    // ---------------------------------------------------------------- Ready / advance

    @Override
    public boolean hasReady() {
        return !softState().equals(lastSoftState)
                || !hardState().equals(lastHardState)
                || log.hasUnstable()
                || !messages.isEmpty()
                || !messagesAfterPersist.isEmpty()
                || !readStates.isEmpty()
                || proposalsPending
                || commitNotificationPending
                || log.hasCommittedToApply();
    }

    @Override
    public Ready<PaxosMessage> ready() {
        if (outstanding != null) {
            throw new IllegalStateException("the previous Ready was not advanced yet");
        }
        if (role == Role.LEADER) {
            if (proposalsPending) {
                peers.forEach(this::sendAccepts);
            }
            if (commitNotificationPending) {
                for (long peer : peers.keySet()) {
                    messages.add(PaxosMessage.of(Type.COMMIT, id, peer, ballot).withCommit(log.committed()));
                }
            }
        }
        proposalsPending = false;
        commitNotificationPending = false;
        Snapshot snapshot = log.takeSnapshot();
        List<LogEntry> entries = log.takeUnstable();
        HardState hs = hardState();
        boolean promiseChanged = hs.term() != lastHardState.term();
        HardState hsOut = hs.equals(lastHardState) ? null : hs;
        lastHardState = hs;
        SoftState ss = softState();
        SoftState ssOut = ss.equals(lastSoftState) ? null : ss;
        lastSoftState = ss;
        List<LogEntry> committed = log.takeCommitted(config.maxUncommittedBytes());
        Ready<PaxosMessage> rd = new Ready<>(ssOut, hsOut, snapshot, entries, messages, messagesAfterPersist,
                committed, readStates, promiseChanged || !entries.isEmpty() || snapshot != null);
        messages.clear();
        messagesAfterPersist.clear();
        readStates.clear();
        rounds.markSent();
        outstanding = rd;
        return rd;
    }

    @Override
    public void advance(Ready<PaxosMessage> rd) {
        if (rd != outstanding) {
            throw new IllegalArgumentException("advance() must get the Ready returned by the last ready()");
        }
        outstanding = null;
        log.advanced();
        if (maybeCommit()) {
            commitNotificationPending = true;
        }
    }

    private HardState hardState() {
        return new HardState(promised, Ballot.node(promised), log.committed());
    }

    private SoftState softState() {
        return new SoftState(leaderId, role);
    }

    // ---------------------------------------------------------------- status

    @Override
    public EngineStatus status() {
        Map<Long, EngineStatus.PeerProgress> progress = new TreeMap<>();
        if (role == Role.LEADER) {
            progress.put(id, new EngineStatus.PeerProgress(log.durableMatch(), log.lastIndex() + 1, true, false));
            for (Map.Entry<Long, AcceptorProgress> e : peers.entrySet()) {
                AcceptorProgress p = e.getValue();
                progress.put(e.getKey(), new EngineStatus.PeerProgress(p.match, p.next, p.recentActive,
                        p.snapshot != null));
            }
        }
        return new EngineStatus(id, role, role == Role.LEADER ? ballot : promised, leaderId, log.committed(),
                log.applying(), log.lastIndex(), conf, progress);
    }

    /** Promises and acceptances wait for persistence (unless the ACK_BEFORE_PERSIST defect is injected). */
    private void acknowledge(PaxosMessage m) {
        if (defect == PaxosDefect.ACK_BEFORE_PERSIST) {
            messages.add(m);
        } else {
            messagesAfterPersist.add(m);
        }
    }
}
