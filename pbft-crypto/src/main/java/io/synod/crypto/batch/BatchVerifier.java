package io.synod.crypto.batch;

import java.util.BitSet;
import java.util.List;

/**
 * Verifies many signatures at once, telling which ones are good: one bad signature does not spoil
 * the others (a Byzantine replica must not be able to make a whole batch of honest votes fail).
 * Results are exactly those of verifying one by one, whatever the implementation.
 */
public interface BatchVerifier {

    /** Bit {@code i} is set if and only if {@code messages.get(i)} carries a valid signature. */
    BitSet verifyAll(List<SignedMessage> messages);
}
