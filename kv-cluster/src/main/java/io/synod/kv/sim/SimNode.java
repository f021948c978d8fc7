package io.synod.kv.sim;

import io.synod.kv.check.linearizability.KvOutput;
import io.synod.kv.consensus.api.ConfChange;
import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.ConsensusEngine;
import io.synod.kv.consensus.api.EngineConfig;
import io.synod.kv.consensus.api.EngineMessage;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.ProposeResult;
import io.synod.kv.consensus.api.RandomSource;
import io.synod.kv.consensus.api.ReadState;
import io.synod.kv.consensus.api.Ready;
import io.synod.kv.consensus.api.Role;
import io.synod.kv.consensus.api.SnapshotMeta;
import io.synod.kv.statemachine.KvStateMachine;
import io.synod.proto.kv.KvCommand;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One replica's runtime in the simulation: drives its engine and honours the {@link Ready} order
 * (send, persist, wait for the simulated fsync, send after-persist messages, restore/apply,
 * serve reads, advance), answers clients, compacts its log, crashes and restarts from disk.
 */
final class SimNode {

    /** What a node needs from the simulation around it. */
    interface Environment {
        void sendPeer(EngineMessage message);

        void replyToClient(long fromNode, ClientRequest request, ClientReply reply);

        void afterMicros(long delayMicros, EventQueue.Action action);

        ClusterObserver observer();
    }

    private record Session(long clientId, long sequence) {
    }

    private record ReadyRead(long index, ClientRequest request) {
    }

    private final long id;
    private final SimDisk disk;
    private final EngineFactory factory;
    private final SplittableRandom random;
    private final long compactionThreshold;
    private final FlowControl flowControl;
    private final Environment env;

    private ConsensusEngine<EngineMessage> engine;
    private KvStateMachine stateMachine;
    private ConfState confAtApplied;
    private long appliedIndex;
    private boolean up;
    private boolean started;
    private long incarnation;
    private Ready<EngineMessage> awaitingSync;
    private Role role = Role.FOLLOWER;
    private long leaderTerm;
    private long leaderCommit;
    private long nextReadId;
    private final TreeMap<Long, ClientRequest> pendingReads = new TreeMap<>();
    private final List<ReadyRead> readsAwaitingApply = new ArrayList<>();
    private final Map<Session, ClientRequest> pendingWrites = new HashMap<>();
    /** State taken at engine checkpoints that the log may not be compacted through yet. */
    private final TreeMap<Long, byte[]> checkpoints = new TreeMap<>();

    /** Engine message limits; small ones split appends and snapshots into many messages. */
    record FlowControl(int inflightMessages, int bytesPerMessage, int snapshotChunkBytes) {
    }

    SimNode(long id, ConfState bootstrap, EngineFactory factory, SplittableRandom random,
            SimDisk.Latency diskLatency, long compactionThreshold, FlowControl flowControl, Environment env) {
        this.id = id;
        this.disk = new SimDisk(bootstrap, diskLatency, random.split());
        this.factory = factory;
        this.random = random;
        this.compactionThreshold = compactionThreshold;
        this.flowControl = flowControl;
        this.env = env;
    }

    /** The live node leading the highest term, or null. */
    static SimNode currentLeader(List<SimNode> nodes) {
        SimNode leader = null;
        long term = -1;
        for (SimNode n : nodes) {
            if (n.isUp() && n.role() == Role.LEADER && n.engine().status().term() > term) {
                term = n.engine().status().term();
                leader = n;
            }
        }
        return leader;
    }

    long id() {
        return id;
    }

    boolean isUp() {
        return up;
    }

    /** Whether the node ever ran: spare nodes stay dark until they are added to the group. */
    boolean hasStarted() {
        return started;
    }

    Role role() {
        return role;
    }

    long appliedIndex() {
        return appliedIndex;
    }

    SimDisk disk() {
        return disk;
    }

    ConsensusEngine<EngineMessage> engine() {
        return engine;
    }

    /** A one-line description for liveness reports. */
    String describe() {
        if (!up) {
            return "node " + id + " down";
        }
        var s = engine.status();
        return "node " + id + " " + s.role() + " term " + s.term() + " commit " + s.commitIndex() + " last "
                + s.lastIndex() + " applied " + appliedIndex + " snapshot " + disk.live().snapshotMeta().index()
                + (repairing() ? " repairing to " + disk.live().repairFloor() : "")
                + " voters " + s.confState().voters()
                + (s.progress().isEmpty() ? "" : " progress " + s.progress());
    }

    long stateDigest() {
        return stateMachine.digest();
    }

    /** Boots (or reboots) from whatever the disk holds durably. */
    @SuppressWarnings("unchecked")
    void start() {
        up = true;
        started = true;
        incarnation++;
        role = Role.FOLLOWER;
        SnapshotMeta snap = disk.live().snapshotMeta();
        stateMachine = new KvStateMachine();
        if (snap.index() > 0) {
            stateMachine.restore(snap.index(), disk.live().snapshotChunk(0, (int) snap.sizeBytes()));
        }
        confAtApplied = snap.confState();
        appliedIndex = snap.index();
        EngineConfig config = EngineConfig.defaults(id, disk.live(), RandomSource.seeded(random.nextLong()),
                snap.index()).withFlowControl(flowControl.inflightMessages(), flowControl.bytesPerMessage(),
                flowControl.snapshotChunkBytes()).withRepairFloor(disk.live().repairFloor());
        engine = (ConsensusEngine<EngineMessage>) factory.create(config);
        env.observer().restarted(id);
        drive();
    }

    /**
     * Whether the node runs (or would restart) in repair mode: its commit index is still below
     * the last index it held before its storage was wiped.
     */
    boolean repairing() {
        long commit = up ? engine.status().commitIndex() : disk.live().hardState().commit();
        return commit < disk.live().repairFloor().index();
    }

    /** Damaged storage: loses all memory and its whole disk; {@link #start()} then repairs. */
    void wipe() {
        if (up) {
            crash(false);
        }
        disk.wipeForRepair();
        env.observer().wiped(id);
    }

    /** Loses all memory; only the disk survives (minus unsynced writes if {@code loseUnsynced}). */
    void crash(boolean loseUnsynced) {
        up = false;
        incarnation++;
        disk.crash(loseUnsynced);
        engine = null;
        stateMachine = null;
        awaitingSync = null;
        pendingReads.clear();
        readsAwaitingApply.clear();
        pendingWrites.clear();
        checkpoints.clear();
        env.observer().crashed(id);
    }

    void tick() {
        if (!up) {
            return;
        }
        env.observer().tick(id);
        engine.tick();
        drive();
    }

    void receive(EngineMessage message) {
        if (!up) {
            return;
        }
        env.observer().delivered(message.from(), message.to(), message.term(), message.sizeBytes());
        engine.step(message);
        drive();
    }

    void onClientRequest(ClientRequest request) {
        if (!up) {
            return;
        }
        ProposeResult result;
        if (request.isReadIndexRead()) {
            long readId = ++nextReadId;
            result = engine.requestRead(readId);
            if (result.isAccepted()) {
                pendingReads.put(readId, request);
            }
        } else {
            result = engine.propose(KvCodec.command(request.clientId(), request.sequence(), request.input()));
            if (result.isAccepted()) {
                pendingWrites.put(new Session(request.clientId(), request.sequence()), request);
            }
        }
        if (!result.isAccepted()) {
            env.replyToClient(id, request, ClientReply.rejected(request.opId(), result.leaderHint()));
        }
        drive();
    }

    /** Asks this node's engine to change membership; only a leader accepts. */
    ProposeResult proposeConfChange(ConfChange change) {
        ProposeResult result = engine.proposeConfChange(change);
        drive();
        return result;
    }

    /** Asks this node's engine, if it leads, to hand leadership to {@code target}. */
    ProposeResult transferLeadership(long target) {
        ProposeResult result = engine.transferLeadership(target);
        drive();
        return result;
    }

    /** Handles Ready batches until the engine has none or one waits for its fsync. */
    private void drive() {
        while (up && awaitingSync == null && engine.hasReady()) {
            Ready<EngineMessage> ready = engine.ready();
            sendAndPersist(ready);
            if (ready.hasPersistentWork() && ready.mustSync()) {
                awaitingSync = ready;
                long expected = incarnation;
                env.afterMicros(disk.nextSyncMicros(), () -> onSynced(expected));
                return;
            }
            finish(ready);
        }
    }

    private void onSynced(long expectedIncarnation) {
        if (!up || incarnation != expectedIncarnation) {
            return;
        }
        disk.sync();
        Ready<EngineMessage> ready = awaitingSync;
        awaitingSync = null;
        finish(ready);
        drive();
    }

    private void sendAndPersist(Ready<EngineMessage> ready) {
        for (EngineMessage m : ready.messages()) {
            env.sendPeer(m);
        }
        if (ready.snapshot() != null) {
            disk.installSnapshot(ready.snapshot());
        }
        if (!ready.entries().isEmpty()) {
            disk.append(ready.entries());
        }
        if (ready.hardState() != null) {
            disk.setHardState(ready.hardState());
        }
        if (ready.engineState() != null) {
            disk.setEngineState(ready.engineState());
        }
        if (ready.hasPersistentWork()) {
            var hs = disk.live().hardState();
            env.observer().persisted(id, disk.live().lastIndex(), hs.term(), hs.commit());
        }
        if (ready.softState() != null) {
            Role previous = role;
            role = ready.softState().role();
            if (role == Role.LEADER && previous != Role.LEADER) {
                var status = engine.status();
                leaderTerm = status.term();
                leaderCommit = status.commitIndex();
                env.observer().leaderElected(id, leaderTerm, disk.live());
            }
        }
    }

    private void finish(Ready<EngineMessage> ready) {
        for (EngineMessage m : ready.messagesAfterPersist()) {
            env.sendPeer(m);
        }
        if (ready.snapshot() != null) {
            SnapshotMeta meta = ready.snapshot().meta();
            stateMachine.restore(meta.index(), ready.snapshot().data());
            confAtApplied = meta.confState();
            appliedIndex = meta.index();
            // Checkpoints taken from the replaced state are not this node's state any more.
            checkpoints.clear();
        }
        for (LogEntry entry : ready.committedEntries()) {
            apply(entry);
        }
        if (role == Role.LEADER) {
            long commit = ready.hardState() != null ? ready.hardState().commit() : 0;
            if (commit > leaderCommit) {
                leaderCommit = commit;
                env.observer().leaderAdvancedCommit(id, leaderTerm, commit, disk.live().term(commit));
            }
            if (!ready.committedEntries().isEmpty()) {
                commit = Math.max(commit, ready.committedEntries().get(ready.committedEntries().size() - 1).index());
            }
            if (commit > 0) {
                env.observer().leaderCommitted(leaderTerm, commit);
            }
        }
        for (ReadState rs : ready.readStates()) {
            ClientRequest request = pendingReads.remove(rs.readId());
            if (request != null) {
                readsAwaitingApply.add(new ReadyRead(rs.index(), request));
            }
        }
        serveReads();
        engine.advance(ready);
        maybeCompact();
    }

    private void apply(LogEntry entry) {
        long hash = env.observer().applied(id, entry);
        if (entry.index() <= appliedIndex) {
            return;
        }
        appliedIndex = entry.index();
        if (entry.type() == EntryType.CONF_CHANGE) {
            confAtApplied = confAtApplied.apply(ConfChange.decode(entry.data()));
            stateMachine.applyNoCommand(entry.index());
        } else if (entry.type() == EntryType.NOOP) {
            stateMachine.applyNoCommand(entry.index());
        } else if (entry.type() == EntryType.NORMAL) {
            byte[] result = stateMachine.apply(entry.index(), entry.data());
            KvCommand command = KvCodec.parse(entry.data());
            ClientRequest waiting = command == null ? null
                    : pendingWrites.remove(new Session(command.getClientId(), command.getSequence()));
            if (waiting != null) {
                KvOutput output = KvCodec.output(result);
                env.replyToClient(id, waiting, output == null ? ClientReply.rejected(waiting.opId(), 0)
                        : ClientReply.applied(waiting.opId(), output, entry.index(), entry.term(), hash));
            }
        }
    }

    private void serveReads() {
        Iterator<ReadyRead> it = readsAwaitingApply.iterator();
        while (it.hasNext()) {
            ReadyRead r = it.next();
            if (r.index() <= appliedIndex) {
                it.remove();
                byte[] answer = stateMachine.query(KvCodec.query(r.request().input().key()));
                env.replyToClient(id, r.request(), ClientReply.read(r.request().opId(), KvCodec.output(answer)));
            }
        }
    }

    /**
     * Compacts once enough was applied since the last snapshot, and only once the state machine
     * has caught up with the log (its snapshot names the index of its last applied entry).
     * An engine with checkpoints gets the state at each checkpoint it names, and the log is
     * compacted only through checkpoints the engine allows (PBFT: stable ones).
     */
    private void maybeCompact() {
        long snapshotIndex = disk.live().snapshotMeta().index();
        int interval = engine.checkpointInterval();
        if (interval == 0) {
            if (appliedIndex - snapshotIndex > compactionThreshold && stateMachine.appliedIndex() == appliedIndex) {
                disk.compact(appliedIndex, stateMachine.snapshot(), confAtApplied);
            }
            return;
        }
        if (appliedIndex % interval == 0 && appliedIndex > snapshotIndex && !checkpoints.containsKey(appliedIndex)
                && stateMachine.appliedIndex() == appliedIndex) {
            byte[] state = stateMachine.snapshot();
            checkpoints.put(appliedIndex, state);
            engine.checkpointTaken(appliedIndex, state);
        }
        Map.Entry<Long, byte[]> allowed = checkpoints.floorEntry(engine.compactableIndex());
        if (allowed != null && allowed.getKey() > snapshotIndex) {
            disk.compact(allowed.getKey(), allowed.getValue(), confAtApplied);
        }
        checkpoints.headMap(disk.live().snapshotMeta().index(), true).clear();
    }
}
