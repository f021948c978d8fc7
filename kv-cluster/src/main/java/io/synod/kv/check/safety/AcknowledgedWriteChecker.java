package io.synod.kv.check.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * No acknowledged write is lost: after the cluster healed, every write a client was told about
 * is the committed entry at its index, and every live replica has applied past it.
 */
public final class AcknowledgedWriteChecker {

    /** A write acknowledged to client {@code clientId}, as the entry (index, term, data hash) it applied as. */
    public record Ack(int clientId, long sequence, long index, long term, long dataHash) {
    }

    private AcknowledgedWriteChecker() {
    }

    /**
     * @param appliedIndexByLiveNode each live replica's applied index after convergence
     * @param applied                the reference applications of every index
     */
    public static List<Violation> check(List<Ack> acks, Map<Long, Long> appliedIndexByLiveNode,
                                        StateMachineSafetyChecker applied) {
        List<Violation> violations = new ArrayList<>();
        for (Ack ack : acks) {
            StateMachineSafetyChecker.AppliedEntry reference = applied.appliedAt(ack.index());
            if (reference == null || !applied.sameEntry(reference, ack.term(), ack.dataHash())) {
                violations.add(new Violation(Violation.Kind.LOST_WRITE, "client " + ack.clientId() + " seq "
                        + ack.sequence() + " was acknowledged at index " + ack.index() + " term " + ack.term()
                        + " but that index holds " + (reference == null ? "nothing" : "term " + reference.term())));
                continue;
            }
            for (Map.Entry<Long, Long> node : appliedIndexByLiveNode.entrySet()) {
                if (node.getValue() < ack.index()) {
                    violations.add(new Violation(Violation.Kind.LOST_WRITE, "client " + ack.clientId() + " seq "
                            + ack.sequence() + " acknowledged at index " + ack.index() + " but live node "
                            + node.getKey() + " only applied up to " + node.getValue()));
                    break;
                }
            }
        }
        return violations;
    }
}
