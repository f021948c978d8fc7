package io.synod.sql.catalog;

import io.synod.sql.kv.MemorySqlKv;
import io.synod.sql.txn.Sequences;
import io.synod.sql.txn.Transaction;
import io.synod.sql.types.SqlType;
import io.synod.sql.types.SqlTypeDescriptor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogStoreTest {

    private final MemorySqlKv kv = new MemorySqlKv();
    private final CatalogStore store = new CatalogStore(new Sequences(kv));

    @Test
    void createdTableIsReadBackAfterCommit() {
        Transaction tx = new Transaction(kv);
        TableDef created = store.createTable(tx, "PUBLIC", "T", List.of(
                new ColumnSpec("ID", SqlTypeDescriptor.of(SqlType.INTEGER), true, null),
                new ColumnSpec("NAME", SqlTypeDescriptor.of(SqlType.VARCHAR, 20), true, "'x'")), List.of("ID"));
        tx.commit();

        Transaction read = new Transaction(kv);
        Catalog catalog = store.read(read);
        assertThat(catalog.version()).isEqualTo(1);
        assertThat(catalog.table("PUBLIC", "T")).contains(created);
        assertThat(created.column("ID").orElseThrow().nullable()).isFalse();
        assertThat(read.readCatalogVersion()).isEqualTo(1);
    }

    @Test
    void duplicateTableIsRefusedWith42P07() {
        Transaction tx = new Transaction(kv);
        store.createTable(tx, "PUBLIC", "T", List.of(
                new ColumnSpec("ID", SqlTypeDescriptor.of(SqlType.INTEGER), true, null)), List.of());
        assertThatThrownBy(() -> store.createTable(tx, "PUBLIC", "T", List.of(
                new ColumnSpec("ID", SqlTypeDescriptor.of(SqlType.INTEGER), true, null)), List.of()))
                .isInstanceOf(CatalogException.class)
                .extracting(e -> ((CatalogException) e).sqlState()).isEqualTo("42P07");
    }
}
