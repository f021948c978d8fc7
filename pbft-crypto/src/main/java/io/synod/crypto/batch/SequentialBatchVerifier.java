package io.synod.crypto.batch;

import io.synod.crypto.sign.Verifier;

import java.util.BitSet;
import java.util.List;

/** Verifies one signature after another on the calling thread: deterministic, for the simulator and small batches. */
public final class SequentialBatchVerifier implements BatchVerifier {

    private final Verifier verifier;

    public SequentialBatchVerifier(Verifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public BitSet verifyAll(List<SignedMessage> messages) {
        BitSet valid = new BitSet(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            SignedMessage m = messages.get(i);
            if (verifier.verify(m.nodeId(), m.message(), m.signature())) {
                valid.set(i);
            }
        }
        return valid;
    }
}
