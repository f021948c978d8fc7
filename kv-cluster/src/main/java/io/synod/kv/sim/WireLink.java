package io.synod.kv.sim;

import io.synod.kv.consensus.api.EngineMessage;
import io.synod.kv.consensus.paxos.PaxosMessage;
import io.synod.kv.consensus.pbft.PbftMessage;
import io.synod.kv.consensus.raft.RaftMessage;
import io.synod.kv.transport.HostedGroups;
import io.synod.kv.transport.PeerRouter;
import io.synod.kv.transport.RouteResult;
import io.synod.kv.transport.codec.PeerCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.LongUnaryOperator;

/**
 * Wire mode: every peer message travels as {@code PeerEnvelope} bytes, encoded with
 * {@link PeerCodec} and routed at the receiver by a {@link PeerRouter}, as in the real transport.
 * While hostile, the link also flips single bits and injects envelopes for an unknown group, from
 * an unknown sender, or old envelopes replayed after their term ended.
 *
 * <p>A flipped bit in a field no checksum covers (a term, an index, a commit) can decode into a
 * different but well-formed message; the envelope carries no end-to-end checksum and the real
 * transport relies on TCP/TLS integrity for those fields. Such corruptions are counted as
 * undetectable and not delivered; corrupted chunk data is delivered, since the snapshot checksum
 * must catch it.
 */
final class WireLink {

    static final String CLUSTER_ID = "sim";
    static final long GROUP_ID = 1;
    private static final int REPLAY_HISTORY = 64;

    private final PeerCodec codec = new PeerCodec();
    private final SplittableRandom random;
    private final PeerRouter[] routers;
    private final long strangerId;
    private final List<Sent> history = new ArrayList<>();
    private final double corruptRate;
    private final double injectRate;
    private boolean hostile;
    private long rejected;
    private long undetectable;

    /** Routers for nodes {@code 1..nodeCount}; every one of them is in each node's address book. */
    WireLink(int nodeCount, long strangerId, SplittableRandom random) {
        this.random = random;
        this.strangerId = strangerId;
        TreeSet<Long> addressBook = new TreeSet<>();
        for (long id = 1; id <= nodeCount; id++) {
            addressBook.add(id);
        }
        HostedGroups groups = HostedGroups.of(Map.of(GROUP_ID, Set.copyOf(addressBook)));
        routers = new PeerRouter[nodeCount + 1];
        for (int id = 1; id <= nodeCount; id++) {
            routers[id] = new PeerRouter(id, CLUSTER_ID, groups, codec);
        }
        corruptRate = 0.002 + random.nextDouble() * 0.01;
        injectRate = 0.001 + random.nextDouble() * 0.005;
    }

    /** Hostile links corrupt and inject; calm ones only encode and decode. */
    void setHostile(boolean enabled) {
        hostile = enabled;
    }

    long rejected() {
        return rejected;
    }

    long undetectable() {
        return undetectable;
    }

    /** The envelope as it leaves the sender, possibly with one bit flipped on the way. */
    byte[] send(EngineMessage m) {
        byte[] bytes = codec.encode(CLUSTER_ID, GROUP_ID, m);
        if (hostile) {
            remember(new Sent(m, bytes));
            if (random.nextDouble() < corruptRate) {
                byte[] flipped = bytes.clone();
                flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
                return flipped;
            }
        }
        return bytes;
    }

    /**
     * The message the receiver's engine gets, or empty if the router rejected the envelope or
     * it is an undetectable corruption of {@code original}.
     */
    Optional<EngineMessage> receive(int to, byte[] bytes, EngineMessage original) {
        RouteResult result = routers[to].route(bytes);
        if (result instanceof RouteResult.Rejected) {
            rejected++;
            return Optional.empty();
        }
        EngineMessage m = ((RouteResult.Delivered) result).message();
        if (original != null && !sameExceptChunkData(m, original)) {
            undetectable++;
            return Optional.empty();
        }
        return Optional.of(m);
    }

    /**
     * Now and then, an envelope that should never reach an engine: for another group, from a node
     * outside the address book, or an old one replayed whose term the receiver has left behind.
     * Returns the bytes and the receiving node, or empty.
     */
    Optional<Injected> inject(LongUnaryOperator currentTermOf) {
        if (!hostile || history.isEmpty() || random.nextDouble() >= injectRate) {
            return Optional.empty();
        }
        Sent old = history.get(random.nextInt(history.size()));
        EngineMessage m = old.message();
        return switch (random.nextInt(3)) {
            case 0 -> Optional.of(new Injected((int) m.to(), codec.encode(CLUSTER_ID, GROUP_ID + 1 + random.nextInt(5), m)));
            case 1 -> Optional.of(new Injected((int) m.to(), codec.encode(CLUSTER_ID, GROUP_ID, fromStranger(m))));
            default -> m.term() < currentTermOf.applyAsLong(m.to())
                    ? Optional.of(new Injected((int) m.to(), old.bytes()))
                    : Optional.empty();
        };
    }

    /** An envelope the link made up, for node {@code to}. */
    record Injected(int to, byte[] bytes) {
    }

    private record Sent(EngineMessage message, byte[] bytes) {
    }

    private void remember(Sent sent) {
        if (history.size() < REPLAY_HISTORY) {
            history.add(sent);
        } else {
            history.set(random.nextInt(REPLAY_HISTORY), sent);
        }
    }

    /** {@code m} as if a node outside the group had sent it. */
    private EngineMessage fromStranger(EngineMessage m) {
        if (m instanceof RaftMessage r) {
            return RaftMessage.of(r.type(), strangerId, r.to(), r.term()).withLog(r.logTerm(), r.index())
                    .withCommit(r.commit());
        }
        if (m instanceof PbftMessage b) {
            return PbftMessage.of(b.type(), strangerId, b.to(), b.view()).withSeq(b.seq(), b.seqHi())
                    .withDigest(b.digest()).withEntries(b.entries()).withSignature(b.signature());
        }
        PaxosMessage p = (PaxosMessage) m;
        return PaxosMessage.of(p.type(), strangerId, p.to(), p.term()).withSlots(p.slot(), p.lastSlot())
                .withCommit(p.commit()).withEntries(p.entries());
    }

    private static boolean sameExceptChunkData(EngineMessage a, EngineMessage b) {
        if (a instanceof RaftMessage ra && b instanceof RaftMessage rb) {
            return ra.withSnapshot(ra.snapshot(), ra.snapshotOffset(), rb.snapshotData(), ra.snapshotDone()).equals(rb);
        }
        if (a instanceof PaxosMessage pa && b instanceof PaxosMessage pb) {
            return pa.withSnapshot(pa.snapshot(), pa.snapshotOffset(), pb.snapshotData(), pa.snapshotDone()).equals(pb);
        }
        // PBFT messages are signed or checked against certified digests: every corruption is
        // delivered, and the engine must reject it.
        return a instanceof PbftMessage && b instanceof PbftMessage;
    }
}
