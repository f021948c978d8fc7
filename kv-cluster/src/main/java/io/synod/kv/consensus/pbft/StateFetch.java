package io.synod.kv.consensus.pbft;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The receiving side of state transfer: pulls the state at a certified checkpoint chunk by chunk
 * from one peer at a time (the next one when a peer stalls or sends state whose digest is not
 * the certified one), and hands the state over only once its digest matches.
 */
final class StateFetch {

    private static final int RETRY_TICKS = 8;

    /** The request for the next chunk, if any, and the complete verified state once there. */
    record Progress(Optional<PbftMessage> next, byte[] state) {
    }

    private final List<Long> peers;
    private final long self;
    private boolean active;
    private long target;
    private byte[] digest;
    private int peerIndex;
    private int idle;
    private ByteArrayOutputStream received = new ByteArrayOutputStream();

    StateFetch(PbftQuorum quorum, long self) {
        this.peers = quorum.replicas().stream().filter(r -> r != self).toList();
        this.self = self;
        this.peerIndex = (int) (self % Math.max(1, peers.size()));
    }

    boolean active() {
        return active;
    }

    long target() {
        return target;
    }

    /** Starts (or retargets) a fetch of the state at checkpoint {@code seq} whose certified digest is {@code digest}. */
    Optional<PbftMessage> start(long seq, byte[] certifiedDigest, List<PbftMessage> proof) {
        if (peers.isEmpty() || active && seq <= target) {
            return Optional.empty();
        }
        active = true;
        target = seq;
        digest = certifiedDigest.clone();
        received = new ByteArrayOutputStream();
        idle = 0;
        return Optional.of(request(0));
    }

    Optional<PbftMessage> tick() {
        if (!active || ++idle < RETRY_TICKS) {
            return Optional.empty();
        }
        return Optional.of(switchPeer());
    }

    Progress accept(PbftMessage chunk) {
        if (!active || chunk.seq() != target || chunk.offset() != received.size() || chunk.total() < 0) {
            return new Progress(Optional.empty(), null);
        }
        idle = 0;
        received.write(chunk.data(), 0, chunk.data().length);
        if (received.size() < chunk.total() && chunk.data().length > 0) {
            return new Progress(Optional.of(request(received.size()).to(chunk.from())), null);
        }
        byte[] state = received.toByteArray();
        if (state.length != chunk.total() || !Arrays.equals(PbftDigests.state(target, state), digest)) {
            // Not the certified state (a faulty peer, or one whose snapshot moved on): drop it, and
            // ask the next peer when the retry timer fires.
            received = new ByteArrayOutputStream();
            peerIndex = (peerIndex + 1) % peers.size();
            return new Progress(Optional.empty(), null);
        }
        return new Progress(Optional.empty(), state);
    }

    void finish() {
        active = false;
        received = new ByteArrayOutputStream();
    }

    private PbftMessage switchPeer() {
        peerIndex = (peerIndex + 1) % peers.size();
        received = new ByteArrayOutputStream();
        idle = 0;
        return request(0);
    }

    private PbftMessage request(long offset) {
        return PbftMessage.of(PbftMessageType.FETCH_STATE, self, peers.get(peerIndex), 0).withSeq(target, 0)
                .withData(new byte[0], offset, 0);
    }
}
