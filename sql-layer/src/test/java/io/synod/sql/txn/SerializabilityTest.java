package io.synod.sql.txn;

import io.synod.sql.kv.CommitOutcome;
import io.synod.sql.kv.MemorySqlKv;
import io.synod.sql.kv.Mutation;
import io.synod.sql.kv.RangeCondition;
import io.synod.sql.kv.ReadConsistency;
import io.synod.sql.kv.ScanPage;
import io.synod.sql.kv.SqlKv;
import io.synod.sql.kv.ByteKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent bank transactions ({@link BankWorkload}) over {@link MemorySqlKv} with short scan
 * pages, so audits read in several store round trips: every committed audit sees the invariant
 * total and money is conserved. The same workload catches a transaction that does not validate
 * its scans (its range conditions are dropped at commit).
 */
@Timeout(60)
class SerializabilityTest {

    @Test
    void committedTransactionsAreSerializable() throws Exception {
        MemorySqlKv kv = new MemorySqlKv(3);
        BankWorkload bank = new BankWorkload(kv, 12, 1000);

        BankWorkload.Result result = bank.run(4, Duration.ofSeconds(4), 42, false);
        System.out.println("serializable run: " + result);

        assertThat(result.violations()).isEmpty();
        assertThat(result.finalTotal()).isEqualTo(bank.total());
        assertThat(result.audits()).isGreaterThan(100);
        assertThat(result.transfers()).isGreaterThan(100);
        assertThat(result.splits() + result.merges()).isGreaterThan(20);
        assertThat(result.conflicts()).as("contention happened").isGreaterThan(0);
    }

    @Test
    void aTransactionThatDoesNotValidateItsScansIsCaught() throws Exception {
        MemorySqlKv kv = new MemorySqlKv(3);
        BankWorkload bank = new BankWorkload(new ScanConditionsDropped(kv), 12, 1000);

        BankWorkload.Result result = bank.run(4, Duration.ofSeconds(20), 42, true);
        System.out.println("unvalidated scans: " + result);

        assertThat(result.violations().isEmpty() && result.finalTotal() == bank.total())
                .as("an anomaly shows up: %s, final total %d", result.violations(), result.finalTotal())
                .isFalse();
    }

    /** Forwards to a store but forgets every condition over more than one key: unvalidated scans. */
    private record ScanConditionsDropped(SqlKv store) implements SqlKv {

        @Override
        public ScanPage scan(byte[] start, byte[] end, int limit, boolean reverse, ReadConsistency consistency,
                             byte[] guard) {
            return store.scan(start, end, limit, reverse, consistency, guard);
        }

        @Override
        public CommitOutcome commit(List<RangeCondition> conditions, List<Mutation> mutations) {
            List<RangeCondition> pointReads = conditions.stream()
                    .filter(c -> c.end() != null && Arrays.equals(c.end(), ByteKeys.keySuccessor(c.start())))
                    .toList();
            return store.commit(pointReads, mutations);
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
