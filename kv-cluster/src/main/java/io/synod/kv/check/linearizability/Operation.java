package io.synod.kv.check.linearizability;

import java.util.Objects;

/**
 * One client operation in a recorded history, with invocation and completion times on one clock
 * (virtual time in the simulator). An operation whose outcome is unknown (timed out, connection
 * lost) has {@code output == null} and {@code returnTime == Long.MAX_VALUE}: it may or may not
 * have taken effect, at any time after its call.
 */
public record Operation(long id, int clientId, KvInput input, long callTime, long returnTime, KvOutput output) {

    public Operation {
        Objects.requireNonNull(input, "input");
        if (returnTime < callTime) {
            throw new IllegalArgumentException("operation " + id + " returns before it is called");
        }
        if (output == null && returnTime != Long.MAX_VALUE) {
            throw new IllegalArgumentException("operation " + id + " has no output but a return time");
        }
    }

    public static Operation completed(long id, int clientId, KvInput input, long call, long ret, KvOutput output) {
        return new Operation(id, clientId, input, call, ret, Objects.requireNonNull(output, "output"));
    }

    public static Operation indeterminate(long id, int clientId, KvInput input, long call) {
        return new Operation(id, clientId, input, call, Long.MAX_VALUE, null);
    }

    public boolean isIndeterminate() {
        return output == null;
    }
}
