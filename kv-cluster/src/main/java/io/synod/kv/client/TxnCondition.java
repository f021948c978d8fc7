package io.synod.kv.client;

import java.util.Objects;

/**
 * A transaction's condition: the key range [{@code start}, {@code end}) ({@code end} null or
 * empty: to the end of the key space) holds exactly {@code expectedCount} keys, and none of
 * them was written after revision {@code maxModRevision}. A reader that saw N keys in a range
 * at revision R ({@link ScanResult#revision()}) asks for (N, R): any write, delete or insert in
 * the range since then makes the condition fail.
 */
public record TxnCondition(byte[] start, byte[] end, long expectedCount, long maxModRevision) {

    public TxnCondition {
        Objects.requireNonNull(start, "start");
        if (expectedCount < 0) {
            throw new IllegalArgumentException("expected count must not be negative: " + expectedCount);
        }
        if (maxModRevision < 0) {
            throw new IllegalArgumentException("max mod revision must not be negative: " + maxModRevision);
        }
    }
}
