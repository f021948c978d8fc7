package io.synod.kv.client;

import io.grpc.Metadata;
import io.grpc.Status;

/**
 * What a Synod node says about a failed request besides its status code, carried in the
 * call's trailers: which node leads the group, whether the request may have been applied, and
 * when to retry. Built by the services, read by the clients.
 *
 * @param leaderId         the group's leader as far as the answering node knows (0: unknown)
 * @param leaderAddress    that leader's host:port ("" if unknown)
 * @param outcome          whether a write may have been applied
 * @param retryAfterMillis a suggested pause before retrying (0: none)
 */
public record ErrorTrailers(long leaderId, String leaderAddress, Outcome outcome, long retryAfterMillis) {

    /** Whether the failed request may still take effect. */
    public enum Outcome {
        /** The request was refused before reaching the log: retrying cannot apply it twice. */
        NOT_APPLIED,
        /** The request reached the log and may be applied, now or later. */
        UNKNOWN,
        /** The failure did not come from a Synod node (connection lost, proxy): assume unknown. */
        NOT_REPORTED
    }

    public static final Metadata.Key<String> LEADER_ID =
            Metadata.Key.of("synod-leader-id", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> LEADER_ADDRESS =
            Metadata.Key.of("synod-leader-address", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> OUTCOME =
            Metadata.Key.of("synod-outcome", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> RETRY_AFTER_MS =
            Metadata.Key.of("synod-retry-after-ms", Metadata.ASCII_STRING_MARSHALLER);

    private static final String OUTCOME_UNKNOWN = "unknown";
    private static final String OUTCOME_NOT_APPLIED = "not-applied";

    public ErrorTrailers {
        leaderAddress = leaderAddress == null ? "" : leaderAddress;
    }

    public static ErrorTrailers notApplied() {
        return new ErrorTrailers(0, "", Outcome.NOT_APPLIED, 0);
    }

    public static ErrorTrailers outcomeUnknown() {
        return new ErrorTrailers(0, "", Outcome.UNKNOWN, 0);
    }

    public ErrorTrailers withLeader(long id, String address) {
        return new ErrorTrailers(id, address, outcome, retryAfterMillis);
    }

    public ErrorTrailers withRetryAfter(long millis) {
        return new ErrorTrailers(leaderId, leaderAddress, outcome, millis);
    }

    public Metadata toMetadata() {
        Metadata m = new Metadata();
        if (outcome != Outcome.NOT_REPORTED) {
            m.put(OUTCOME, outcome == Outcome.UNKNOWN ? OUTCOME_UNKNOWN : OUTCOME_NOT_APPLIED);
        }
        if (leaderId != 0) {
            m.put(LEADER_ID, Long.toUnsignedString(leaderId));
        }
        if (!leaderAddress.isEmpty()) {
            m.put(LEADER_ADDRESS, leaderAddress);
        }
        if (retryAfterMillis > 0) {
            m.put(RETRY_AFTER_MS, Long.toString(retryAfterMillis));
        }
        return m;
    }

    /** Reads the trailers of a failed call; a failure without them reports nothing. */
    public static ErrorTrailers of(Throwable failure) {
        Metadata m = Status.trailersFromThrowable(failure);
        if (m == null) {
            return new ErrorTrailers(0, "", Outcome.NOT_REPORTED, 0);
        }
        String outcome = m.get(OUTCOME);
        Outcome o = OUTCOME_UNKNOWN.equals(outcome) ? Outcome.UNKNOWN
                : OUTCOME_NOT_APPLIED.equals(outcome) ? Outcome.NOT_APPLIED : Outcome.NOT_REPORTED;
        return new ErrorTrailers(parse(m.get(LEADER_ID)), m.get(LEADER_ADDRESS), o, parse(m.get(RETRY_AFTER_MS)));
    }

    private static long parse(String number) {
        if (number == null) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(number);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
