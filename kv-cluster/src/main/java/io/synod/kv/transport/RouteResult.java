package io.synod.kv.transport;

import io.synod.kv.consensus.api.EngineMessage;

import java.util.Objects;

/** What {@link PeerRouter} decided about one incoming envelope. */
public sealed interface RouteResult {

    /** The message is for a group hosted here, from one of its members, to this node. */
    record Delivered(long groupId, EngineMessage message) implements RouteResult {
        public Delivered {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The envelope was dropped; {@code detail} is a one-line explanation for logs. */
    record Rejected(Reason reason, String detail) implements RouteResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    enum Reason {
        /** The bytes are not a valid envelope (see {@code MalformedEnvelopeException}). */
        MALFORMED,
        /** The envelope names another cluster. */
        WRONG_CLUSTER,
        /** The envelope is addressed to another node. */
        WRONG_DESTINATION,
        /** This node hosts no replica of the envelope's group. */
        UNKNOWN_GROUP,
        /** The sender is not a member of the group. */
        UNKNOWN_SENDER
    }
}
