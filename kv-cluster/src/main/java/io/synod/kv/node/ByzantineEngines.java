package io.synod.kv.node;

import io.synod.crypto.sign.Ed25519Signer;
import io.synod.crypto.sign.Ed25519Verifier;
import io.synod.kv.consensus.pbft.PbftAuthenticator;
import io.synod.kv.consensus.pbft.PbftEngine;
import io.synod.kv.consensus.pbft.PbftMessage;
import io.synod.kv.runtime.EngineFactory;
import io.synod.kv.runtime.ReportedResults;
import io.synod.kv.sim.ByzantineReplica;
import io.synod.kv.sim.LyingResults;

import java.util.List;

/**
 * Test-only fault injection on a real node: the simulator's {@link ByzantineReplica} around a
 * correct PBFT engine, signing with the node's own key, so multi-process tests can run a
 * cluster with a faulty replica. A replica that lies also lies in its signed replies, and a silent
 * one sends none; messages
 * it would forge in other replicas' names are left out, since the transport authenticates the
 * sending node.
 */
final class ByzantineEngines {

    private ByzantineEngines() {
    }

    static EngineFactory<PbftMessage> pbft(PbftKeys keys, ByzantineReplica.Behavior behavior) {
        PbftAuthenticator auth = new PbftAuthenticator(new Ed25519Signer(keys.key()),
                new Ed25519Verifier(keys.cluster()));
        ReportedResults reported = switch (behavior) {
            case LIE -> ReportedResults.lying(new LyingResults());
            case SILENT -> ReportedResults.SILENT;
            default -> ReportedResults.TRUTHFUL;
        };
        return EngineFactory.pbft(node -> auth,
                (config, a) -> new ByzantineReplica(new PbftEngine(config, a), behavior, new Ed25519Signer(keys.key()),
                        List.copyOf(config.log().snapshotMeta().confState().voters()), config.random().nextLong(),
                        false),
                node -> reported);
    }
}
