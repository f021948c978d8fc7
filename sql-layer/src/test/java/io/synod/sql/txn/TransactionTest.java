package io.synod.sql.txn;

import io.synod.sql.encoding.KeySpace;
import io.synod.sql.kv.MemorySqlKv;
import io.synod.sql.kv.ReadConsistency;
import io.synod.sql.kv.Mutation;
import io.synod.sql.kv.SqlKvLimitException;
import io.synod.kv.statemachine.KvLimits;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionTest {

    private final MemorySqlKv memory = new MemorySqlKv();
    private final CountingSqlKv kv = new CountingSqlKv(memory);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void outside(String key, String value) {
        memory.commit(List.of(), List.of(Mutation.put(b(key), b(value))));
    }

    @Test
    void aReadOnlyTransactionWithOneReadCommitsWithoutARoundTrip() {
        outside("a", "1");
        Transaction tx = new Transaction(kv);
        assertThat(tx.scan(b("a"), b("z"), 0, false)).hasSize(1);
        outside("b", "2");

        assertThat(tx.commit()).isEqualTo(1);
        assertThat(kv.commits).isEmpty();
        assertThat(tx.state()).isEqualTo(Transaction.State.COMMITTED);
    }

    @Test
    void aReadOnlyTransactionWithTwoReadsIsValidated() {
        outside("a", "1");
        Transaction tx = new Transaction(kv);
        tx.get(b("a"));
        tx.get(b("b"));
        outside("b", "2");

        assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class)
                .extracting(e -> ((TransactionConflictException) e).sqlState()).isEqualTo("40001");
        assertThat(kv.commits).hasSize(1);
        assertThat(tx.state()).isEqualTo(Transaction.State.FAILED);
    }

    @Test
    void aKeyReadAgainIsAnsweredFromTheFirstReadAndStillValidated() {
        outside("a", "1");
        Transaction tx = new Transaction(kv);
        assertThat(tx.get(b("a"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("1")));
        assertThat(tx.get(b("absent"))).isEmpty();
        outside("a", "2");
        outside("absent", "now");

        assertThat(tx.get(b("a"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("1")));
        assertThat(tx.get(b("absent"))).isEmpty();
        assertThat(kv.scans).isEqualTo(2);
        tx.put(b("b"), b("x"));
        assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
        assertThat(memory.scan(b("b"), b("c"), 0, false, ReadConsistency.LINEARIZABLE).entries())
                .isEmpty();
    }

    @Test
    void aRolledBackWriteUncoversTheValueReadBeforeIt() {
        outside("a", "1");
        Transaction tx = new Transaction(kv);
        tx.get(b("a"));
        Savepoint savepoint = tx.mark();
        tx.put(b("a"), b("mine"));
        assertThat(tx.get(b("a"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("mine")));
        tx.rollbackTo(savepoint);

        assertThat(tx.get(b("a"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("1")));
        assertThat(kv.scans).isEqualTo(1);
    }

    @Test
    void ownWritesAreReadWithoutTouchingTheStore() {
        Transaction tx = new Transaction(kv);
        tx.put(b("k"), b("v"));
        assertThat(tx.get(b("k"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("v")));
        tx.delete(b("k"));
        assertThat(tx.get(b("k"))).isEmpty();
        assertThat(kv.scans).isZero();
        tx.commit();
        assertThat(kv.commits).containsExactly(List.of());
    }

    @Test
    void theCatalogVersionJoinsTheConditionsOnlyForWritingOrMultiReadTransactions() {
        Transaction reader = new Transaction(kv);
        assertThat(reader.readCatalogVersion()).isZero();
        reader.get(b("a"));
        bumpCatalog();
        reader.commit(); // one data read: atomic on its own, the plan's catalog is irrelevant
        assertThat(kv.commits).isEmpty();

        Transaction writer = new Transaction(kv);
        assertThat(writer.readCatalogVersion()).isEqualTo(1);
        assertThat(writer.readCatalogVersion()).isEqualTo(1);
        writer.put(b("row"), b("v"));
        bumpCatalog();
        assertThatThrownBy(writer::commit).isInstanceOf(TransactionConflictException.class);
        assertThat(memory.size()).isEqualTo(1); // only the version key
    }

    private void bumpCatalog() {
        Transaction ddl = new Transaction(memory);
        long version = ddl.readCatalogVersion();
        ddl.put(KeySpace.CATALOG_VERSION, KeySpace.encodeCatalogVersion(version + 1));
        ddl.commit();
    }

    @Test
    void writesCatalogTellsWhenTheTransactionHasDdl() {
        Transaction tx = new Transaction(kv);
        assertThat(tx.writesCatalog()).isFalse();
        tx.put(KeySpace.CATALOG_VERSION, KeySpace.encodeCatalogVersion(5));
        assertThat(tx.writesCatalog()).isTrue();
        assertThat(tx.readCatalogVersion()).isZero();
    }

    @Test
    void rollbackToUndoesWritesButKeepsReads() {
        outside("a", "1");
        Transaction tx = new Transaction(kv);
        tx.put(b("x"), b("1"));
        Savepoint statement = tx.mark();
        tx.put(b("x"), b("2"));
        tx.put(b("y"), b("2"));
        assertThat(tx.get(b("a"))).isPresent();
        tx.rollbackTo(statement);

        assertThat(tx.get(b("x"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("1")));
        assertThat(tx.get(b("y"))).isEmpty();
        outside("a", "changed");
        assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
    }

    @Test
    void savepointsNestAndReleaseKeepsWrites() {
        Transaction tx = new Transaction(kv);
        Savepoint outer = tx.mark();
        tx.put(b("a"), b("1"));
        Savepoint inner = tx.mark();
        tx.put(b("b"), b("1"));
        tx.release(inner);
        assertThatThrownBy(() -> tx.rollbackTo(inner)).isInstanceOf(IllegalArgumentException.class);
        tx.rollbackTo(outer);
        assertThat(tx.hasWrites()).isFalse();
        tx.put(b("c"), b("1"));
        tx.rollbackTo(outer); // still valid after a rollback to it
        assertThat(tx.hasWrites()).isFalse();
        assertThatThrownBy(() -> new Transaction(kv).rollbackTo(outer)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFinishedTransactionCannotBeUsed() {
        Transaction committed = new Transaction(kv);
        committed.commit();
        assertThatThrownBy(() -> committed.get(b("a"))).isInstanceOf(TransactionClosedException.class)
                .extracting(e -> ((TransactionClosedException) e).sqlState()).isEqualTo("25000");
        assertThatThrownBy(committed::rollback).isInstanceOf(TransactionClosedException.class);
        assertThatThrownBy(committed::commit).isInstanceOf(TransactionClosedException.class);

        Transaction rolledBack = new Transaction(kv);
        rolledBack.put(b("a"), b("1"));
        rolledBack.rollback();
        assertThatThrownBy(() -> rolledBack.put(b("a"), b("1"))).isInstanceOf(TransactionClosedException.class);
        assertThat(memory.size()).isZero();

        Transaction failed = new Transaction(kv);
        failed.get(b("a"));
        failed.put(b("b"), b("1"));
        outside("a", "1");
        assertThatThrownBy(failed::commit).isInstanceOf(TransactionConflictException.class);
        assertThatThrownBy(() -> failed.scan(b("a"), null, 0, false)).isInstanceOf(TransactionClosedException.class);
        failed.rollback();
        assertThat(failed.state()).isEqualTo(Transaction.State.ROLLED_BACK);
    }

    @Test
    void oversizedKeysAndValuesFailWhenWrittenWith54000() {
        Transaction tx = new Transaction(kv);
        assertThatThrownBy(() -> tx.put(new byte[KvLimits.MAX_KEY_BYTES + 1], b("v")))
                .isInstanceOf(SqlKvLimitException.class)
                .extracting(e -> ((SqlKvLimitException) e).sqlState()).isEqualTo("54000");
        assertThatThrownBy(() -> tx.put(b("k"), new byte[KvLimits.MAX_VALUE_BYTES + 1]))
                .isInstanceOf(SqlKvLimitException.class);
        assertThat(tx.hasWrites()).isFalse();
    }

    @Test
    void aScanLongerThanAStorePageIsFollowedAndValidatedPageByPage() {
        MemorySqlKv paged = new MemorySqlKv(2);
        CountingSqlKv counting = new CountingSqlKv(paged);
        for (int i = 0; i < 5; i++) {
            paged.commit(List.of(), List.of(Mutation.put(b("k" + i), b("v"))));
        }
        Transaction tx = new Transaction(counting);
        assertThat(tx.scan(b("k"), b("l"), 0, false)).hasSize(5);
        assertThat(counting.scans).isEqualTo(3);
        tx.put(b("other"), b("x"));
        tx.commit();
        // three pages, and the catalog version read with the first
        assertThat(counting.commits.get(0)).hasSize(4);
    }

    @Test
    void theFirstStoreReadBringsTheCatalogVersionAlong() {
        bumpCatalog();
        Transaction tx = new Transaction(kv);
        assertThat(tx.knowsCatalogVersion()).isFalse();
        tx.get(b("a"));

        assertThat(tx.knowsCatalogVersion()).isTrue();
        assertThat(tx.readCatalogVersion()).isEqualTo(1);
        assertThat(kv.scans).isEqualTo(1);
    }

    @Test
    void aStatementPlannedAgainstAnotherCatalogVersionFailsAtTheFirstStoreRead() {
        outside("a", "1");
        bumpCatalog();
        Transaction tx = new Transaction(kv);
        tx.expectCatalogVersion(0, null);

        assertThatThrownBy(() -> tx.get(b("a"))).isInstanceOf(CatalogChangedException.class)
                .extracting(e -> ((CatalogChangedException) e).sqlState()).isEqualTo("40001");
        assertThat(tx.readCatalogVersion()).isEqualTo(1);
        tx.put(b("b"), b("2"));
        tx.commit();
        assertThat(kv.commits.get(0)).hasSize(1); // the stale read was not recorded, the catalog version was
    }

    @Test
    void writesWithoutAnyReadConfirmTheExpectedCatalogVersionAtCommit() {
        bumpCatalog();
        Transaction stale = new Transaction(kv);
        stale.expectCatalogVersion(0, null);
        stale.put(b("row"), b("v"));
        assertThatThrownBy(stale::commit).isInstanceOf(CatalogChangedException.class);
        stale.rollback();

        Transaction current = new Transaction(kv);
        current.expectCatalogVersion(1, null);
        current.put(b("row"), b("v"));
        current.commit();
        assertThat(memory.size()).isEqualTo(2);
    }

    @Test
    void writesWithoutAnyReadCheckThePlannersCatalogReadInTheirCommit() {
        bumpCatalog();
        Transaction planner = new Transaction(kv);
        assertThat(planner.readCatalogVersion()).isEqualTo(1);
        planner.commit();
        int scans = kv.scans;

        Transaction current = new Transaction(kv);
        current.expectCatalogVersion(1, planner.catalogVersionRead());
        current.put(b("row"), b("v"));
        current.commit();
        assertThat(kv.scans).isEqualTo(scans);
        assertThat(kv.commits).containsExactly(List.of(planner.catalogVersionRead()));

        bumpCatalog();
        Transaction stale = new Transaction(kv);
        stale.expectCatalogVersion(1, planner.catalogVersionRead());
        stale.put(b("other"), b("v"));
        assertThatThrownBy(stale::commit).isInstanceOf(CatalogChangedException.class)
                .extracting(e -> ((CatalogChangedException) e).sqlState()).isEqualTo("40001");
        assertThat(memory.size()).isEqualTo(2); // the version key and the first row
    }

    private static IllegalStateException duplicate() {
        return new IllegalStateException("duplicate");
    }

    @Test
    void anAbsentKeyCheckedAtCommitCostsNoRead() {
        Transaction tx = new Transaction(kv);
        tx.checkAbsent(b("k"), TransactionTest::duplicate, true);
        tx.put(b("k"), b("v"));
        tx.commit();

        assertThat(kv.scans).isZero();
        assertThat(kv.commits).hasSize(1);
        assertThat(memory.size()).isEqualTo(1);
    }

    @Test
    void aKeyTakenBeforeTheCommitFailsItWithTheDuplicateErrorAndWritesNothing() {
        Transaction tx = new Transaction(kv);
        tx.checkAbsent(b("k"), TransactionTest::duplicate, true);
        tx.put(b("k"), b("mine"));
        tx.put(b("other"), b("mine"));
        outside("k", "theirs");

        assertThatThrownBy(tx::commit).isInstanceOf(IllegalStateException.class).hasMessage("duplicate");
        assertThat(tx.state()).isEqualTo(Transaction.State.FAILED);
        assertThat(memory.size()).isEqualTo(1);
        Transaction check = new Transaction(kv);
        assertThat(check.get(b("k"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("theirs")));
    }

    @Test
    void aStaleReadOutranksATakenKeyAtCommit() {
        Transaction tx = new Transaction(kv);
        tx.get(b("a"));
        tx.checkAbsent(b("k"), TransactionTest::duplicate, true);
        tx.put(b("k"), b("mine"));
        outside("a", "changed");
        outside("k", "theirs");

        // The read was stale, so the statement might not have inserted at all: a conflict, not a duplicate.
        assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
    }

    @Test
    void aKeyCheckedNowOrAlreadySeenIsAnsweredAtOnce() {
        outside("k", "theirs");
        Transaction eager = new Transaction(kv);
        assertThatThrownBy(() -> eager.checkAbsent(b("k"), TransactionTest::duplicate, false))
                .hasMessage("duplicate");
        assertThat(kv.scans).isEqualTo(1);

        Transaction seen = new Transaction(kv);
        seen.put(b("n"), b("mine"));
        assertThatThrownBy(() -> seen.checkAbsent(b("n"), TransactionTest::duplicate, true))
                .hasMessage("duplicate");
        seen.delete(b("k"));
        seen.checkAbsent(b("k"), TransactionTest::duplicate, true); // its own delete freed it
        assertThat(kv.scans).isEqualTo(1);
    }
}
