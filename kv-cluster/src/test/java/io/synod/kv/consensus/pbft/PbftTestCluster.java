package io.synod.kv.consensus.pbft;

import io.synod.kv.consensus.EngineTestCluster;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.Ready;
import io.synod.crypto.sign.SignBytes;
import io.synod.crypto.sign.Signature;
import io.synod.crypto.sign.Verifier;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@link EngineTestCluster} of PbftEngines whose runtime also takes checkpoints: the "state" is
 * the list of applied entries, snapshotted at every multiple of K, and the log is compacted
 * through the checkpoints the engine allows. A replica's state can be damaged: it then differs
 * from the others' until a snapshot replaces it.
 */
final class PbftTestCluster extends EngineTestCluster<PbftMessage, PbftEngine> {

    static final KeyedHashSignatures SIGNATURES = new KeyedHashSignatures(42);
    static final PbftOptions OPTIONS = new PbftOptions(4, 16, 4, 20, 3, true);
    private static final byte[] DAMAGE = "damaged".getBytes(StandardCharsets.US_ASCII);

    private final Map<Long, TreeMap<Long, byte[]>> checkpoints = new TreeMap<>();
    private final Set<Long> damaged = new HashSet<>();
    private final CountingVerifier verifier;

    private PbftTestCluster(PbftOptions options, CountingVerifier verifier, long... voters) {
        super(voters(voters), Map.of(), c -> c,
                c -> new PbftEngine(c, new PbftAuthenticator(SIGNATURES.signer(c.id()), verifier), options));
        this.verifier = verifier;
    }

    /** Signature checks so far, by every replica together. */
    long verifications() {
        return verifier.count;
    }

    /** The cluster's verifier, counting its calls. */
    private static final class CountingVerifier implements Verifier {
        long count;

        @Override
        public boolean verify(long nodeId, SignBytes message, Signature signature) {
            count++;
            return SIGNATURES.verify(nodeId, message, signature);
        }
    }

    static PbftTestCluster of(int n) {
        return of(OPTIONS, n);
    }

    static PbftTestCluster of(PbftOptions options, int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i + 1;
        }
        return new PbftTestCluster(options, new CountingVerifier(), ids);
    }

    @Override
    public void handle(long id, Ready<PbftMessage> rd) {
        Stream.concat(rd.messages().stream(), rd.messagesAfterPersist().stream()).filter(m -> m.from() != id)
                .findFirst().ifPresent(m -> {
                    // Between processes a node can only send as itself: the transport refuses anything else.
                    throw new AssertionError("replica " + id + " sent " + m + " in replica " + m.from() + "'s name");
                });
        super.handle(id, rd);
        Node n = node(id);
        long applied = n.appliedIndex();
        int k = n.engine.checkpointInterval();
        TreeMap<Long, byte[]> taken = checkpoints.computeIfAbsent(id, x -> new TreeMap<>());
        if (rd.snapshot() != null) {
            // The installed state replaces whatever this replica computed, damage and checkpoints alike.
            damaged.remove(id);
            taken.clear();
        }
        long snapshot = n.store.snapshotMeta().index();
        if (applied > snapshot && applied % k == 0 && !taken.containsKey(applied)) {
            byte[] state = state(n);
            taken.put(applied, state);
            n.engine.checkpointTaken(applied, state);
        }
        Map.Entry<Long, byte[]> allowed = taken.floorEntry(n.engine.compactableIndex());
        if (allowed != null && allowed.getKey() > snapshot) {
            n.store.compact(allowed.getKey(), allowed.getValue(), n.store.snapshotMeta().confState());
        }
    }

    /** Damages replica {@code id}'s state: every checkpoint it takes differs from a correct replica's. */
    void damageState(long id) {
        damaged.add(id);
    }

    /** Replica {@code id}'s state now. */
    byte[] state(long id) {
        return state(node(id));
    }

    /** A deterministic state: the applied entries' indexes and data (after a snapshot, the snapshot's). */
    private byte[] state(Node n) {
        ByteBuffer out = ByteBuffer.allocate(1 << 16);
        if (n.store.snapshotMeta().sizeBytes() > 0) {
            out.put(n.store.snapshotChunk(0, (int) n.store.snapshotMeta().sizeBytes()));
        }
        for (LogEntry e : n.applied) {
            if (e.index() > n.store.snapshotMeta().index()) {
                out.putLong(e.index()).put(e.data());
            }
        }
        if (damaged.contains(n.id)) {
            out.put(DAMAGE);
        }
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    @Override
    public void restart(long id) {
        checkpoints.remove(id);
        super.restart(id);
    }
}
