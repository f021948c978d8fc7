package io.synod.kv.runtime;

import com.google.protobuf.ByteString;
import io.synod.crypto.digest.Digest;
import io.synod.kv.consensus.api.ConfChange;
import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.ConsensusEngine;
import io.synod.kv.consensus.api.EngineConfig;
import io.synod.kv.consensus.api.EngineMessage;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.HardState;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.ProposeResult;
import io.synod.kv.consensus.api.RandomSource;
import io.synod.kv.consensus.api.ReadState;
import io.synod.kv.consensus.api.RepairFloor;
import io.synod.kv.consensus.api.Ready;
import io.synod.kv.consensus.api.Role;
import io.synod.kv.consensus.api.Snapshot;
import io.synod.kv.consensus.api.SnapshotMeta;
import io.synod.kv.consensus.api.SoftState;
import io.synod.kv.statemachine.KvCommands;
import io.synod.kv.statemachine.ReplicatedStateMachine;
import io.synod.kv.statemachine.StateCheckpoint;
import io.synod.kv.storage.CorruptionException;
import io.synod.kv.storage.LogStore;
import io.synod.proto.kv.KvCommand;
import io.synod.proto.kv.KvCommandResult;
import io.synod.proto.kv.KvQuery;
import io.synod.proto.kv.ReadConsistency;
import io.synod.proto.kv.ReplyCertificate;
import io.synod.proto.kv.SignedReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Hosts one replica of one consensus group on this node: a consensus engine, its durable
 * {@link LogStore} and the {@link ReplicatedStateMachine}, driven with real time, disk and
 * network.
 *
 * <p>Threading: one event-loop thread per replica owns the engine, the store's writes and the
 * state machine. Every public method only enqueues a task for the loop and returns a future, so
 * callers never touch that state. A thread per replica rather than per node because each
 * replica has its own store (its own LMDB environment and fsync): with one loop per node, one
 * group's fsync would stall every other group's heartbeats. Futures complete on the loop
 * thread: callbacks attached to them must not block.
 *
 * <p>Each loop iteration drains the inbox (peer messages, proposals, reads, admin requests),
 * ticks the engine when a tick interval has passed, then handles one {@link Ready} in the
 * documented order: send {@code messages}, persist snapshot, entries and hard state and fsync
 * once, send {@code messagesAfterPersist}, restore the snapshot and apply committed entries,
 * serve read states, advance. Requests arriving during the fsync wait in the inbox and share
 * the next Ready's fsync (group commit). Sends only enqueue and never block the loop.
 *
 * <p>A write is acknowledged when its entry is applied here at the index and term the engine
 * accepted it at; the engine commits only entries durable on a quorum, so acknowledged writes
 * survive any minority of crashes. With a Byzantine-tolerant protocol ({@link SignedReplies}) a
 * write is acknowledged only once f+1 replicas, this one's apply included, reported the same
 * signed result, so one faulty replica's word is never taken.
 */
public final class GroupReplica<M extends EngineMessage> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupReplica.class);
    private static final int MAX_TASKS_PER_ITERATION = 4096;
    private static final int SNAPSHOT_READ_CHUNK = 1 << 20;
    private static final byte[] NO_RESULT = new byte[0];

    /** Work for the loop; {@link #abort} answers it without the loop once the replica stopped. */
    private interface Task {
        void run();

        default void abort() {
        }
    }

    private final ReplicaConfig config;
    private final String name;
    private final EngineFactory<M> factory;
    private final Class<M> messageType;
    private final ReplicaStorage storage;
    private final Transport transport;
    private final long tickNanos;
    private final long timeoutNanos;

    private final BlockingQueue<Task> inbox = new LinkedBlockingQueue<>();
    private final AtomicInteger inboundMessages = new AtomicInteger();
    private final AtomicInteger proposalsInFlight = new AtomicInteger();
    private final AtomicInteger readsInFlight = new AtomicInteger();
    private final Thread loop;
    private volatile boolean running = true;
    private volatile boolean accepting = true;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    // Owned by the loop thread. The engine and stores are replaced when damaged data is repaired.
    private ConsensusEngine<M> engine;
    private LogStore store;
    private ReplicatedStateMachine stateMachine;
    private final ProposalTracker proposals = new ProposalTracker();
    /** With a Byzantine-tolerant protocol: proposals waiting for f+1 matching signed replies instead. */
    private final Optional<SignedReplies<M>> signedReplies;
    private final ReplyCollector<M> replyVotes;
    private final ReadTracker reads;
    private MembershipHistory membership;
    private long applied;
    private long snapshotIndex;
    /** Applied index at the state machine's last sync at an engine checkpoint (see {@link #takeCheckpoint}). */
    private long stateSyncedAt;
    private long term;
    private Role role = Role.FOLLOWER;
    private long leaderId;
    private PendingTransfer transfer;
    private long syncs;
    private long entriesPersisted;
    private long snapshotsTaken;
    private long snapshotsInstalled;
    private volatile boolean storageDamaged;
    /** Times this replica's storage was found damaged and replaced for a repair since it started. */
    private volatile int repairs;
    /** The stores' repair floor ({@link RepairFloor#NONE}: never repaired). */
    private RepairFloor repairFloor = RepairFloor.NONE;
    /** Whether a checkpoint is being serialized on {@link #snapshotThread}; one at a time. */
    private boolean snapshotting;
    /** State at engine checkpoints the log may not be compacted through yet (see {@link #takeCheckpoint}). */
    private final TreeMap<Long, byte[]> checkpoints = new TreeMap<>();
    private CompletableFuture<byte[]> snapshotInFlight;
    private final List<CompletableFuture<SnapshotMeta>> snapshotWaiters = new ArrayList<>();
    private final ExecutorService snapshotThread;

    private record PendingTransfer(long target, long deadlineNanos, CompletableFuture<Long> future) {
    }

    private GroupReplica(ReplicaConfig config, EngineFactory<M> factory, ReplicaStorage storage, Transport transport) {
        this.config = config;
        this.name = "node " + config.nodeId() + " group " + config.groupId();
        this.factory = factory;
        this.messageType = factory.messageType();
        this.storage = storage;
        this.transport = transport;
        this.tickNanos = config.tickInterval().toNanos();
        this.timeoutNanos = config.requestTimeout().toNanos();
        // Read ids from an earlier run of this node may still be in flight: start elsewhere.
        this.reads = new ReadTracker(System.nanoTime() & Long.MAX_VALUE);
        this.loop = new Thread(this::run, "replica-" + config.nodeId() + "-" + config.groupId());
        this.snapshotThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "snapshot-" + config.nodeId() + "-" + config.groupId());
            t.setDaemon(true);
            return t;
        });
        try {
            openEngine();
        } catch (CorruptionException e) {
            if (!repair(e)) {
                String marker = storage.markDamaged(e.getMessage());
                throw new CorruptionException(name + ": stored data failed its integrity check (" + e.getMessage()
                        + ") and cannot be repaired; " + marker, e);
            }
        }
        this.signedReplies = factory.signedReplies(config.nodeId(), membership.current().voters());
        this.replyVotes = new ReplyCollector<>(signedReplies.map(SignedReplies::matching).orElse(1));
    }

    /** Recovers the state machine from the stores and starts a new engine over them. */
    private void openEngine() {
        store = storage.logStore();
        stateMachine = storage.stateMachine();
        SnapshotMeta snap = store.snapshotMeta();
        applied = recoverState(store, stateMachine, snap, name);
        stateSyncedAt = applied;
        snapshotIndex = snap.index();
        membership = new MembershipHistory(snap.index(), snap.confState());
        replayMembership(store, membership, snap.index(), applied);
        term = store.hardState().term();
        role = Role.FOLLOWER;
        leaderId = 0;
        repairFloor = store.repairFloor();
        EngineConfig engineConfig = EngineConfig.defaults(config.nodeId(), store,
                        RandomSource.seeded(System.nanoTime() ^ (config.nodeId() * 0x9E3779B97F4A7C15L)), applied)
                .withTicks(config.electionTicks(), config.heartbeatTicks())
                .withLeaseReads(config.leaseReads())
                .withRepairFloor(repairFloor);
        engine = factory.create(engineConfig);
        long commit = store.hardState().commit();
        log.info("{}: starting in term {} from snapshot at {}, state applied through {} (commit {}, last index {},"
                        + " voters {}, learners {}){}", name, term, snap.index(), applied, commit,
                store.lastIndex(), snap.confState().voters(), snap.confState().learners(),
                commit < repairFloor.index() ? "; repairing: votes only for logs at least as up to date as "
                        + repairFloor + " until the commit index reaches it" : "");
    }

    /**
     * Damaged stored data was found. Rather than serve or replicate from it, the replica wipes
     * both stores and restarts its engine over empty ones in repair mode: term and vote kept (it
     * never votes twice in a term), and the last entry it held recorded as its repair floor, so
     * that until its peers caught it up it helps elect only leaders whose logs are at least as up
     * to date as the log it lost (see {@link RepairFloor}); a voter that forgot acknowledged
     * entries could otherwise help elect a leader lacking a committed one. Returns false,
     * changing nothing, when that is impossible: the stores cannot be replaced, or the term, vote
     * or last index cannot be read from the damaged ones.
     */
    private boolean repair(CorruptionException damage) {
        if (!storage.repairable()) {
            return false;
        }
        LogStore damaged = storage.logStore();
        HardState kept;
        RepairFloor floor;
        try {
            kept = damaged.hardState();
            floor = damaged.floorAfterDamage();
        } catch (RuntimeException unreadable) {
            damage.addSuppressed(unreadable);
            log.error("{}: the damaged storage does not tell its term, vote or last index ({}); it cannot be repaired",
                    name, unreadable.toString());
            return false;
        }
        log.error("{}: stored data failed its integrity check ({}); wiping this replica's storage to repair it from"
                + " its peers (term {} and vote {} kept; repair floor {})", name, damage.getMessage(), kept.term(),
                kept.vote(), floor);
        storage.replaceForRepair(kept.term(), kept.vote(), floor);
        openEngine();
        repairs++;
        return true;
    }

    /**
     * Starts a replica over {@code store} and {@code stateMachine} (see
     * {@link #start(ReplicaConfig, EngineFactory, ReplicaStorage, Transport)}); the replica closes
     * the log store, the caller the state machine after the replica. Damaged stored data stops
     * the replica, since these stores cannot be replaced for a repair.
     */
    public static <M extends EngineMessage> GroupReplica<M> start(ReplicaConfig config, EngineFactory<M> factory,
            LogStore store, ReplicatedStateMachine stateMachine, Transport transport) {
        return start(config, factory, ReplicaStorage.of(store, stateMachine), transport);
    }

    /**
     * Starts a replica over {@code storage}, new or reopened. A durable state machine continues
     * from its applied index; one behind the log's snapshot is restored from it; the engine then
     * re-applies the committed entries that follow. When a store reports damaged data
     * ({@link CorruptionException}), at start or later, the replica replaces its stores by empty
     * ones and repairs itself from its peers (see {@link #repair}); only when that is impossible
     * does it stop and mark its storage damaged (at start, this method throws instead). The
     * replica owns the storage from now on and closes it in {@link #close()}.
     */
    public static <M extends EngineMessage> GroupReplica<M> start(ReplicaConfig config, EngineFactory<M> factory,
            ReplicaStorage storage, Transport transport) {
        if (transport.localNodeId() != config.nodeId()) {
            throw new IllegalArgumentException("transport of node " + transport.localNodeId()
                    + " given to replica on node " + config.nodeId());
        }
        GroupReplica<M> replica = new GroupReplica<>(config, factory, storage, transport);
        transport.register(config.groupId(), replica::deliverFromPeer);
        replica.loop.start();
        return replica;
    }

    public long nodeId() {
        return config.nodeId();
    }

    public long groupId() {
        return config.groupId();
    }

    // ------------------------------------------------------------------ client API

    /**
     * Proposes a command. Completes with its result once applied here (with
     * {@link SignedReplies}: once f+1 replicas reported the same result); fails with
     * {@link NotLeaderException} on a non-leader, {@link BusyException} when too many requests
     * are pending or the engine refuses for now, and another {@link RetryableException} when
     * leadership is lost, the entry is overwritten, or the request times out.
     */
    public CompletableFuture<KvCommandResult> propose(KvCommand command) {
        if (signedReplies.isPresent()) {
            // The certificate (f+1 encoded replies) is built only for callers that asked for it.
            return vouchedFor(command.toByteArray()).thenApply(v -> KvCommands.decodeResult(v.result()));
        }
        if (!tryAcquire(proposalsInFlight, config.maxPendingProposals())) {
            return busy("proposals", config.maxPendingProposals());
        }
        byte[] data = command.toByteArray();
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + timeoutNanos;
        submit(result, () -> {
            ProposeResult r = engine.propose(data);
            if (accepted(r, result)) {
                proposals.add(r.index(), r.term(), data, deadline, result);
            }
        });
        return releasing(result, proposalsInFlight).thenApply(KvCommands::decodeResult);
    }

    /** Whether this group's replicas sign their replies, so {@link #proposeCertified} can prove results. */
    public boolean certifiesResults() {
        return signedReplies.isPresent();
    }

    /**
     * Proposes a command and completes with its result and the certificate of f+1 replicas'
     * signed replies vouching for it, which a client can check without trusting this replica.
     * Fails like {@link #propose}, with {@link DivergedResultException} when f+1 replicas vouch
     * for another result than this replica's, and with {@link IllegalStateException} if
     * replies are not signed here ({@link #certifiesResults()}).
     */
    public CompletableFuture<CertifiedResult> proposeCertified(KvCommand command) {
        if (signedReplies.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "group " + config.groupId() + "'s protocol does not sign its replies"));
        }
        byte[] data = command.toByteArray();
        return vouchedFor(data).thenApply(v -> certified(data, v));
    }

    /** Proposes {@code data}; completes with this replica's result once f+1 replicas vouched for it. */
    private CompletableFuture<ReplyCollector.Certified<M>> vouchedFor(byte[] data) {
        if (!tryAcquire(proposalsInFlight, config.maxPendingProposals())) {
            return busy("proposals", config.maxPendingProposals());
        }
        CompletableFuture<ReplyCollector.Certified<M>> vouched = new CompletableFuture<>();
        long deadline = System.nanoTime() + timeoutNanos;
        submit(vouched, () -> {
            if (accepted(engine.propose(data), vouched)) {
                replyVotes.await(Digest.sha256(data), deadline, vouched);
            }
        });
        return releasing(vouched, proposalsInFlight);
    }

    private CertifiedResult certified(byte[] command, ReplyCollector.Certified<M> vouched) {
        SignedReplies<M> replies = signedReplies.orElseThrow();
        ReplyCertificate.Builder certificate = ReplyCertificate.newBuilder()
                .setCommand(ByteString.copyFrom(command)).setResult(ByteString.copyFrom(vouched.result()));
        vouched.replies().forEach((replica, reply) -> certificate.addReplies(SignedReply.newBuilder()
                .setReplica(replica).setMessage(ByteString.copyFrom(replies.encode(reply)))));
        return new CertifiedResult(KvCommands.decodeResult(vouched.result()), certificate.build());
    }

    /** A linearizable read ({@link ReadConsistency#LINEARIZABLE}). */
    public CompletableFuture<KvCommandResult> read(KvQuery query) {
        return read(query, ReadConsistency.LINEARIZABLE, Duration.ZERO);
    }

    /**
     * Answers a query from the local state machine. LINEARIZABLE asks the engine for a read
     * index (ReadIndex through the leader, from any replica) and answers once it is applied here.
     * LEASE takes the same path; with {@code leaseReads} configured the leader then confirms from
     * its lease without a heartbeat round (without it, this is a full linearizable read).
     * BOUNDED_STALENESS answers at once when the local state is known to include every write
     * acknowledged up to {@code maxStaleness} ago, and otherwise does a linearizable read.
     */
    public CompletableFuture<KvCommandResult> read(KvQuery query, ReadConsistency consistency, Duration maxStaleness) {
        if (!tryAcquire(readsInFlight, config.maxPendingReads())) {
            return busy("reads", config.maxPendingReads());
        }
        byte[] request = query.toByteArray();
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        long issued = System.nanoTime();
        submit(result, () -> startRead(request, consistency, maxStaleness.toNanos(), issued, result));
        return releasing(result, readsInFlight).thenApply(KvCommands::decodeResult);
    }

    // ------------------------------------------------------------------ admin API

    /** Whether this replica stopped because its stored data failed an integrity check and could not be repaired. */
    public boolean storageDamaged() {
        return storageDamaged;
    }

    /** How many times this replica found its stored data damaged and replaced it to repair from its peers. */
    public int repairs() {
        return repairs;
    }

    public CompletableFuture<ReplicaStatus> status() {
        CompletableFuture<ReplicaStatus> result = new CompletableFuture<>();
        submit(result, () -> result.complete(new ReplicaStatus(engine.status(), applied, snapshotIndex,
                stateMachine.digest(), proposals.size() + replyVotes.size(), reads.size(), syncs, entriesPersisted,
                snapshotsTaken, snapshotsInstalled, repairFloor, replyVotes.rejectedReplies(),
                replyVotes.mismatchedReports(), replyVotes.divergedResults())));
        return result;
    }

    /**
     * Reads every stored log entry and snapshot chunk, checking their checksums. Completes with
     * true if all are intact; with false if damage was found, in which case the replica repairs
     * itself (or stops) as described in {@link #start(ReplicaConfig, EngineFactory, ReplicaStorage, Transport)}.
     */
    public CompletableFuture<Boolean> verifyStorage() {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        submit(result, () -> {
            try {
                readEverything(store);
                result.complete(true);
            } catch (CorruptionException e) {
                result.complete(false);
                throw e;
            }
        });
        return result;
    }

    /**
     * The newest {@code limit} entries of this replica's durable log, newest first (fewer if it
     * holds fewer), each passed through {@code summarise} at once so no payload is kept.
     */
    public <T> CompletableFuture<List<T>> recentLog(int limit, Function<LogEntry, T> summarise) {
        CompletableFuture<List<T>> result = new CompletableFuture<>();
        submit(result, () -> {
            try {
                List<T> newestFirst = new ArrayList<>();
                for (long i = store.lastIndex(); i >= store.firstIndex() && newestFirst.size() < limit; i--) {
                    newestFirst.add(summarise.apply(store.entries(i, i + 1, Long.MAX_VALUE).get(0)));
                }
                result.complete(newestFirst);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                throw e;
            }
        });
        return result;
    }

    /** Proposes a membership change; completes with its log index once applied here. */
    public CompletableFuture<Long> changeMembership(ConfChange change) {
        if (!tryAcquire(proposalsInFlight, config.maxPendingProposals())) {
            return busy("proposals", config.maxPendingProposals());
        }
        CompletableFuture<Long> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + timeoutNanos;
        submit(result, () -> {
            ProposeResult r = engine.proposeConfChange(change);
            if (accepted(r, result)) {
                CompletableFuture<byte[]> entry = new CompletableFuture<>();
                proposals.add(r.index(), r.term(), change.encode(), deadline, entry);
                entry.whenComplete((ok, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                    } else {
                        result.complete(r.index());
                    }
                });
            }
        });
        return releasing(result, proposalsInFlight);
    }

    public CompletableFuture<Long> addNode(long nodeId) {
        return changeMembership(new ConfChange(ConfChange.Type.ADD_VOTER, nodeId));
    }

    public CompletableFuture<Long> removeNode(long nodeId) {
        return changeMembership(new ConfChange(ConfChange.Type.REMOVE_NODE, nodeId));
    }

    public CompletableFuture<Long> addLearner(long nodeId) {
        return changeMembership(new ConfChange(ConfChange.Type.ADD_LEARNER, nodeId));
    }

    public CompletableFuture<Long> promoteLearner(long nodeId) {
        return changeMembership(new ConfChange(ConfChange.Type.PROMOTE_LEARNER, nodeId));
    }

    /** Asks this leader to hand over to {@code target}; completes with the new leader's id. */
    public CompletableFuture<Long> transferLeadership(long target) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + 2L * config.electionTicks() * tickNanos;
        submit(result, () -> {
            ProposeResult r = engine.transferLeadership(target);
            if (!accepted(r, result)) {
                return;
            }
            if (target == config.nodeId()) {
                result.complete(target);
                return;
            }
            if (transfer != null) {
                transfer.future().completeExceptionally(new BusyException("superseded by a transfer to " + target));
            }
            transfer = new PendingTransfer(target, deadline, result);
        });
        return result;
    }

    /**
     * Snapshots the state machine at its applied index and compacts the log through it (joining
     * a snapshot already in progress); completes with the log's snapshot meta afterwards.
     */
    public CompletableFuture<SnapshotMeta> takeSnapshot() {
        CompletableFuture<SnapshotMeta> result = new CompletableFuture<>();
        submit(result, () -> {
            if (engine.checkpointInterval() > 0) {
                // The engine decides where the log may be compacted (PBFT: stable checkpoints only).
                result.complete(store.snapshotMeta());
            } else if (snapshotting || stateMachine.appliedIndex() > snapshotIndex) {
                snapshotWaiters.add(result);
                startSnapshot();
            } else {
                result.complete(store.snapshotMeta());
            }
        });
        return result;
    }

    /** Stops the loop, fails what is pending, syncs and closes the store. Idempotent. */
    @Override
    public void close() {
        running = false;
        inbox.add(() -> { });
        if (Thread.currentThread() != loop) {
            stopped.join();
        }
    }

    // ------------------------------------------------------------------ request plumbing

    /** Takes one of {@code max} slots, or returns false when all are in use. */
    private static boolean tryAcquire(AtomicInteger inFlight, int max) {
        if (inFlight.incrementAndGet() > max) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    /**
     * {@code future} that first frees its slot: callers continue from the returned stage, so a
     * slot is free again by the time they see the answer.
     */
    private static <T> CompletableFuture<T> releasing(CompletableFuture<T> future, AtomicInteger inFlight) {
        return future.whenComplete((ok, error) -> inFlight.decrementAndGet());
    }

    private static <T> CompletableFuture<T> busy(String what, int max) {
        return CompletableFuture.failedFuture(new BusyException("too many " + what + " pending (" + max + ")"));
    }

    private void submit(CompletableFuture<?> future, Runnable body) {
        enqueue(new Task() {
            @Override
            public void run() {
                body.run();
            }

            @Override
            public void abort() {
                future.completeExceptionally(new ReplicaClosedException(name + " is stopped"));
            }
        });
    }

    private void enqueue(Task task) {
        inbox.add(task);
        if (!accepting) {
            abortQueued();
        }
    }

    private void abortQueued() {
        for (Task t = inbox.poll(); t != null; t = inbox.poll()) {
            t.abort();
        }
    }

    private void deliverFromPeer(EngineMessage message) {
        if (!messageType.isInstance(message)) {
            log.warn("{}: dropped a {} (engine expects {})", name, message.getClass().getSimpleName(),
                    messageType.getSimpleName());
            return;
        }
        if (inboundMessages.incrementAndGet() > config.maxInboundMessages()) {
            inboundMessages.decrementAndGet();
            return;
        }
        M m = messageType.cast(message);
        boolean reply = signedReplies.isPresent() && signedReplies.get().isReply(m);
        enqueue(new Task() {
            @Override
            public void run() {
                inboundMessages.decrementAndGet();
                if (reply) {
                    receiveReply(m);
                } else {
                    engine.step(m);
                }
            }

            @Override
            public void abort() {
                inboundMessages.decrementAndGet();
            }
        });
    }

    /** A peer's signed reply: checked only if it reports a result some proposal here waits for. */
    private void receiveReply(M reply) {
        SignedReplies<M> replies = signedReplies.orElseThrow();
        List<SignedReplies.Report> reports = replies.reports(reply);
        if (reports.stream().noneMatch(r -> replyVotes.wants(r.command()))) {
            return;
        }
        if (!replies.verify(reply)) {
            replyVotes.rejected();
            return;
        }
        long sender = replies.sender(reply);
        for (SignedReplies.Report r : reports) {
            replyVotes.report(sender, r.command(), r.result(), reply);
        }
    }

    /** Completes {@code future} exceptionally unless the engine accepted; returns whether it did. */
    private static boolean accepted(ProposeResult r, CompletableFuture<?> future) {
        switch (r.status()) {
            case ACCEPTED -> {
                return true;
            }
            case NOT_LEADER -> future.completeExceptionally(new NotLeaderException(r.leaderHint()));
            case BUSY -> future.completeExceptionally(new BusyException(
                    "engine refused for now (flow control, leadership transfer or a pending membership change)"));
            case INVALID -> future.completeExceptionally(new IllegalArgumentException("request refused as invalid"));
        }
        return false;
    }

    private void startRead(byte[] request, ReadConsistency consistency, long maxStalenessNanos, long issued,
                           CompletableFuture<byte[]> result) {
        if (consistency == ReadConsistency.BOUNDED_STALENESS
                && reads.freshWithin(System.nanoTime(), maxStalenessNanos, applied)) {
            result.complete(stateMachine.query(request));
            return;
        }
        long readId = reads.register(new ReadTracker.PendingRead(request, issued, issued + timeoutNanos, result));
        ProposeResult r = engine.requestRead(readId);
        if (!r.isAccepted()) {
            reads.cancel(readId);
            accepted(r, result);
        }
    }

    // ------------------------------------------------------------------ event loop

    private void run() {
        ArrayDeque<Task> batch = new ArrayDeque<>();
        long nextTick = System.nanoTime() + tickNanos;
        try {
            while (running) {
                try {
                    nextTick = iterate(batch, nextTick);
                } catch (CorruptionException e) {
                    for (Task t = batch.pollFirst(); t != null; t = batch.pollFirst()) {
                        t.abort();
                    }
                    abandonRequests("the replica found damaged data in its storage");
                    if (!repair(e)) {
                        stopForDamage(e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            log.error("{}: stopping after a fatal error", name, e);
        } finally {
            shutDown();
        }
    }

    /** One pass of the loop: run queued tasks, tick if due, handle a Ready. Returns the next tick time. */
    private long iterate(ArrayDeque<Task> batch, long nextTick) throws InterruptedException {
        long wait = engine.hasReady() ? 0 : Math.max(0, nextTick - System.nanoTime());
        Task first = inbox.poll(wait, TimeUnit.NANOSECONDS);
        if (first != null) {
            first.run();
            inbox.drainTo(batch, MAX_TASKS_PER_ITERATION);
            // Taken off as they run, so that after a failure the batch holds only tasks not run.
            for (Task t = batch.pollFirst(); t != null; t = batch.pollFirst()) {
                t.run();
            }
        }
        long now = System.nanoTime();
        if (now - nextTick >= 0) {
            // Ticks missed while busy are dropped, not replayed in a burst.
            engine.tick();
            expireRequests(now);
            nextTick = now + tickNanos;
        }
        if (running && engine.hasReady()) {
            handleReady(engine.ready());
        }
        return nextTick;
    }

    /** Fails every pending request: nothing more is answered from the damaged stores. */
    private void abandonRequests(String why) {
        proposals.failAll(() -> new ProposalDroppedException(why));
        replyVotes.failAll(() -> new ProposalDroppedException(why));
        reads.failAll(() -> new RetryableException(why, false));
        if (transfer != null) {
            transfer.future().completeExceptionally(new RetryableException(why, false));
            transfer = null;
        }
        awaitSnapshotInFlight();
    }

    /**
     * Damaged stored data was found and cannot be repaired (see {@link #repair}): nothing more is
     * served or replicated from it. The replica stops and its storage is marked damaged, so a
     * restart refuses to use it; the operator removes the node from the group and adds it back
     * with empty storage.
     */
    private void stopForDamage(CorruptionException damage) {
        String marker = storage.markDamaged(damage.getMessage());
        log.error("{}: stored data failed its integrity check ({}); this replica stopped and serves nothing. {}",
                name, damage.getMessage(), marker);
        storageDamaged = true;
        running = false;
    }

    /** The checkpoint being serialized reads the state machine about to be closed: let it finish. */
    private void awaitSnapshotInFlight() {
        if (snapshotInFlight != null) {
            snapshotInFlight.handle((data, error) -> null).join();
            snapshotInFlight = null;
        }
        snapshotting = false;
        snapshotWaiters.forEach(w -> w.completeExceptionally(new RetryableException(
                "the snapshot was abandoned: the replica found damaged data", false)));
        snapshotWaiters.clear();
    }

    private void handleReady(Ready<M> rd) {
        send(rd.messages());
        persist(rd);
        send(rd.messagesAfterPersist());
        if (rd.snapshot() != null) {
            restore(rd.snapshot());
        }
        List<SignedReplies.Applied> results = new ArrayList<>();
        for (LogEntry e : rd.committedEntries()) {
            apply(e, results);
        }
        if (!results.isEmpty()) {
            vouch(results);
        }
        for (ReadState rs : rd.readStates()) {
            ReadTracker.PendingRead read = reads.confirmed(rs.readId(), rs.index(), applied);
            if (read != null) {
                serve(read);
            }
        }
        reads.servable(applied).forEach(this::serve);
        if (rd.hardState() != null) {
            term = rd.hardState().term();
        }
        if (rd.softState() != null) {
            onSoftState(rd.softState());
        }
        engine.advance(rd);
        if (engine.checkpointInterval() > 0) {
            takeCheckpoint(engine.checkpointInterval());
        } else if (stateMachine.appliedIndex() - snapshotIndex >= config.snapshotThreshold()) {
            startSnapshot();
        }
    }

    /**
     * For engines that certify state at checkpoints (PBFT): the state at every K-th index goes to
     * the engine, and the log is compacted only through checkpoints the engine allows. Taken on
     * the loop, since the engine votes on it before anything else is applied.
     *
     * <p>The state machine is synced at a checkpoint only once {@code snapshotThreshold} entries
     * were applied since its last sync, as often as under engines that snapshot by threshold, not
     * at every checkpoint (every 16 entries by default, an fsync on the loop each time): the log
     * keeps the snapshot of its last stable checkpoint and the entries after it, so a restarted
     * replica whose state store lost unsynced commits restores that snapshot and applies the rest.
     */
    private void takeCheckpoint(int interval) {
        if (applied % interval == 0 && applied > snapshotIndex && !checkpoints.containsKey(applied)
                && stateMachine.appliedIndex() == applied) {
            if (applied - stateSyncedAt >= config.snapshotThreshold()) {
                stateMachine.sync();
                stateSyncedAt = applied;
            }
            byte[] state;
            try (StateCheckpoint checkpoint = stateMachine.checkpoint()) {
                state = checkpoint.toBytes();
            }
            checkpoints.put(applied, state);
            engine.checkpointTaken(applied, state);
        }
        Map.Entry<Long, byte[]> allowed = checkpoints.floorEntry(engine.compactableIndex());
        if (allowed != null && allowed.getKey() > snapshotIndex) {
            long index = allowed.getKey();
            store.compact(index, allowed.getValue(), membership.at(index));
            snapshotIndex = index;
            membership.compactedThrough(index);
            snapshotsTaken++;
            // Every K entries under PBFT: too frequent for the node's log at INFO.
            log.debug("{}: checkpoint at index {} is stable ({} bytes); log compacted through it", name, index,
                    allowed.getValue().length);
        }
        checkpoints.headMap(snapshotIndex, true).clear();
    }

    private void send(List<M> messages) {
        for (M m : messages) {
            transport.send(config.groupId(), m);
        }
    }

    /** Snapshot, then entries, then hard state and engine state, written together; one fsync for all of it. */
    private void persist(Ready<M> rd) {
        store.persist(rd.snapshot(), rd.entries(), rd.hardState(), rd.engineState());
        entriesPersisted += rd.entries().size();
        if (rd.mustSync()) {
            store.sync();
            syncs++;
        }
    }

    private void restore(Snapshot snapshot) {
        SnapshotMeta meta = snapshot.meta();
        if (meta.index() < applied) {
            // Only a replica whose own state was found wrong gets a snapshot below what it applied.
            log.warn("{}: replacing its state, applied through {}, by the snapshot at index {}: it diverged;"
                    + " entries above {} are applied again", name, applied, meta.index(), meta.index());
        }
        stateMachine.restore(meta.index(), snapshot.data());
        // Checkpoints taken from the replaced state are not this replica's state any more.
        checkpoints.clear();
        proposals.failThrough(meta.index(), () -> new ProposalDroppedException(
                "a snapshot at " + meta.index() + " replaced the log here"));
        replyVotes.skippedBySnapshot();
        applied = meta.index();
        stateSyncedAt = Math.min(stateSyncedAt, meta.index());
        snapshotIndex = meta.index();
        membership.reset(meta.index(), meta.confState());
        snapshotsInstalled++;
        log.info("{}: installed snapshot at index {} term {} ({} bytes, voters {}, learners {})", name,
                meta.index(), meta.term(), meta.sizeBytes(), meta.confState().voters(), meta.confState().learners());
    }

    /** Signs this replica's reply about {@code results}, counts it as its own vote and sends it to every peer. */
    private void vouch(List<SignedReplies.Applied> results) {
        SignedReplies<M> replies = signedReplies.orElseThrow();
        Optional<M> reply = replies.reply(term, results);
        if (reply.isEmpty()) {
            return;
        }
        for (SignedReplies.Report r : replies.reports(reply.get())) {
            replyVotes.report(config.nodeId(), r.command(), r.result(), reply.get());
        }
        send(replies.toPeers(reply.get()));
    }

    /** Applies {@code e}; with {@link SignedReplies}, adds the result of a command to {@code results}. */
    private void apply(LogEntry e, List<SignedReplies.Applied> results) {
        if (e.index() <= applied) {
            return;
        }
        byte[] result = NO_RESULT;
        switch (e.type()) {
            case NORMAL -> {
                result = stateMachine.apply(e.index(), e.data());
                if (signedReplies.isPresent()) {
                    Digest command = Digest.sha256(e.data());
                    results.add(new SignedReplies.Applied(e.index(), command, result));
                    replyVotes.applied(command, result);
                }
            }
            case CONF_CHANGE -> {
                applyConfChange(e);
                stateMachine.applyNoCommand(e.index());
            }
            case NOOP -> stateMachine.applyNoCommand(e.index());
        }
        applied = e.index();
        proposals.applied(e.index(), e.term(), e.data(), result);
    }

    private void applyConfChange(LogEntry e) {
        ConfChange change = ConfChange.decode(e.data());
        ConfState before = membership.current();
        ConfState after = membership.apply(e.index(), change);
        log.info("{}: membership changed at index {} by {} of node {}: voters {} -> {}, learners {} -> {}", name,
                e.index(), change.type(), change.nodeId(), before.voters(), after.voters(), before.learners(),
                after.learners());
    }

    private void serve(ReadTracker.PendingRead read) {
        read.future().complete(stateMachine.query(read.query()));
    }

    private void onSoftState(SoftState ss) {
        boolean wasLeader = role == Role.LEADER;
        boolean leaderChanged = ss.leaderId() != leaderId;
        if (ss.role() != role || leaderChanged) {
            if (ss.role() == Role.LEADER) {
                log.info("{}: became leader in term {}", name, term);
            } else if (ss.leaderId() != 0) {
                log.info("{}: {} of leader {} in term {}", name, ss.role().name().toLowerCase(), ss.leaderId(), term);
            } else {
                log.info("{}: {} in term {}, no leader known", name, ss.role().name().toLowerCase(), term);
            }
        }
        role = ss.role();
        leaderId = ss.leaderId();
        if (wasLeader && role != Role.LEADER) {
            proposals.failAll(() -> new ProposalDroppedException("leadership lost in term " + term));
            replyVotes.failAll(() -> new ProposalDroppedException("leadership lost in term " + term));
        }
        if (leaderChanged) {
            reads.failUnconfirmed(() -> new RetryableException("leader changed before the read was confirmed", false));
            if (transfer != null && leaderId == transfer.target()) {
                transfer.future().complete(leaderId);
                transfer = null;
            }
        }
    }

    /**
     * Starts a snapshot at the state machine's applied index unless one is in progress. The
     * checkpoint is opened here (cheap) after making that index durable, since the log must never
     * drop entries a restarted state machine still needs; it is serialized on the snapshot thread
     * while the loop keeps applying, and {@link #finishSnapshot} compacts the log with it.
     */
    private void startSnapshot() {
        if (snapshotting) {
            return;
        }
        stateMachine.sync();
        StateCheckpoint checkpoint = stateMachine.checkpoint();
        long index = checkpoint.index();
        ConfState conf = membership.at(index);
        snapshotting = true;
        snapshotInFlight = CompletableFuture.supplyAsync(() -> {
            try (checkpoint) {
                return checkpoint.toBytes();
            }
        }, snapshotThread);
        int generation = repairs;
        snapshotInFlight.whenComplete((data, error) -> enqueue(() -> finishSnapshot(index, conf, data, error,
                generation)));
    }

    private void finishSnapshot(long index, ConfState conf, byte[] data, Throwable error, int generation) {
        if (generation != repairs) {
            // Taken from stores that were since found damaged and replaced: it belongs to neither.
            return;
        }
        snapshotting = false;
        snapshotInFlight = null;
        if (error != null) {
            log.error("{}: snapshot at index {} failed; the log stays as it is", name, index, error);
        } else if (index <= snapshotIndex) {
            log.info("{}: dropped the snapshot taken at {}: the log was meanwhile replaced by a snapshot at {}",
                    name, index, snapshotIndex);
        } else {
            store.compact(index, data, conf);
            snapshotIndex = index;
            membership.compactedThrough(index);
            snapshotsTaken++;
            log.info("{}: snapshot taken at index {} ({} bytes); log compacted through it", name, index, data.length);
        }
        SnapshotMeta meta = store.snapshotMeta();
        snapshotWaiters.forEach(w -> w.complete(meta));
        snapshotWaiters.clear();
    }

    private void expireRequests(long now) {
        proposals.expire(now);
        replyVotes.expire(now);
        reads.expire(now);
        if (transfer != null && now - transfer.deadlineNanos() >= 0) {
            transfer.future().completeExceptionally(new RequestTimeoutException(
                    "leadership not transferred to " + transfer.target() + " in time", false));
            transfer = null;
        }
    }

    private void shutDown() {
        running = false;
        accepting = false;
        try {
            transport.unregister(config.groupId());
            proposals.failAll(() -> new ReplicaClosedException(name + " stopped"));
            replyVotes.failAll(() -> new ReplicaClosedException(name + " stopped"));
            reads.failAll(() -> new ReplicaClosedException(name + " stopped"));
            if (transfer != null) {
                transfer.future().completeExceptionally(new ReplicaClosedException(name + " stopped"));
                transfer = null;
            }
            abortQueued();
            stopSnapshotThread();
            snapshotWaiters.forEach(w -> w.completeExceptionally(new ReplicaClosedException(name + " stopped")));
            snapshotWaiters.clear();
            storage.close();
            log.info("{}: stopped at applied index {} (term {})", name, applied, term);
        } catch (RuntimeException e) {
            log.error("{}: error while stopping", name, e);
        } finally {
            stopped.complete(null);
        }
    }

    /**
     * Brings the state machine to a point the log can continue from and returns its applied
     * index. A durable state machine already holds everything applied up to its applied index,
     * so the engine only re-applies what follows; one behind the log's snapshot (a new or
     * deleted state store) is restored from that snapshot.
     */
    private static long recoverState(LogStore store, ReplicatedStateMachine stateMachine, SnapshotMeta snap,
                                     String name) {
        long durable = stateMachine.appliedIndex();
        long commit = Math.max(store.hardState().commit(), snap.index());
        if (durable > commit) {
            throw new IllegalStateException(name + ": state machine is applied through " + durable
                    + " but the log is committed only through " + commit + "; they do not belong together");
        }
        if (durable >= snap.index()) {
            return durable;
        }
        if (durable > 0) {
            log.warn("{}: state machine at {} is behind the log's snapshot at {}; restoring from the snapshot",
                    name, durable, snap.index());
        }
        stateMachine.restore(snap.index(), readSnapshot(store, snap));
        return snap.index();
    }

    /** Re-applies the membership changes between the snapshot and the state machine's applied index. */
    private static void replayMembership(LogStore store, MembershipHistory membership, long snapIndex, long applied) {
        long next = snapIndex + 1;
        while (next <= applied) {
            for (LogEntry e : store.entries(next, applied + 1, SNAPSHOT_READ_CHUNK)) {
                if (e.type() == EntryType.CONF_CHANGE) {
                    membership.apply(e.index(), ConfChange.decode(e.data()));
                }
                next = e.index() + 1;
            }
        }
    }

    /** Waits for a snapshot being serialized, so its checkpoint is closed before the state machine is. */
    private void stopSnapshotThread() {
        snapshotThread.shutdown();
        try {
            if (!snapshotThread.awaitTermination(1, TimeUnit.MINUTES)) {
                log.warn("{}: snapshot still being written after a minute; stopping without it", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void readEverything(LogStore store) {
        readSnapshot(store, store.snapshotMeta());
        long next = store.firstIndex();
        long last = store.lastIndex();
        while (next <= last) {
            List<LogEntry> chunk = store.entries(next, last + 1, SNAPSHOT_READ_CHUNK);
            next = chunk.get(chunk.size() - 1).index() + 1;
        }
    }

    private static byte[] readSnapshot(LogStore store, SnapshotMeta meta) {
        byte[] data = new byte[Math.toIntExact(meta.sizeBytes())];
        int offset = 0;
        while (offset < data.length) {
            byte[] chunk = store.snapshotChunk(offset, SNAPSHOT_READ_CHUNK);
            System.arraycopy(chunk, 0, data, offset, chunk.length);
            offset += chunk.length;
        }
        return data;
    }
}
