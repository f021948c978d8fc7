package io.synod.kv.service;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.synod.crypto.key.ClusterKeys;
import io.synod.crypto.key.NodeKeyPair;
import io.synod.kv.client.BatchOperation;
import io.synod.kv.client.KeyValue;
import io.synod.kv.client.KvClient;
import io.synod.kv.client.KvException;
import io.synod.kv.client.PutResult;
import io.synod.kv.client.ReplyCertificateVerifier;
import io.synod.kv.client.ScanResult;
import io.synod.kv.client.TxnCondition;
import io.synod.kv.runtime.EngineFactory;
import io.synod.kv.sim.LyingResults;
import io.synod.proto.kv.KvServiceGrpc;
import io.synod.proto.kv.PutRequest;
import io.synod.proto.kv.PutResponse;
import io.synod.proto.kv.ReplyCertificate;
import io.synod.proto.kv.RequestHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A client that trusts no single node of a four-replica PBFT cluster (Ed25519 keys): every answer
 * comes with a certificate of f+1 = 2 replicas' signed replies, which the client checks. A node
 * that tampers with what it tells the client is not believed.
 */
@Timeout(120)
class CertifiedRepliesServiceTest extends ServiceClusterTestBase {

    private static final long KEY_SEED = 42;
    private static final Duration CALL = Duration.ofSeconds(20);

    private static Map<Long, NodeKeyPair> keys() {
        Map<Long, NodeKeyPair> keys = new TreeMap<>();
        for (long id = 1; id <= 4; id++) {
            keys.put(id, NodeKeyPair.deterministic(KEY_SEED, id));
        }
        return keys;
    }

    private static ClusterKeys clusterKeys(Map<Long, NodeKeyPair> keys) {
        Map<Long, io.synod.crypto.key.PublicKey> publicKeys = new TreeMap<>();
        keys.forEach((id, k) -> publicKeys.put(id, k.publicKey()));
        return ClusterKeys.of(publicKeys);
    }

    private ReplyCertificateVerifier startPbftCluster() {
        Map<Long, NodeKeyPair> keys = keys();
        ClusterKeys cluster = clusterKeys(keys);
        this.cluster = new ServiceCluster(dir, 4, id -> EngineFactory.pbft(keys.get(id), cluster));
        return ReplyCertificateVerifier.forCluster(cluster);
    }

    private KvClient certifying(ReplyCertificateVerifier verifier, List<String> endpoints) {
        return closing(KvClient.builder(endpoints).callTimeout(CALL).certifiedBy(verifier).build());
    }

    @Test
    void everyOperationIsAnsweredWithACertifiedResult() {
        ReplyCertificateVerifier verifier = startPbftCluster();
        KvClient client = certifying(verifier, List.of(cluster.address(2)));

        PutResult first = client.put(b("a"), b("1"));
        assertThat(first.previous()).isEmpty();
        assertThat(client.put(b("a"), b("2")).previous()).map(KeyValue::valueUtf8).contains("1");
        assertThat(client.get(b("a"))).map(KeyValue::valueUtf8).contains("2");
        assertThat(client.get(b("missing"))).isEmpty();
        client.batch(List.of(BatchOperation.put(b("b"), b("3")), BatchOperation.put(b("c"), b("4"))));
        assertThat(client.compareAndSet(b("b"), b("3"), b("5")).succeeded()).isTrue();
        assertThat(client.compareAndSet(b("b"), b("3"), b("6")).succeeded()).isFalse();
        assertThat(client.delete(b("c")).deleted()).isTrue();
        ScanResult scan = client.scan(b("a"), b("z"), 0, false);
        assertThat(scan.kvs()).extracting(KeyValue::valueUtf8).containsExactly("2", "5");
        assertThat(client.txn(List.of(new TxnCondition(b("a"), b("b"), 1, scan.revision())),
                List.of(BatchOperation.put(b("d"), b("7")))).succeeded()).isTrue();
        assertThat(client.get(b("d"))).map(KeyValue::valueUtf8).contains("7");

        assertThatThrownBy(() -> client.put(new byte[0], b("x"))).isInstanceOfSatisfying(KvException.class,
                e -> assertThat(e.kind()).isEqualTo(KvException.Kind.INVALID_ARGUMENT));
    }

    @Test
    void aNodeThatTampersWithItsAnswerIsNotBelieved() throws Exception {
        ReplyCertificateVerifier verifier = startPbftCluster();
        KvClient honest = certifying(verifier, List.of(cluster.address(1)));
        honest.put(b("k"), b("v"));
        Server liar = lyingGateway(cluster.address(3));
        String liarAddress = "127.0.0.1:" + liar.getPort();

        // Without certificates a client believes the lie: that is what the check is for.
        KvClient trusting = closing(KvClient.builder(List.of(liarAddress)).callTimeout(CALL).build());
        assertThat(trusting.put(b("k"), b("w")).previous()).map(KeyValue::valueUtf8)
                .contains("forged by a lying replica");

        KvClient onlyTheLiar = closing(KvClient.builder(List.of(liarAddress)).callTimeout(Duration.ofSeconds(3))
                .certifiedBy(verifier).build());
        assertThatThrownBy(() -> onlyTheLiar.put(b("other"), b("x")))
                .isInstanceOfSatisfying(KvException.class, e -> assertThat(e.getMessage()).contains("without proof"));

        KvClient liarFirst = certifying(verifier, List.of(liarAddress, cluster.address(2)));
        for (int i = 0; i < 5; i++) {
            PutResult put = liarFirst.put(b("k"), b("y" + i));
            assertThat(put.previous()).map(KeyValue::valueUtf8).contains(i == 0 ? "w" : "y" + (i - 1));
        }
        assertThat(honest.get(b("k"))).map(KeyValue::valueUtf8).contains("y4");
    }

    @Test
    void aGroupWhoseRepliesAreNotSignedRefusesToCertify() {
        cluster = new ServiceCluster(dir, 3);
        cluster.awaitLeader();
        KvClient client = closing(KvClient.builder(List.of(cluster.address(1))).callTimeout(CALL)
                .certifiedBy(ReplyCertificateVerifier.forCluster(clusterKeys(keys()))).build());
        assertThatThrownBy(() -> client.put(b("k"), b("v"))).isInstanceOfSatisfying(KvException.class,
                e -> assertThat(e.kind()).isEqualTo(KvException.Kind.FAILED_PRECONDITION));
    }

    /**
     * A gateway in front of {@code node} that forwards puts and lies about their result: the
     * response body claims a made-up previous value, and the certificate carries the same lie.
     */
    private Server lyingGateway(String node) throws IOException {
        ManagedChannel channel = channel(node);
        LyingResults lie = new LyingResults();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new KvServiceGrpc.KvServiceImplBase() {
                    @Override
                    public void put(PutRequest request, StreamObserver<PutResponse> out) {
                        PutResponse truth;
                        try {
                            truth = KvServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                                    .put(request.toBuilder().setHeader(RequestHeader.newBuilder(request.getHeader())
                                            .setForwarded(true)).build());
                        } catch (RuntimeException e) {
                            out.onError(e);
                            return;
                        }
                        PutResponse.Builder forged = truth.toBuilder().setHadPrevious(true)
                                .setPrevious(io.synod.proto.kv.KeyValue.newBuilder()
                                        .setValue(ByteString.copyFromUtf8("forged by a lying replica")));
                        if (truth.getHeader().hasCertificate()) {
                            ReplyCertificate certificate = truth.getHeader().getCertificate();
                            forged.getHeaderBuilder().setCertificate(certificate.toBuilder()
                                    .setResult(ByteString.copyFrom(lie.apply(certificate.getResult().toByteArray()))));
                        }
                        out.onNext(forged.build());
                        out.onCompleted();
                    }
                })
                .build()
                .start();
        closing(() -> {
            server.shutdownNow();
            server.awaitTermination(5, TimeUnit.SECONDS);
        });
        return server;
    }
}
