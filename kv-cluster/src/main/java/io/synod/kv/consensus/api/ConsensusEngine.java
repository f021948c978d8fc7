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
}
