package io.synod.kv.runtime;

import io.synod.kv.statemachine.ReplicatedStateMachine;
import io.synod.kv.storage.LogStore;

/**
 * The stores of one replica, owned by its {@link GroupReplica} from start to close: the log and
 * the state machine, and a way to record that their data turned out to be damaged.
 */
public interface ReplicaStorage {

    LogStore logStore();

    ReplicatedStateMachine stateMachine();

    /**
     * Records that this storage holds damaged data, so that it is never opened for service again
     * until an operator deals with it. Returns what was done and what the operator should do, as
     * a sentence for the log.
     */
    String markDamaged(String reason);

    /** Syncs and closes both stores. */
    void close();

    /** Stores opened by the caller; closing closes the log only, and damage is not recorded. */
    static ReplicaStorage of(LogStore logStore, ReplicatedStateMachine stateMachine) {
        return new ReplicaStorage() {
            @Override
            public LogStore logStore() {
                return logStore;
            }

            @Override
            public ReplicatedStateMachine stateMachine() {
                return stateMachine;
            }

            @Override
            public String markDamaged(String reason) {
                return "These stores were given to the replica directly; nothing was recorded on disk.";
            }

            @Override
            public void close() {
                logStore.close();
            }
        };
    }
}
