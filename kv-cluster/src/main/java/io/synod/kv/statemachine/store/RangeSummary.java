package io.synod.kv.statemachine.store;

/**
 * What a transaction compare needs to know about a key range: how many keys it holds and the
 * highest {@code mod_revision} among them (0 when the range is empty).
 */
public record RangeSummary(long count, long maxModRevision) {

    public static final RangeSummary EMPTY = new RangeSummary(0, 0);

    public RangeSummary {
        if (count < 0 || maxModRevision < 0 || count == 0 && maxModRevision != 0) {
            throw new IllegalArgumentException("impossible range summary: " + count + " keys, max mod revision "
                    + maxModRevision);
        }
    }
}
