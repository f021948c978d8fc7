package io.synod.sql.catalog;

import io.synod.sql.encoding.KeySpace;
import io.synod.sql.kv.ByteKeys;
import io.synod.sql.kv.MemorySqlKv;
import io.synod.sql.txn.Sequences;
import io.synod.sql.txn.Transaction;
import io.synod.sql.txn.TransactionConflictException;
import io.synod.sql.types.SqlType;
import io.synod.sql.types.SqlTypeDescriptor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogStoreTest {

    private final MemorySqlKv kv = new MemorySqlKv();
    private final CatalogStore store = new CatalogStore(new Sequences(kv));

    private static ColumnSpec column(String name, SqlType type) {
        return new ColumnSpec(name, SqlTypeDescriptor.of(type), true, null);
    }

    private <T> T inTransaction(java.util.function.Function<Transaction, T> work) {
        Transaction tx = new Transaction(kv);
        T result = work.apply(tx);
        tx.commit();
        return result;
    }

    private void run(Consumer<Transaction> work) {
        inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    private List<io.synod.sql.kv.KvEntry> scanAll(byte[] prefix) {
        return inTransaction(tx -> tx.scan(prefix, ByteKeys.prefixEnd(prefix), 0, false));
    }

    private Catalog catalog() {
        return inTransaction(store::read);
    }

    private void assertFails(Consumer<Transaction> work, String sqlState, CatalogException.Kind kind) {
        Transaction tx = new Transaction(kv);
        assertThatThrownBy(() -> work.accept(tx)).isInstanceOfSatisfying(CatalogException.class, e -> {
            assertThat(e.sqlState()).isEqualTo(sqlState);
            assertThat(e.kind()).isEqualTo(kind);
        });
        assertThat(tx.hasWrites()).as("nothing written by a refused statement").isFalse();
        tx.rollback();
    }

    private TableDef createOrders() {
        return inTransaction(tx -> store.createTable(tx, "PUBLIC", "ORDERS", List.of(
                column("ID", SqlType.BIGINT),
                new ColumnSpec("CUSTOMER", SqlTypeDescriptor.of(SqlType.VARCHAR, 20), true, "'anon'"),
                new ColumnSpec("TOTAL", SqlTypeDescriptor.decimal(10, 2), false, null)), List.of("ID")));
    }

    @Test
    void tablesAreReadBackWithIdsKeysAndDefaults() {
        TableDef orders = createOrders();
        Catalog catalog = catalog();

        assertThat(catalog.version()).isEqualTo(1);
        assertThat(catalog.table("PUBLIC", "ORDERS")).contains(orders);
        assertThat(catalog.tableById(orders.id())).contains(orders);
        assertThat(orders.columns()).extracting(ColumnDef::id).containsExactly(1, 2, 3);
        assertThat(orders.primaryKeyColumns()).extracting(ColumnDef::name).containsExactly("ID");
        assertThat(orders.column("ID").orElseThrow().nullable()).as("key columns are NOT NULL").isFalse();
        assertThat(orders.column("CUSTOMER").orElseThrow().defaultSql()).isEqualTo("'anon'");
        assertThat(orders.column("TOTAL").orElseThrow().type()).isEqualTo(SqlTypeDescriptor.decimal(10, 2));
        assertThat(orders.hiddenRowId()).isFalse();
        assertThat(catalog.table("PUBLIC", "orders")).as("names match exactly").isEmpty();

        Transaction reader = new Transaction(kv);
        assertThat(reader.readCatalogVersion()).isEqualTo(1);
    }

    @Test
    void aTableWithoutAPrimaryKeyHasAHiddenRowId() {
        TableDef log = inTransaction(tx -> store.createTable(tx, "PUBLIC", "LOG",
                List.of(column("LINE", SqlType.VARCHAR)), List.of()));
        assertThat(log.hiddenRowId()).isTrue();
        assertThat(log.primaryKey()).isEmpty();
        assertThat(TableKeys.primaryKeyValues(log, TableKeys.rowKey(log, 42L))).containsExactly(42L);
    }

    @Test
    void duplicatesAndUnknownsFailWithTheirSqlStates() {
        createOrders();
        run(tx -> store.createView(tx, new ViewDef("PUBLIC", "V", "SELECT 1", List.of("X")), false));
        assertFails(tx -> createTable(tx, "ORDERS"), "42P07", CatalogException.Kind.ALREADY_EXISTS);
        assertFails(tx -> createTable(tx, "V"), "42P07", CatalogException.Kind.ALREADY_EXISTS);
        assertFails(tx -> store.createSchema(tx, "PUBLIC"), "42P06", CatalogException.Kind.ALREADY_EXISTS);
        assertFails(tx -> store.createTable(tx, "PUBLIC", "T", List.of(column("A", SqlType.INTEGER),
                column("A", SqlType.INTEGER)), List.of()), "42701", CatalogException.Kind.ALREADY_EXISTS);
        assertFails(tx -> store.createTable(tx, "PUBLIC", "T", List.of(column("A", SqlType.INTEGER)),
                List.of("B")), "42703", CatalogException.Kind.NOT_FOUND);
        assertFails(tx -> store.createTable(tx, "NOPE", "T", List.of(column("A", SqlType.INTEGER)), List.of()),
                "3F000", CatalogException.Kind.NOT_FOUND);
        assertFails(tx -> store.dropTable(tx, "PUBLIC", "MISSING"), "42P01", CatalogException.Kind.NOT_FOUND);
        assertFails(tx -> store.dropView(tx, "PUBLIC", "ORDERS"), "42P01", CatalogException.Kind.NOT_FOUND);
        assertFails(tx -> store.dropIndex(tx, "PUBLIC", "IX"), "42704", CatalogException.Kind.NOT_FOUND);
        assertFails(tx -> store.addColumn(tx, "PUBLIC", "ORDERS", column("TOTAL", SqlType.INTEGER), null),
                "42701", CatalogException.Kind.ALREADY_EXISTS);
        assertFails(tx -> store.createIndex(tx, "PUBLIC", "ORDERS", "IX", List.of("NOPE"), false),
                "42703", CatalogException.Kind.NOT_FOUND);
        assertFails(tx -> store.createTable(tx, "PUBLIC", "T", List.of(), List.of()), "42P16",
                CatalogException.Kind.INVALID);
        assertThat(catalog().version()).isEqualTo(2);
    }

    private TableDef createTable(Transaction tx, String name) {
        return store.createTable(tx, "PUBLIC", name, List.of(column("A", SqlType.INTEGER)), List.of());
    }

    @Test
    void schemasHoldTheirOwnObjectsAndDropOnlyWhenEmpty() {
        run(tx -> store.createSchema(tx, "SALES"));
        run(tx -> createTableIn(tx, "SALES", "ORDERS"));
        assertThat(catalog().schemas()).extracting(SchemaDef::name).containsExactly("PUBLIC", "SALES");
        assertThat(catalog().tables("SALES")).extracting(TableDef::name).containsExactly("ORDERS");
        assertThat(catalog().tables("PUBLIC")).isEmpty();
        assertFails(tx -> store.dropSchema(tx, "SALES"), "2BP01", CatalogException.Kind.NOT_EMPTY);
        assertFails(tx -> store.dropSchema(tx, "PUBLIC"), "0A000", CatalogException.Kind.INVALID);
        run(tx -> store.dropTable(tx, "SALES", "ORDERS"));
        run(tx -> store.dropSchema(tx, "SALES"));
        assertThat(catalog().schema("SALES")).isEmpty();
    }

    private void createTableIn(Transaction tx, String schema, String name) {
        store.createTable(tx, schema, name, List.of(column("A", SqlType.INTEGER)), List.of("A"));
    }

    @Test
    void addColumnKeepsOldRowsReadableWithTheMissingValue() {
        TableDef orders = createOrders();
        Object[] row = {1L, "ann", new java.math.BigDecimal("9.50")};
        run(tx -> tx.put(TableKeys.rowKey(orders, row), orders.rowCodec().encode(row)));

        ColumnDef status = inTransaction(tx -> store.addColumn(tx, "PUBLIC", "ORDERS",
                new ColumnSpec("STATUS", SqlTypeDescriptor.of(SqlType.VARCHAR), false, "'new'"), "new"));
        assertFails(tx -> store.addColumn(tx, "PUBLIC", "ORDERS",
                new ColumnSpec("NOTE", SqlTypeDescriptor.of(SqlType.VARCHAR), false, null), null),
                "23502", CatalogException.Kind.CONSTRAINT_VIOLATION);

        TableDef now = catalog().table("PUBLIC", "ORDERS").orElseThrow();
        assertThat(status.id()).isEqualTo(4);
        assertThat(now.columns()).last().isEqualTo(status);
        byte[] stored = inTransaction(tx -> tx.get(TableKeys.rowKey(orders, row)).orElseThrow());
        assertThat(now.rowCodec().decode(stored)).containsExactly(1L, "ann", new java.math.BigDecimal("9.50"), "new");
    }

    @Test
    void createIndexWritesEntriesForExistingRowsAndRefusesDuplicatesOfAUniqueOne() {
        TableDef orders = createOrders();
        Object[][] rows = {{1L, "ann", new java.math.BigDecimal("1.00")}, {2L, "bob", new java.math.BigDecimal("2.00")},
                {3L, "ann", new java.math.BigDecimal("3.00")}, {4L, null, new java.math.BigDecimal("4.00")},
                {5L, null, new java.math.BigDecimal("5.00")}};
        run(tx -> {
            for (Object[] r : rows) {
                tx.put(TableKeys.rowKey(orders, r), orders.rowCodec().encode(r));
            }
        });

        IndexDef byCustomer = inTransaction(tx -> store.createIndex(tx, "PUBLIC", "ORDERS", "BY_CUSTOMER",
                List.of("CUSTOMER"), false));
        TableDef indexed = catalog().table("PUBLIC", "ORDERS").orElseThrow();
        assertThat(indexed.index("BY_CUSTOMER")).contains(byCustomer);
        assertThat(catalog().tableOfIndex("PUBLIC", "BY_CUSTOMER")).contains(indexed);
        byte[] prefix = KeySpace.indexPrefix(orders.id(), byCustomer.id());
        List<io.synod.sql.kv.KvEntry> entries = scanAll(prefix);
        assertThat(entries).hasSize(5);
        assertThat(entries.stream().map(e -> TableKeys.primaryKeyValues(orders,
                TableKeys.rowKeyOfIndexEntry(orders, byCustomer, e.key(), e.value()))[0]).toList())
                .as("NULL first, then by customer, then by key").containsExactly(4L, 5L, 1L, 3L, 2L);

        assertFails(tx -> store.createIndex(tx, "PUBLIC", "ORDERS", "UNIQUE_CUSTOMER", List.of("CUSTOMER"), true),
                "23505", CatalogException.Kind.CONSTRAINT_VIOLATION);
        assertFails(tx -> store.createIndex(tx, "PUBLIC", "ORDERS", "BY_CUSTOMER", List.of("TOTAL"), false),
                "42P07", CatalogException.Kind.ALREADY_EXISTS);
        IndexDef uniqueTotal = inTransaction(tx -> store.createIndex(tx, "PUBLIC", "ORDERS", "BY_TOTAL",
                List.of("TOTAL"), true));
        byte[] point = TableKeys.indexEntry(orders, uniqueTotal, rows[1], TableKeys.rowKey(orders, rows[1])).key();
        byte[] pk = inTransaction(tx -> tx.get(point).orElseThrow());
        assertThat(TableKeys.primaryKeyValues(orders, TableKeys.rowKeyOfIndexEntry(orders, uniqueTotal, point, pk)))
                .containsExactly(2L);

        run(tx -> store.dropIndex(tx, "PUBLIC", "BY_CUSTOMER"));
        assertThat(catalog().table("PUBLIC", "ORDERS").orElseThrow().indexes()).containsExactly(uniqueTotal);
        assertThat(new DroppedDataPurger(kv).purgeAll()).isEqualTo(5);
        assertThat(scanAll(prefix)).isEmpty();
    }

    @Test
    void droppedTablesAreGoneAtOnceAndTheirRowsArePurgedInBatches() {
        TableDef orders = createOrders();
        int rows = DroppedDataPurger.BATCH * 2 + 17;
        run(tx -> {
            for (long i = 0; i < rows; i++) {
                Object[] r = {i, "c", java.math.BigDecimal.ONE};
                tx.put(TableKeys.rowKey(orders, r), orders.rowCodec().encode(r));
            }
        });
        run(tx -> store.dropTable(tx, "PUBLIC", "ORDERS"));
        assertThat(catalog().table("PUBLIC", "ORDERS")).isEmpty();
        TableDef again = createOrders();
        assertThat(again.id()).as("ids are never reused").isNotEqualTo(orders.id());

        assertThat(new DroppedDataPurger(kv).purgeAll()).isEqualTo(rows);
        byte[] prefix = KeySpace.tablePrefix(orders.id());
        assertThat(scanAll(prefix)).isEmpty();
        assertThat(new DroppedDataPurger(kv).purgeAll()).isZero();
    }

    @Test
    void viewsAreCreatedReplacedAndDropped() {
        ViewDef v1 = new ViewDef("PUBLIC", "V", "SELECT 1 AS X", List.of("X"));
        ViewDef v2 = new ViewDef("PUBLIC", "V", "SELECT 2 AS Y", List.of("Y"));
        run(tx -> store.createView(tx, v1, false));
        assertFails(tx -> store.createView(tx, v2, false), "42P07", CatalogException.Kind.ALREADY_EXISTS);
        run(tx -> store.createView(tx, v2, true));
        assertThat(catalog().view("PUBLIC", "V")).contains(v2);
        run(tx -> store.dropView(tx, "PUBLIC", "V"));
        assertThat(catalog().views()).isEmpty();
    }

    @Test
    void concurrentDdlConflictsAndADmlTransactionPlannedOnAnOldCatalogFails() {
        Transaction first = new Transaction(kv);
        Transaction second = new Transaction(kv);
        createTable(first, "A");
        createTable(second, "B");
        first.commit();
        assertThatThrownBy(second::commit).isInstanceOf(TransactionConflictException.class);

        Transaction dml = new Transaction(kv);
        long version = dml.readCatalogVersion();
        TableDef a = catalog().table("PUBLIC", "A").orElseThrow();
        run(tx -> store.addColumn(tx, "PUBLIC", "A", column("B", SqlType.INTEGER), null));
        dml.put(TableKeys.rowKey(a, 1L), a.rowCodec().encode(new Object[] {7}));
        assertThat(version).isEqualTo(1);
        assertThatThrownBy(dml::commit).isInstanceOf(TransactionConflictException.class);
    }

    @Test
    void ddlInsideATransactionIsVisibleToItOnlyAndRolledBackWithIt() {
        Transaction tx = new Transaction(kv);
        createTable(tx, "T");
        assertThat(store.read(tx).table("PUBLIC", "T")).isPresent();
        assertThat(tx.writesCatalog()).isTrue();
        assertThat(catalog().table("PUBLIC", "T")).isEmpty();
        tx.rollback();
        assertThat(catalog().table("PUBLIC", "T")).isEmpty();
        assertThat(catalog().version()).isZero();
    }
}
