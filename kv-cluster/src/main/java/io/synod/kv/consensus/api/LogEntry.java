package io.synod.kv.consensus.api;

import java.util.Arrays;
import java.util.Objects;

/** One entry of a replicated log. For Multi-Paxos the index is the slot and term the ballot. */
public record LogEntry(long index, long term, EntryType type, byte[] data) {

    public LogEntry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        if (index <= 0) {
            throw new IllegalArgumentException("log index must be positive: " + index);
        }
        if (term < 0) {
            throw new IllegalArgumentException("term must not be negative: " + term);
        }
    }

    public static LogEntry normal(long index, long term, byte[] data) {
        return new LogEntry(index, term, EntryType.NORMAL, data);
    }

    /** Bytes this entry occupies for batching and flow control. */
    public int sizeBytes() {
        return data.length + 24;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogEntry e
                && index == e.index && term == e.term && type == e.type && Arrays.equals(data, e.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, term, type) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "LogEntry[" + index + "@" + term + " " + type + " " + data.length + "B]";
    }
}
