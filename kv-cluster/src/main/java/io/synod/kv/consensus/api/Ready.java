package io.synod.kv.consensus.api;

import java.util.List;
import java.util.Objects;

/**
 * Everything an engine wants done, in one batch. The runtime must handle it in this order:
 * <ol>
 *   <li>send {@link #messages()}: they do not depend on this batch's persistence (a leader may
 *       replicate entries while it persists them itself);</li>
 *   <li>persist {@link #snapshot()} (if any), then {@link #entries()} (the first entry's index may
 *       be at or below the last stored index: drop the stored suffix from there first), then
 *       {@link #hardState()} and {@link #engineState()} (if not null); fsync when {@link #mustSync()};</li>
 *   <li>only then send {@link #messagesAfterPersist()} (votes, append acknowledgements);</li>
 *   <li>restore the state machine from {@link #snapshot()} if present, then apply
 *       {@link #committedEntries()} in order;</li>
 *   <li>serve {@link #readStates()} whose index has been applied;</li>
 *   <li>call {@link ConsensusEngine#advance(Ready)}.</li>
 * </ol>
 * Null fields mean "unchanged"; lists are never null. {@code engineState} is opaque bytes an
 * engine needs back after a restart beyond its log and hard state (PBFT: its certificates); the
 * runtime keeps the latest and hands it back through {@link LogView#engineState()}.
 */
public record Ready<M extends EngineMessage>(
        SoftState softState,
        HardState hardState,
        Snapshot snapshot,
        List<LogEntry> entries,
        List<M> messages,
        List<M> messagesAfterPersist,
        List<LogEntry> committedEntries,
        List<ReadState> readStates,
        boolean mustSync,
        byte[] engineState) {

    public Ready {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        messagesAfterPersist = List.copyOf(Objects.requireNonNull(messagesAfterPersist, "messagesAfterPersist"));
        committedEntries = List.copyOf(Objects.requireNonNull(committedEntries, "committedEntries"));
        readStates = List.copyOf(Objects.requireNonNull(readStates, "readStates"));
    }

    /** A batch that leaves the engine state unchanged. */
    public Ready(SoftState softState, HardState hardState, Snapshot snapshot, List<LogEntry> entries, List<M> messages,
                 List<M> messagesAfterPersist, List<LogEntry> committedEntries, List<ReadState> readStates,
                 boolean mustSync) {
        this(softState, hardState, snapshot, entries, messages, messagesAfterPersist, committedEntries, readStates,
                mustSync, null);
    }

    /** Whether anything must be written before {@link #messagesAfterPersist()} may leave. */
    public boolean hasPersistentWork() {
        return hardState != null || snapshot != null || !entries.isEmpty() || engineState != null;
    }
}
