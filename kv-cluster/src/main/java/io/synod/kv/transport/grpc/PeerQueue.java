package io.synod.kv.transport.grpc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounded outbound queue of one peer: many producers (engine event loops) offer, the peer's
 * sender drains in batches. Offering never waits for space; a full queue refuses. Memory is
 * bounded by {@code maxBytes} plus one envelope (an envelope larger than {@code maxBytes} is
 * accepted only into an empty queue, so that large snapshot chunks can still travel).
 *
 * <p>Each envelope carries the time it may leave (for injected delays); the queue stays FIFO, so
 * a delayed head also holds back what follows it, as a slow link would.
 */
final class PeerQueue {

    /** An envelope that may leave at once. */
    static final long READY_NOW = Long.MIN_VALUE;

    private record Entry(byte[] envelope, long readyAtNanos) {
    }

    private final int maxMessages;
    private final long maxBytes;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long bytes;

    PeerQueue(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /** Appends {@code envelope} unless the queue is full; never blocks. */
    synchronized boolean offer(byte[] envelope, long readyAtNanos) {
        boolean fits = entries.isEmpty()
                || (entries.size() < maxMessages && bytes + envelope.length <= maxBytes);
        if (!fits) {
            return false;
        }
        entries.addLast(new Entry(envelope, readyAtNanos));
        bytes += envelope.length;
        return true;
    }

    /**
     * Removes the leading envelopes that are due at {@code nowNanos}, up to {@code maxMessages}
     * and {@code maxBytes} (but at least one if the head is due).
     */
    synchronized List<byte[]> drain(int maxMessages, int maxBytes, long nowNanos) {
        List<byte[]> batch = new ArrayList<>(Math.min(maxMessages, entries.size()));
        long batchBytes = 0;
        while (batch.size() < maxMessages && !entries.isEmpty()) {
            Entry head = entries.peekFirst();
            if (!isDue(head, nowNanos) || (!batch.isEmpty() && batchBytes + head.envelope.length > maxBytes)) {
                break;
            }
            entries.removeFirst();
            batch.add(head.envelope);
            batchBytes += head.envelope.length;
            bytes -= head.envelope.length;
        }
        return batch;
    }

    /** Nanoseconds until the head is due: 0 if it is, -1 if the queue is empty. */
    synchronized long nanosUntilHeadDue(long nowNanos) {
        Entry head = entries.peekFirst();
        if (head == null) {
            return -1;
        }
        return isDue(head, nowNanos) ? 0 : head.readyAtNanos - nowNanos;
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    private static boolean isDue(Entry entry, long nowNanos) {
        return entry.readyAtNanos == READY_NOW || entry.readyAtNanos - nowNanos <= 0;
    }
}
