package io.synod.kv.transport.grpc;

/**
 * Traffic with one peer since the transport started.
 *
 * @param sent           messages written to the peer's stream
 * @param dropped        outbound messages dropped: queue full, no address, too large,
 *                       injected fault, or transport closed
 * @param received       inbound messages from the peer delivered to a group's handler
 * @param rejected       inbound envelopes from the peer refused by routing (malformed, wrong
 *                       cluster or node, unknown group or sender)
 * @param inboundDropped inbound envelopes from the peer discarded by an injected fault
 * @param queuedMessages messages now waiting in the peer's outbound queue
 * @param queuedBytes    encoded bytes now waiting in the peer's outbound queue
 */
public record PeerStats(long sent, long dropped, long received, long rejected, long inboundDropped,
                        int queuedMessages, long queuedBytes) {
}
