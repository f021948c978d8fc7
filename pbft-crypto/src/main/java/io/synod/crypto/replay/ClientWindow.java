package io.synod.crypto.replay;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * One client's sliding window: its highest accepted sequence and a ring of bits, one per sequence
 * in {@code (highest - size, highest]}, set for those already accepted. Sequence {@code s} lives
 * at bit {@code s mod size}. A client created after others were forgotten also keeps the guard's
 * eviction floor of that moment: it may be a forgotten client coming back, whose old requests lie
 * at or below that floor.
 */
final class ClientWindow {

    private final long[] seen;
    private final int size;
    private final long floor;
    private long highest;

    ClientWindow(int size, long floor) {
        this.size = size;
        this.floor = floor;
        this.seen = new long[size / Long.SIZE];
    }

    ReplayVerdict check(long sequence) {
        if (sequence <= floor) {
            return ReplayVerdict.BELOW_EVICTION_FLOOR;
        }
        if (sequence > highest) {
            return ReplayVerdict.ACCEPTED;
        }
        if (sequence <= highest - size) {
            return ReplayVerdict.TOO_OLD;
        }
        return isSet(sequence) ? ReplayVerdict.DUPLICATE : ReplayVerdict.ACCEPTED;
    }

    /** Marks a sequence that {@link #check} accepted. */
    void record(long sequence) {
        if (sequence > highest) {
            slideTo(sequence);
        }
        int bit = (int) (sequence % size);
        seen[bit / Long.SIZE] |= 1L << (bit % Long.SIZE);
    }

    long highest() {
        return highest;
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeLong(floor);
        out.writeLong(highest);
        for (long word : seen) {
            out.writeLong(word);
        }
    }

    static ClientWindow readFrom(DataInputStream in, int size) throws IOException {
        ClientWindow window = new ClientWindow(size, in.readLong());
        window.highest = in.readLong();
        for (int i = 0; i < window.seen.length; i++) {
            window.seen[i] = in.readLong();
        }
        if (window.floor < 0 || window.highest < 0) {
            throw new IOException("negative floor or sequence");
        }
        return window;
    }

    /** Moves the top of the window up, clearing the slots of sequences that fall out of it. */
    private void slideTo(long sequence) {
        if (sequence - highest >= size) {
            Arrays.fill(seen, 0L);
        } else {
            for (long s = highest + 1; s <= sequence; s++) {
                int bit = (int) (s % size);
                seen[bit / Long.SIZE] &= ~(1L << (bit % Long.SIZE));
            }
        }
        highest = sequence;
    }

    private boolean isSet(long sequence) {
        int bit = (int) (sequence % size);
        return (seen[bit / Long.SIZE] & (1L << (bit % Long.SIZE))) != 0;
    }
}
