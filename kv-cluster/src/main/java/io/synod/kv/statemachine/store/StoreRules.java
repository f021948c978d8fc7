package io.synod.kv.statemachine.store;

import io.synod.proto.kv.KvSession;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Rules every store kind applies the same way. */
final class StoreRules {

    private StoreRules() {
    }

    /** Batches apply in increasing index order, like the log entries they come from. */
    static void checkAfter(long appliedIndex, WriteBatch batch) {
        if (batch.appliedIndex() <= appliedIndex) {
            throw new IllegalArgumentException("batch index " + batch.appliedIndex()
                    + " is not after applied index " + appliedIndex);
        }
    }

    /**
     * Sessions least recently applied first. Every command records at most one session at its
     * own index, so the order of last application is the order of {@code applied_index}.
     */
    static List<KvSession> inApplyOrder(Iterable<KvSession> sessions) {
        List<KvSession> out = new ArrayList<>();
        sessions.forEach(out::add);
        out.sort(Comparator.comparingLong(KvSession::getAppliedIndex));
        return out;
    }
}
