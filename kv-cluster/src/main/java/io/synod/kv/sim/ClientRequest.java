package io.synod.kv.sim;

import io.synod.kv.check.linearizability.KvInput;

/**
 * One attempt of a client operation sent to a node. {@code (clientId, sequence)} identifies the
 * command for the state machine's session table; {@code viaLog} sends a GET through the log
 * instead of a read-index read.
 */
record ClientRequest(int clientId, long sequence, long opId, KvInput input, boolean viaLog) {

    boolean isReadIndexRead() {
        return input.kind() == KvInput.Kind.GET && !viaLog;
    }
}
