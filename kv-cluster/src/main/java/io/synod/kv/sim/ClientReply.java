package io.synod.kv.sim;

import io.synod.kv.check.linearizability.KvOutput;

/**
 * A node's answer to a {@link ClientRequest}: either a determinate rejection before anything was
 * proposed (with a leader hint, 0 if unknown) or the operation's output. For writes applied
 * through the log, {@code index/term/dataHash} name the entry, to check it is never lost.
 */
record ClientReply(long opId, boolean rejected, long leaderHint, KvOutput output, long index, long term, long dataHash) {

    static ClientReply rejected(long opId, long leaderHint) {
        return new ClientReply(opId, true, leaderHint, null, 0, 0, 0);
    }

    static ClientReply read(long opId, KvOutput output) {
        return new ClientReply(opId, false, 0, output, 0, 0, 0);
    }

    static ClientReply applied(long opId, KvOutput output, long index, long term, long dataHash) {
        return new ClientReply(opId, false, 0, output, index, term, dataHash);
    }
}
