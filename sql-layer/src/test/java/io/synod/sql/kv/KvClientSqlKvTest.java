package io.synod.sql.kv;

import io.synod.kv.client.KvClient;
import io.synod.kv.node.NodeConfig;
import io.synod.kv.node.SynodNode;
import io.synod.kv.statemachine.KvLimits;
import io.synod.sql.txn.BankWorkloadAccess;
import io.synod.sql.txn.Transaction;
import io.synod.sql.txn.TransactionConflictException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link KvClientSqlKv} against a real single-node cluster on loopback. */
@Timeout(90)
class KvClientSqlKvTest {

    @TempDir
    Path dir;

    private SynodNode node;
    private KvClientSqlKv kv;

    @BeforeEach
    void start() throws IOException {
        String address = "127.0.0.1:" + freePort();
        node = SynodNode.start(NodeConfig.of(1, address, Map.of(), dir.resolve("node-1"))
                .withTicks(Duration.ofMillis(10), 30, 3));
        kv = new KvClientSqlKv(KvClient.builder(List.of(address)).callTimeout(Duration.ofSeconds(20)).build(), true);
    }

    @AfterEach
    void stop() {
        if (kv != null) {
            kv.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void transactionsReadTheirRevisionAndCommitIffReadsAreCurrent() {
        Transaction setup = new Transaction(kv);
        setup.put(b("a"), b("1"));
        setup.put(b("b"), b("2"));
        long written = setup.commit();

        Transaction tx = new Transaction(kv);
        assertThat(tx.scan(b("a"), b("z"), 0, false)).extracting(KvEntry::modRevision).containsOnly(written);
        tx.put(b("c"), b("3"));
        Transaction racer = new Transaction(kv);
        racer.put(b("b"), b("changed"));
        racer.get(b("a"));
        racer.commit();
        assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);

        Transaction check = new Transaction(kv);
        assertThat(check.get(b("c"))).isEmpty();
        assertThat(check.get(b("b"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("changed")));
        check.commit();
    }

    @Test
    void aScanOverTheResponseByteBoundIsPagedTransparently() {
        byte[] big = new byte[KvLimits.MAX_VALUE_BYTES - 1024];
        int rows = KvLimits.MAX_SCAN_RESPONSE_BYTES / big.length + 3;
        for (int i = 0; i < rows; i++) {
            Transaction tx = new Transaction(kv);
            tx.put(b("big/" + (char) ('a' + i)), big);
            tx.commit();
        }
        ScanPage first = kv.scan(b("big/"), b("big0"), 0, false, ReadConsistency.LINEARIZABLE);
        assertThat(first.more()).isTrue();
        assertThat(first.entries().size()).isLessThan(rows);

        Transaction tx = new Transaction(kv);
        assertThat(tx.scan(b("big/"), b("big0"), 0, false)).hasSize(rows);
        assertThat(tx.scan(b("big/"), b("big0"), 0, true)).hasSize(rows);
        tx.put(b("other"), b("x"));
        tx.commit();
    }

    @Test
    void limitsAndAnUnreachableStoreMapToSqlStates() {
        Transaction tx = new Transaction(kv);
        for (int i = 0; i < 9; i++) {
            tx.put(b("v" + i), new byte[KvLimits.MAX_VALUE_BYTES]);
        }
        assertThatThrownBy(tx::commit).isInstanceOfSatisfying(SqlKvLimitException.class,
                e -> assertThat(e.sqlState()).isEqualTo("54000"));

        node.close();
        node = null;
        KvClientSqlKv unreachable = new KvClientSqlKv(KvClient.builder(List.of("127.0.0.1:" + freePortUnchecked()))
                .callTimeout(Duration.ofMillis(800)).build(), true);
        try {
            assertThatThrownBy(() -> unreachable.scan(b("a"), null, 0, false, ReadConsistency.LINEARIZABLE))
                    .isInstanceOfSatisfying(SqlKvUnavailableException.class,
                            e -> assertThat(e.sqlState()).isEqualTo("08006"));
        } finally {
            unreachable.close();
        }
    }

    @Test
    void concurrentBankTransactionsStaySerializable() throws Exception {
        BankWorkloadAccess.Outcome outcome = BankWorkloadAccess.run(kv, 8, 3, Duration.ofSeconds(4));
        assertThat(outcome.violations()).isEmpty();
        assertThat(outcome.finalTotal()).isEqualTo(outcome.expectedTotal());
        assertThat(outcome.committed()).isGreaterThan(20);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int freePortUnchecked() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
