package io.synod.kv.consensus.api;

/**
 * State that must be durable before a replica answers anyone: the current term (ballot, view),
 * the vote cast in it ({@code 0} = none) and the highest index known committed.
 */
public record HardState(long term, long vote, long commit) {

    public static final HardState EMPTY = new HardState(0, 0, 0);

    public HardState {
        if (term < 0 || vote < 0 || commit < 0) {
            throw new IllegalArgumentException("hard state fields must not be negative: " + term + "/" + vote + "/" + commit);
        }
    }
}
