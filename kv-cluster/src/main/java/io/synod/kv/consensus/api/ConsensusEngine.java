package io.synod.kv.consensus.api;

/**
 * A consensus protocol as a pure, deterministic state machine: no threads, clocks, sockets or
 * disk. Inputs are {@link #tick()}, {@link #step}, {@link #propose}, {@link #proposeConfChange}
 * and {@link #requestRead}; every effect comes out through {@link #ready()}.
 *
 * <p>The caller (node runtime or simulator) drives it in a loop:
 * <ol>
 *   <li>feed inputs;</li>
 *   <li>if {@link #hasReady()}, take {@link #ready()} and handle it in the order documented on
 *       {@link Ready} (persist, send, apply);</li>
 *   <li>call {@link #advance(Ready)} with that same Ready.</li>
 * </ol>
 * Only one Ready may be outstanding at a time. All randomness comes from the
 * {@link RandomSource} in the {@link EngineConfig}, so a seed reproduces every decision.
 *
 * <p>Raft, Multi-Paxos and PBFT implement this interface. Terms generalise to ballots (Paxos)
 * and views (PBFT); log indexes to slots and sequence numbers.
 *
 * @param <M> the protocol's message type
 */
public interface ConsensusEngine<M extends EngineMessage> {

    /** This replica's node id. */
    long id();

    /** Advances logical time by one tick; timeouts are counted in ticks. */
    void tick();

    /**
     * Delivers a message from a peer. Messages from unknown nodes, with stale terms, or that are
     * malformed for the protocol are ignored (they never corrupt state).
     */
    void step(M message);

    /** Asks to append a client command. On acceptance the command may still fail to commit. */
    ProposeResult propose(byte[] command);

    /** Asks to change membership (single-server changes: at most one in flight). */
    ProposeResult proposeConfChange(ConfChange change);

    /**
     * Asks for a linearizable read. If accepted, a {@link ReadState} with the same id appears in
     * a later Ready once it is safe to serve the read at or after that index.
     */
    ProposeResult requestRead(long readId);

    /** Asks the leader to hand leadership to {@code targetId}. */
    ProposeResult transferLeadership(long targetId);

    /** Whether {@link #ready()} has anything to do. */
    boolean hasReady();

    /** Collects pending effects. Must be followed by {@link #advance(Ready)} before the next. */
    Ready<M> ready();

    /** Acknowledges that everything in {@code ready} was persisted, sent and applied. */
    void advance(Ready<M> ready);

    /** A read-only view of this replica's state for status pages and checkers. */
    EngineStatus status();

    /**
     * 0 if the runtime may snapshot its state machine and compact its log whenever it likes.
     * Otherwise K: the runtime takes the state machine's snapshot exactly when its applied index
     * reaches a multiple of K (the engine ends a Ready's committed entries there), hands it to
     * {@link #checkpointTaken}, and compacts its log only through such a snapshot at or below
     * {@link #compactableIndex()} (PBFT certifies the state at checkpoints and keeps its log
     * until a checkpoint is stable).
     */
    default int checkpointInterval() {
        return 0;
    }

    /** The runtime's state machine snapshot at checkpoint {@code index}, taken right after applying it. */
    default void checkpointTaken(long index, byte[] snapshot) {
    }

    /** How far the runtime may compact its log (with {@link #checkpointInterval()} > 0). */
    default long compactableIndex() {
        return Long.MAX_VALUE;
    }
}
