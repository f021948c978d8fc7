package io.synod.kv.statemachine.store;

import io.synod.proto.kv.KeyValue;
import io.synod.proto.kv.KvSession;

/** The running sums of record and session hashes that a store keeps next to its applied index. */
final class HashSums {

    long records;
    long sessions;

    HashSums(long records, long sessions) {
        this.records = records;
        this.sessions = sessions;
    }

    /** Accounts for replacing {@code before} by {@code after}; either may be null (absent). */
    void replaceRecord(KeyValue before, KeyValue after) {
        if (before != null) {
            records -= StateHash.of(before);
        }
        if (after != null) {
            records += StateHash.of(after);
        }
    }

    void replaceSession(KvSession before, KvSession after) {
        if (before != null) {
            sessions -= StateHash.of(before);
        }
        if (after != null) {
            sessions += StateHash.of(after);
        }
    }

    long digest(long appliedIndex) {
        return StateHash.digest(appliedIndex, records, sessions);
    }
}
