package io.synod.kv.service;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.synod.kv.client.AdminClient;
import io.synod.kv.client.BatchOperation;
import io.synod.kv.client.CasResult;
import io.synod.kv.client.Consistency;
import io.synod.kv.client.ErrorTrailers;
import io.synod.kv.client.KeyValue;
import io.synod.kv.client.KvClient;
import io.synod.kv.client.KvException;
import io.synod.kv.client.MemberInfo;
import io.synod.kv.client.PutResult;
import io.synod.kv.statemachine.KvLimits;
import io.synod.kv.testing.Await;
import io.synod.proto.kv.KvServiceGrpc;
import io.synod.proto.kv.PutRequest;
import io.synod.proto.kv.PutResponse;
import io.synod.proto.kv.RequestHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The KV and admin gRPC services and their clients against a 3-node in-JVM cluster on LMDB. */
@Timeout(90)
class KvServiceTest extends ServiceClusterTestBase {

    @Test
    void aWriteSentToAFollowerIsForwardedToTheLeaderAndAcknowledged() {
        cluster = new ServiceCluster(dir, 3);
        long leader = cluster.awaitLeader();
        long follower = cluster.someFollower(leader);
        KvServiceGrpc.KvServiceBlockingStub stub = KvServiceGrpc.newBlockingStub(channel(cluster.address(follower)))
                .withDeadlineAfter(10, TimeUnit.SECONDS);

        PutResponse put = stub.put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("k"))
                .setValue(ByteString.copyFromUtf8("v")).build());

        assertThat(put.getHeader().getMemberId()).as("answered by the leader").isEqualTo(leader);
        assertThat(put.getHeader().getLeaderAddress()).isEqualTo(cluster.address(leader));
        assertThat(put.getHeader().getRevision()).isPositive();
        KvClient onlyFollower = closing(KvClient.connect(cluster.address(follower)));
        assertThat(onlyFollower.get(b("k"))).map(KeyValue::valueUtf8).contains("v");
        PutResult second = onlyFollower.put(b("k"), b("w"));
        assertThat(second.previous()).map(KeyValue::valueUtf8).contains("v");
        assertThat(second.revision()).isGreaterThan(put.getHeader().getRevision());
    }

    @Test
    void readsStayLinearizableAfterTheLeaderStops() {
        cluster = new ServiceCluster(dir, 3);
        long leader = cluster.awaitLeader();
        KvClient client = closing(KvClient.builder(cluster.addresses()).callTimeout(Duration.ofSeconds(20)).build());
        client.put(b("x"), b("1"));

        cluster.stop(leader);
        client.put(b("x"), b("2"));

        assertThat(client.get(b("x"))).map(KeyValue::valueUtf8).contains("2");
        for (long id : cluster.running()) {
            KvClient direct = closing(KvClient.connect(cluster.address(id)));
            assertThat(direct.get(b("x"))).as("linearizable read on node %d", id).map(KeyValue::valueUtf8).contains("2");
            assertThat(direct.get(b("x"), Consistency.LEASE)).map(KeyValue::valueUtf8).contains("2");
        }
        assertThat(cluster.awaitLeader()).isNotEqualTo(leader);
    }

    @Test
    void aRetriedWriteInTheSameSessionIsAppliedOnce() {
        cluster = new ServiceCluster(dir, 3);
        long leader = cluster.awaitLeader();
        KvServiceGrpc.KvServiceBlockingStub stub = KvServiceGrpc.newBlockingStub(channel(cluster.address(leader)))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        PutRequest put = PutRequest.newBuilder()
                .setHeader(RequestHeader.newBuilder().setClientId(77).setSequence(1))
                .setKey(ByteString.copyFromUtf8("once")).setValue(ByteString.copyFromUtf8("v")).build();

        PutResponse first = stub.put(put);
        PutResponse retry = stub.put(put);

        assertThat(retry.getHeader().getRevision()).isEqualTo(first.getHeader().getRevision());
        KvClient client = closing(KvClient.connect(cluster.address(leader)));
        assertThat(client.get(b("once")).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void writesRetriedAcrossALeaderKillAreNotAppliedTwice() {
        cluster = new ServiceCluster(dir, 3);
        long leader = cluster.awaitLeader();
        KvClient client = closing(KvClient.builder(cluster.addresses()).callTimeout(Duration.ofSeconds(20)).build());
        client.put(b("warm-up"), b("0"));

        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            puts.add(client.putAsync(b("counter"), b("v" + i)));
            if (i == 60) {
                cluster.stop(leader);
            }
        }
        int acknowledged = 0;
        int unknown = 0;
        for (CompletableFuture<PutResult> f : puts) {
            try {
                f.join();
                acknowledged++;
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOf(KvException.class);
                assertThat(((KvException) e.getCause()).kind()).isEqualTo(KvException.Kind.OUTCOME_UNKNOWN);
                unknown++;
            }
        }

        long version = client.get(b("counter")).orElseThrow().version();
        assertThat(acknowledged).isPositive();
        assertThat(version).as("each put bumps the version once; %d acknowledged, %d unknown", acknowledged, unknown)
                .isBetween((long) acknowledged, (long) acknowledged + unknown);
    }

    @Test
    void errorsMapToStatusCodesWithClearMessages() {
        cluster = new ServiceCluster(dir, 3);
        long leader = cluster.awaitLeader();
        long follower = cluster.someFollower(leader);
        KvClient client = closing(KvClient.connect(cluster.address(follower)));

        byte[] oversized = new byte[KvLimits.MAX_VALUE_BYTES + 1];
        assertThatThrownBy(() -> client.put(b("big"), oversized))
                .isInstanceOfSatisfying(KvException.class, e -> {
                    assertThat(e.kind()).isEqualTo(KvException.Kind.INVALID_ARGUMENT);
                    assertThat(e.getCause()).isInstanceOf(StatusRuntimeException.class);
                    assertThat(Status.fromThrowable(e.getCause()).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                })
                .hasMessageContaining("VALUE_TOO_LARGE")
                .hasMessageContaining("limit is " + KvLimits.MAX_VALUE_BYTES);
        assertThatThrownBy(() -> client.put(new byte[0], b("v")))
                .isInstanceOfSatisfying(KvException.class,
                        e -> assertThat(e.kind()).isEqualTo(KvException.Kind.INVALID_ARGUMENT))
                .hasMessageContaining("key must not be empty");

        KvServiceGrpc.KvServiceBlockingStub stub = KvServiceGrpc.newBlockingStub(channel(cluster.address(follower)));
        assertThatThrownBy(() -> stub.put(PutRequest.newBuilder().setHeader(RequestHeader.newBuilder().setGroupId(7))
                .setKey(ByteString.copyFromUtf8("k")).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND))
                .hasMessageContaining("group 7 is not hosted on node " + follower);
        KvClient otherGroup = closing(KvClient.builder(List.of(cluster.address(follower))).group(7).build());
        assertThatThrownBy(() -> otherGroup.get(b("k")))
                .isInstanceOfSatisfying(KvException.class, e -> assertThat(e.kind()).isEqualTo(KvException.Kind.NOT_FOUND));
    }

    @Test
    void aForwardedRequestMeetingANonLeaderNamesTheLeaderInsteadOfBouncing() {
        cluster = new ServiceCluster(dir, 3);
        long leader = cluster.awaitLeader();
        long follower = cluster.someFollower(leader);
        KvServiceGrpc.KvServiceBlockingStub stub = KvServiceGrpc.newBlockingStub(channel(cluster.address(follower)))
                .withDeadlineAfter(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> stub.put(PutRequest.newBuilder()
                .setHeader(RequestHeader.newBuilder().setForwarded(true))
                .setKey(ByteString.copyFromUtf8("k")).setValue(ByteString.copyFromUtf8("v")).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    ErrorTrailers hint = ErrorTrailers.of(e);
                    assertThat(hint.leaderId()).isEqualTo(leader);
                    assertThat(hint.leaderAddress()).isEqualTo(cluster.address(leader));
                    assertThat(hint.outcome()).isEqualTo(ErrorTrailers.Outcome.NOT_APPLIED);
                });
    }

    @Test
    void casDeleteBatchAndScanWorkThroughTheClient() {
        cluster = new ServiceCluster(dir, 3);
        cluster.awaitLeader();
        KvClient client = closing(KvClient.connect(cluster.addresses().toArray(String[]::new)));

        CasResult created = client.compareAndSet(b("c"), null, b("1"));
        CasResult stale = client.compareAndSet(b("c"), b("0"), b("2"));
        CasResult swapped = client.compareAndSet(b("c"), b("1"), b("2"));
        assertThat(created.succeeded()).isTrue();
        assertThat(stale.succeeded()).isFalse();
        assertThat(stale.current()).map(KeyValue::valueUtf8).contains("1");
        assertThat(swapped.succeeded()).isTrue();
        assertThat(swapped.current().orElseThrow().version()).isEqualTo(2);

        long revision = client.batch(List.of(BatchOperation.put(b("a1"), b("x")), BatchOperation.put(b("a2"), b("y")),
                BatchOperation.put(b("a3"), b("z")), BatchOperation.delete(b("c"))));
        assertThat(revision).isGreaterThan(swapped.revision());
        assertThat(client.get(b("c"))).isEmpty();
        assertThat(client.delete(b("a3")).deleted()).isTrue();
        assertThat(client.delete(b("a3")).deleted()).isFalse();

        var forward = client.scan(b("a"), b("b"), 0, false);
        assertThat(forward.kvs()).extracting(KeyValue::valueUtf8).containsExactly("x", "y");
        var reverse = client.scan(b("a"), null, 1, true);
        assertThat(reverse.kvs()).extracting(KeyValue::valueUtf8).containsExactly("y");
        assertThat(reverse.more()).isTrue();
        Optional<KeyValue> stalenessOk = client.get(b("a1"), Consistency.boundedStaleness(Duration.ofSeconds(5)));
        assertThat(stalenessOk).map(KeyValue::valueUtf8).contains("x");
    }

    @Test
    void adminStatusListsEveryMemberWithItsRole() {
        cluster = new ServiceCluster(dir, 3);
        long leader = cluster.awaitLeader();
        KvClient client = closing(KvClient.connect(cluster.address(leader)));
        client.put(b("k"), b("v"));
        long follower = cluster.someFollower(leader);
        AdminClient admin = closing(AdminClient.connect(cluster.address(follower)));

        List<MemberInfo> members = admin.status();

        assertThat(members).extracting(MemberInfo::nodeId).containsExactly(1L, 2L, 3L);
        assertThat(members).filteredOn(m -> m.nodeId() == leader).singleElement()
                .satisfies(m -> assertThat(m.role()).isEqualTo("LEADER"));
        assertThat(members).filteredOn(m -> m.nodeId() != leader)
                .allSatisfy(m -> assertThat(m.role()).isEqualTo("FOLLOWER"));
        assertThat(members).allSatisfy(m -> {
            assertThat(m.address()).isEqualTo(cluster.address(m.nodeId()));
            assertThat(m.leaderId()).isEqualTo(leader);
            assertThat(m.commitIndex()).isPositive();
            assertThat(m.learner()).isFalse();
        });

        long other = cluster.running().stream().filter(id -> id != leader && id != follower).findFirst().orElseThrow();
        cluster.stop(other);
        assertThat(admin.status()).filteredOn(m -> m.nodeId() == other).singleElement()
                .satisfies(m -> assertThat(m.role()).isEqualTo(AdminGrpcService.UNREACHABLE));
    }

    @Test
    void aLearnerIsAddedAndPromotedThroughTheAdminClient() {
        cluster = new ServiceCluster(dir, 3);
        long leader = cluster.awaitLeader();
        KvClient client = closing(KvClient.connect(cluster.address(leader)));
        client.put(b("before"), b("1"));
        String address = cluster.startJoining(4);
        AdminClient admin = closing(AdminClient.connect(cluster.address(cluster.someFollower(leader))));

        assertThat(admin.addLearner(4, address)).isPositive();
        awaitMember(admin, 4, "LEARNER");
        assertThat(admin.status()).filteredOn(m -> m.nodeId() == 4).singleElement()
                .satisfies(m -> assertThat(m.learner()).isTrue());

        admin.promoteLearner(4);
        awaitMember(admin, 4, "FOLLOWER");
        KvClient onNewNode = closing(KvClient.connect(address));
        assertThat(onNewNode.get(b("before"))).map(KeyValue::valueUtf8).contains("1");
        assertThat(admin.status()).extracting(MemberInfo::nodeId).containsExactly(1L, 2L, 3L, 4L);
        assertThat(admin.takeSnapshot(0).index()).isPositive();
        assertThat(admin.transferLeadership(4)).isEqualTo(4);
    }

    private static void awaitMember(AdminClient admin, long id, String role) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Optional<MemberInfo> m = admin.status().stream().filter(x -> x.nodeId() == id).findFirst();
            if (m.isPresent() && m.get().role().equals(role) && m.get().lag() == 0) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("node " + id + " did not become " + role + ": " + m);
            }
            Await.sleep(50);
        }
    }
}
