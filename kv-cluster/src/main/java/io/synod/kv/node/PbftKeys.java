package io.synod.kv.node;

import io.synod.crypto.key.ClusterKeys;
import io.synod.crypto.key.NodeKeyPair;
import io.synod.crypto.key.PublicKey;
import io.synod.crypto.keyfile.ClusterKeysFile;
import io.synod.crypto.keyfile.PrivateKeyFile;
import io.synod.kv.consensus.pbft.PbftMessage;
import io.synod.kv.runtime.EngineFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;

/**
 * A PBFT node's keys, kept in its data directory: {@value #NODE_KEY} (its Ed25519 private key,
 * generated on first start if absent) and {@value #CLUSTER_KEYS} (every replica's public key, as
 * {@code synod keygen} writes it; {@code synod local} puts one in each node's directory).
 */
public record PbftKeys(NodeKeyPair key, ClusterKeys cluster) {

    public static final String NODE_KEY = "node.key";
    public static final String CLUSTER_KEYS = "cluster.keys";

    /**
     * @throws IllegalStateException if the cluster keys file is missing or does not hold this node's public key
     * @throws UncheckedIOException  if a key file cannot be read or written
     */
    public static PbftKeys load(Path dataDir, long nodeId) {
        Path keyFile = dataDir.resolve(NODE_KEY);
        Path clusterFile = dataDir.resolve(CLUSTER_KEYS);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(keyFile)) {
                PrivateKeyFile.write(keyFile, NodeKeyPair.generate(nodeId, new SecureRandom()), false);
            }
            NodeKeyPair key = PrivateKeyFile.read(keyFile);
            if (key.nodeId() != nodeId) {
                throw new IllegalStateException(keyFile + " holds the key of node " + key.nodeId() + ", not " + nodeId);
            }
            if (!Files.exists(clusterFile)) {
                throw new IllegalStateException("PBFT needs every replica's public key in " + clusterFile
                        + " (write it with 'synod keygen --nodes N', or add this node's line: "
                        + key.publicKey() + ")");
            }
            ClusterKeys cluster = ClusterKeysFile.read(clusterFile);
            if (!cluster.publicKey(nodeId).map(k -> k.equals(key.publicKey())).orElse(false)) {
                throw new IllegalStateException(clusterFile + " does not hold node " + nodeId + "'s public key "
                        + key.publicKey());
            }
            return new PbftKeys(key, cluster);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the PBFT keys of node " + nodeId + ": " + e.getMessage(), e);
        }
    }

    /**
     * For a cluster on one machine: gives every node directory a private key (kept if present)
     * and a {@value #CLUSTER_KEYS} file with all the nodes' public keys.
     *
     * @throws UncheckedIOException if a key file cannot be read or written
     */
    public static void provision(Map<Long, Path> dataDirs) {
        Map<Long, PublicKey> publicKeys = new TreeMap<>();
        try {
            for (Map.Entry<Long, Path> e : dataDirs.entrySet()) {
                Files.createDirectories(e.getValue());
                Path keyFile = e.getValue().resolve(NODE_KEY);
                if (!Files.exists(keyFile)) {
                    PrivateKeyFile.write(keyFile, NodeKeyPair.generate(e.getKey(), new SecureRandom()), false);
                }
                publicKeys.put(e.getKey(), PrivateKeyFile.read(keyFile).publicKey());
            }
            ClusterKeys cluster = ClusterKeys.of(publicKeys);
            for (Path dir : dataDirs.values()) {
                ClusterKeysFile.write(dir.resolve(CLUSTER_KEYS), cluster, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PBFT keys of a local cluster: " + e.getMessage(), e);
        }
    }

    public EngineFactory<PbftMessage> engineFactory() {
        return EngineFactory.pbft(key, cluster);
    }
}
