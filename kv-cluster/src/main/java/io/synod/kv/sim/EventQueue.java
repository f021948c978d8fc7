package io.synod.kv.sim;

import java.util.PriorityQueue;

/** Pending simulation events ordered by (virtual time, insertion sequence): fully deterministic. */
final class EventQueue {

    /** Something to do at a virtual time. */
    interface Action {
        void run();
    }

    private record Event(long timeMicros, long sequence, Action action) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(timeMicros, o.timeMicros);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private long nextSequence;
    private long nowMicros;

    long nowMicros() {
        return nowMicros;
    }

    void at(long timeMicros, Action action) {
        if (timeMicros < nowMicros) {
            throw new IllegalArgumentException("event scheduled in the past: " + timeMicros + " < " + nowMicros);
        }
        queue.add(new Event(timeMicros, nextSequence++, action));
    }

    void after(long delayMicros, Action action) {
        at(nowMicros + delayMicros, action);
    }

    /** Runs every event due at or before {@code untilMicros}, then sets the clock to it. */
    void runUntil(long untilMicros) {
        while (!queue.isEmpty() && queue.peek().timeMicros() <= untilMicros) {
            Event e = queue.poll();
            nowMicros = e.timeMicros();
            e.action().run();
        }
        nowMicros = Math.max(nowMicros, untilMicros);
    }
}
