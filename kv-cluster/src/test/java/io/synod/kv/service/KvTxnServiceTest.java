package io.synod.kv.service;

import com.google.protobuf.ByteString;
import io.synod.kv.client.BatchOperation;
import io.synod.kv.client.Consistency;
import io.synod.kv.client.KeyValue;
import io.synod.kv.client.KvClient;
import io.synod.kv.client.KvException;
import io.synod.kv.client.PutResult;
import io.synod.kv.client.ScanResult;
import io.synod.kv.client.TxnCondition;
import io.synod.kv.client.TxnResult;
import io.synod.proto.kv.BatchOp;
import io.synod.proto.kv.KvServiceGrpc;
import io.synod.proto.kv.PutRequest;
import io.synod.proto.kv.RequestHeader;
import io.synod.proto.kv.TxnCompare;
import io.synod.proto.kv.TxnRequest;
import io.synod.proto.kv.TxnResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The conditional transaction and read revisions through the gRPC service and {@link KvClient},
 * on a 3-node in-JVM cluster: the optimistic read-validate-write pattern the SQL layer uses.
 */
@Timeout(90)
class KvTxnServiceTest extends ServiceClusterTestBase {

    private KvClient client(List<String> addresses) {
        return closing(KvClient.builder(addresses).callTimeout(Duration.ofSeconds(20)).build());
    }

    /** The condition a reader of [start, end) records from what its scan saw. */
    private static TxnCondition sawAll(byte[] start, byte[] end, ScanResult seen) {
        assertThat(seen.more()).isFalse();
        return new TxnCondition(start, end, seen.kvs().size(), seen.revision());
    }

    @Test
    void aTransactionSentToAFollowerCommitsIffWhatItReadIsUnchanged() {
        cluster = new ServiceCluster(dir, 3);
        long leader = cluster.awaitLeader();
        KvClient viaFollower = client(List.of(cluster.address(cluster.someFollower(leader))));
        viaFollower.batch(List.of(BatchOperation.put(b("acct/1"), b("100")), BatchOperation.put(b("acct/2"), b("50"))));

        ScanResult accounts = viaFollower.scan(b("acct/"), b("acct0"), 0, false);
        TxnCondition unchanged = sawAll(b("acct/"), b("acct0"), accounts);
        assertThat(unchanged.expectedCount()).isEqualTo(2);
        TxnResult transfer = viaFollower.txn(List.of(unchanged),
                List.of(BatchOperation.put(b("acct/1"), b("70")), BatchOperation.put(b("acct/2"), b("80"))));

        assertThat(transfer.succeeded()).isTrue();
        assertThat(transfer.failedCompare()).isEqualTo(-1);
        assertThat(transfer.revision()).isGreaterThan(accounts.revision());
        ScanResult after = viaFollower.scan(b("acct/"), b("acct0"), 0, false);
        assertThat(after.kvs()).extracting(KeyValue::valueUtf8).containsExactly("70", "80");
        assertThat(after.kvs()).allSatisfy(kv -> assertThat(kv.modRevision()).isEqualTo(transfer.revision()));

        // A second transfer from the stale read fails on its (second) condition and changes nothing.
        TxnCondition elsewhere = new TxnCondition(b("other/"), null, 0, accounts.revision());
        TxnResult stale = viaFollower.txn(List.of(elsewhere, unchanged), List.of(BatchOperation.delete(b("acct/1"))));
        assertThat(stale.succeeded()).isFalse();
        assertThat(stale.failedCompare()).isEqualTo(1);
        assertThat(stale.revision()).isGreaterThan(transfer.revision());
        assertThat(viaFollower.get(b("acct/1"))).map(KeyValue::valueUtf8).contains("70");
    }

    @Test
    void readsOnEveryNodeReportTheRevisionOfTheStateTheyServed() {
        cluster = new ServiceCluster(dir, 3);
        cluster.awaitLeader();
        KvClient writer = client(cluster.addresses());
        PutResult last = null;
        for (int i = 0; i < 5; i++) {
            last = writer.put(b("r/" + i), b("v" + i));
        }
        long written = last.revision();
        for (long id : cluster.running()) {
            KvClient direct = client(List.of(cluster.address(id)));
            for (Consistency consistency : List.of(Consistency.LINEARIZABLE, Consistency.LEASE)) {
                ScanResult scan = direct.scanAsync(b("r/"), b("r0"), 0, false, consistency).join();
                assertThat(scan.kvs()).as("%s scan on node %d", consistency.level(), id).hasSize(5);
                assertThat(scan.revision()).as("%s scan on node %d", consistency.level(), id)
                        .isGreaterThanOrEqualTo(written);
            }
            ScanResult stale = direct.scanAsync(b("r/"), b("r0"), 0, false,
                    Consistency.boundedStaleness(Duration.ofMinutes(1))).join();
            // A stale read may miss writes, but what it returns is the state at its revision.
            assertThat(stale.revision()).isPositive();
            assertThat(stale.kvs()).allSatisfy(kv -> assertThat(kv.modRevision()).isLessThanOrEqualTo(stale.revision()));
            assertThat(stale.kvs()).hasSizeLessThanOrEqualTo(5);
        }
    }

    @Test
    void aRetriedTransactionInTheSameSessionIsDecidedOnce() {
        cluster = new ServiceCluster(dir, 3);
        long leader = cluster.awaitLeader();
        KvServiceGrpc.KvServiceBlockingStub stub = KvServiceGrpc.newBlockingStub(channel(cluster.address(leader)))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        ByteString key = ByteString.copyFromUtf8("once");
        // Insert-if-absent: holds only while the key's range is empty.
        TxnRequest insert = TxnRequest.newBuilder()
                .setHeader(RequestHeader.newBuilder().setClientId(91).setSequence(1))
                .addCompares(TxnCompare.newBuilder().setStartKey(key).setEndKey(key.concat(ByteString.copyFrom(new byte[1])))
                        .setExpectedCount(0).setMaxModRevision(0))
                .addOps(BatchOp.newBuilder().setPut(PutRequest.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8("v"))))
                .build();

        TxnResponse first = stub.txn(insert);
        TxnResponse retry = stub.txn(insert);
        TxnResponse fresh = stub.txn(insert.toBuilder().setHeader(insert.getHeader().toBuilder().setSequence(2)).build());

        assertThat(first.getSucceeded()).isTrue();
        assertThat(retry.getSucceeded()).as("the retry gets the original answer").isTrue();
        assertThat(retry.getHeader().getRevision()).isEqualTo(first.getHeader().getRevision());
        assertThat(fresh.getSucceeded()).as("a new transaction sees the key").isFalse();
        assertThat(client(List.of(cluster.address(leader))).get(b("once")).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void malformedConditionsAreRejectedBeforeAnythingApplies() {
        cluster = new ServiceCluster(dir, 3);
        cluster.awaitLeader();
        KvClient client = client(cluster.addresses());
        assertThatThrownBy(() -> client.txn(List.of(new TxnCondition(b("z"), b("a"), 0, 0)),
                List.of(BatchOperation.put(b("k"), b("v")))))
                .isInstanceOf(KvException.class)
                .satisfies(e -> assertThat(((KvException) e).kind()).isEqualTo(KvException.Kind.INVALID_ARGUMENT))
                .hasMessageContaining("start key is not before end key");
        assertThat(client.get(b("k"))).isEmpty();
        assertThatThrownBy(() -> new TxnCondition(b("a"), null, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Threads increment one counter by read-modify-write: scan it, then a transaction that writes
     * the increment iff the counter's range is as read, retrying from the read when it is not.
     * No increment is lost or applied twice: the final value is the number of successes.
     */
    @Test
    void concurrentReadModifyWriteIncrementsLoseNothing() throws Exception {
        cluster = new ServiceCluster(dir, 3);
        cluster.awaitLeader();
        KvClient client = client(cluster.addresses());
        byte[] counter = b("counter");
        byte[] end = b("counter\0");
        int threads = 4;
        int incrementsEach = 25;
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < incrementsEach; i++) {
                        while (true) {
                            ScanResult seen = client.scan(counter, end, 0, false);
                            long value = seen.kvs().isEmpty() ? 0 : Long.parseLong(seen.kvs().get(0).valueUtf8());
                            TxnResult r = client.txn(List.of(sawAll(counter, end, seen)),
                                    List.of(BatchOperation.put(counter, b(Long.toString(value + 1)))));
                            if (r.succeeded()) {
                                succeeded.incrementAndGet();
                                break;
                            }
                            assertThat(r.failedCompare()).isZero();
                            conflicts.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        KeyValue finalValue = client.get(counter).orElseThrow();
        assertThat(succeeded.get()).isEqualTo(threads * incrementsEach);
        assertThat(Long.parseLong(finalValue.valueUtf8()))
                .as("%d successful increments, %d conflicts retried", succeeded.get(), conflicts.get())
                .isEqualTo(succeeded.get());
        assertThat(finalValue.version()).isEqualTo(succeeded.get());
    }
}
