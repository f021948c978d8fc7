package io.synod.sql.calcite.ddl;

import io.synod.sql.SqlStateException;
import io.synod.sql.calcite.SessionContext;
import io.synod.sql.calcite.schema.ColumnTypes;
import io.synod.sql.calcite.schema.SynodRootSchema;
import io.synod.sql.catalog.Catalog;
import io.synod.sql.catalog.CatalogStore;
import io.synod.sql.catalog.ColumnDef;
import io.synod.sql.catalog.ColumnSpec;
import io.synod.sql.catalog.IndexBuilder;
import io.synod.sql.catalog.TableDef;
import io.synod.sql.catalog.ViewDef;
import io.synod.sql.txn.Savepoint;
import io.synod.sql.txn.Transaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.server.DdlExecutorImpl;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.ddl.SqlColumnDeclaration;
import org.apache.calcite.sql.ddl.SqlCreateSchema;
import org.apache.calcite.sql.ddl.SqlCreateTable;
import org.apache.calcite.sql.ddl.SqlCreateView;
import org.apache.calcite.sql.ddl.SqlKeyConstraint;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;

/**
 * Executes DDL against the catalog in the session's current transaction, through
 * {@link CatalogStore}: tables (keys, NOT NULL, DEFAULT, UNIQUE), indexes, views, schemas,
 * {@code ALTER TABLE ... ADD COLUMN}, and drops with RESTRICT (refused while a view depends on
 * the object: 2BP01) or CASCADE (dependent views go too). Calcite dispatches to the
 * {@code execute} overload for the statement's class. Errors are {@link SqlStateException}s.
 */
public final class SynodDdlExecutor extends DdlExecutorImpl {

    public static final SynodDdlExecutor INSTANCE = new SynodDdlExecutor();

    private SynodDdlExecutor() {
    }

    /** Statements Calcite parses but Synod does not run (functions, types, materialized views...). */
    @Override
    public void execute(SqlNode node, CalcitePrepare.Context context) {
        throw new SqlStateException("0A000", "statement not supported: " + node.getKind().lowerName.replace('_', ' '));
    }

    public void execute(SqlCreateSchema create, CalcitePrepare.Context context) {
        SessionContext session = session(context);
        if (create.getReplace()) {
            throw new SqlStateException("0A000", "CREATE OR REPLACE SCHEMA is not supported");
        }
        if (!create.name.isSimple()) {
            throw new SqlStateException("42601", "a schema name has one part: " + create.name);
        }
        String name = create.name.getSimple();
        if (create.ifNotExists && session.catalog().schema(name).isPresent()) {
            return;
        }
        session.catalogStore().createSchema(session.transaction(), name);
    }

    public void execute(SqlCreateTable create, CalcitePrepare.Context context) {
        SessionContext session = session(context);
        QualifiedName name = QualifiedName.of(context, create.name);
        if (create.getReplace()) {
            throw new SqlStateException("0A000", "CREATE OR REPLACE TABLE is not supported");
        }
        if (create.query != null) {
            createTableAs(create, name, session, context);
            return;
        }
        if (create.columnList == null) {
            throw new SqlStateException("42P16", "table " + name + " needs at least one column");
        }
        if (create.ifNotExists && session.catalog().relationExists(name.schema(), name.name())) {
            return;
        }
        List<ColumnSpec> columns = new ArrayList<>();
        List<String> primaryKey = null;
        List<SqlKeyConstraint> uniques = new ArrayList<>();
        for (SqlNode element : create.columnList) {
            if (element instanceof SqlColumnDeclaration column) {
                columns.add(columnSpec(context, column));
            } else if (element instanceof SqlKeyConstraint key && key.getOperator().getKind() == SqlKind.PRIMARY_KEY) {
                if (primaryKey != null) {
                    throw new SqlStateException("42P16", "multiple primary keys for table " + name
                            + " are not allowed");
                }
                primaryKey = SqlIdentifier.simpleNames(keyColumns(key));
            } else if (element instanceof SqlKeyConstraint key) {
                uniques.add(key);
            } else if (element instanceof SqlIdentifier id) {
                throw new SqlStateException("42601", "column " + id + " of table " + name + " needs a type");
            } else {
                throw new SqlStateException("0A000", element.getKind().lowerName.replace('_', ' ')
                        + " constraints are not supported");
            }
        }
        Transaction tx = session.transaction();
        CatalogStore store = session.catalogStore();
        TableDef table = store.createTable(tx, name.schema(), name.name(), columns,
                primaryKey == null ? List.of() : primaryKey);
        for (SqlKeyConstraint unique : uniques) {
            List<String> keyColumns = SqlIdentifier.simpleNames(keyColumns(unique));
            if (keyColumns.equals(primaryKey)) {
                continue; // the primary key is unique already
            }
            SqlIdentifier constraintName = (SqlIdentifier) unique.getOperandList().get(0);
            String indexName = constraintName != null ? constraintName.getSimple()
                    : table.name() + "_" + String.join("_", keyColumns) + "_KEY";
            store.createIndex(tx, name.schema(), table.name(), indexName, keyColumns, true);
        }
    }

    /**
     * CREATE TABLE name [(column, ...)] AS query: a table (without a primary key, its columns
     * nullable, as in PostgreSQL) with the query's column names and types, filled with the query's
     * rows in the statement's transaction, so that a failure leaves neither table nor rows.
     */
    private static void createTableAs(SqlCreateTable create, QualifiedName name, SessionContext session,
                                      CalcitePrepare.Context context) {
        if (create.ifNotExists && session.catalog().relationExists(name.schema(), name.name())) {
            return;
        }
        List<String> names = new ArrayList<>();
        if (create.columnList != null) {
            for (SqlNode element : create.columnList) {
                if (!(element instanceof SqlIdentifier id) || !id.isSimple()) {
                    throw new SqlStateException("0A000", "CREATE TABLE " + name + " AS query takes only column names"
                            + " before AS: types come from the query, constraints can be added afterwards");
                }
                names.add(id.getSimple());
            }
        }
        String query = create.query.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
        RelDataType rowType = new CalcitePrepareImpl().analyzeView(context, query, false).rowType;
        List<RelDataTypeField> fields = rowType.getFieldList();
        if (!names.isEmpty() && names.size() != fields.size()) {
            throw new SqlStateException("42601", "CREATE TABLE " + name + " names " + names.size()
                    + " columns but its query returns " + fields.size());
        }
        List<ColumnSpec> columns = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            String column = names.isEmpty() ? fields.get(i).getName() : names.get(i);
            if (!seen.add(column)) {
                throw new SqlStateException("42701", "column " + column + " specified more than once in table " + name
                        + ": give the query's columns distinct aliases");
            }
            columns.add(new ColumnSpec(column, ColumnTypes.fromRelType(column, fields.get(i).getType()), true, null));
        }
        session.catalogStore().createTable(session.transaction(), name.schema(), name.name(), columns, List.of());
        String insert = "INSERT INTO " + CalciteSqlDialect.DEFAULT.quoteIdentifier(name.schema()) + "."
                + CalciteSqlDialect.DEFAULT.quoteIdentifier(name.name()) + " " + query;
        // The statement's own connection runs the INSERT: it plans against the session's
        // transaction, which already holds the new table.
        try (Statement fill = ((Connection) context.getDataContext().getQueryProvider()).createStatement()) {
            fill.executeUpdate(insert);
        } catch (SQLException e) {
            // Calcite wraps the failure; the session translates the original (22012, 22001, ...).
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new SqlStateException(e.getSQLState() == null ? "XX000" : e.getSQLState(),
                    "filling table " + name + " failed: " + e.getMessage(), e);
        }
    }

    private static SqlNodeList keyColumns(SqlKeyConstraint key) {
        return (SqlNodeList) key.getOperandList().get(1);
    }

    private static ColumnSpec columnSpec(CalcitePrepare.Context context, SqlColumnDeclaration column) {
        if (column.strategy == ColumnStrategy.VIRTUAL || column.strategy == ColumnStrategy.STORED) {
            throw new SqlStateException("0A000", "generated column " + column.name + " is not supported");
        }
        boolean nullable = !Boolean.FALSE.equals(column.dataType.getNullable());
        String defaultSql = column.expression == null ? null
                : column.expression.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
        ColumnSpec spec = new ColumnSpec(column.name.getSimple(), ColumnTypes.fromSpec(column.dataType), nullable,
                defaultSql);
        if (defaultSql != null) {
            Object value = ConstantEvaluator.evaluate(context, defaultSql, asColumn(spec));
            if (value == null && !nullable) {
                throw new SqlStateException("23502", "DEFAULT NULL for NOT NULL column " + spec.name());
            }
        }
        return spec;
    }

    private static ColumnDef asColumn(ColumnSpec spec) {
        return new ColumnDef(1, spec.name(), spec.type(), spec.nullable(), spec.defaultSql());
    }

    public void execute(SqlAlterTableAddColumn alter, CalcitePrepare.Context context) {
        SessionContext session = session(context);
        QualifiedName table = QualifiedName.of(context, alter.table);
        String column = alter.column.name.getSimple();
        if (alter.ifNotExists && session.catalog().table(table.schema(), table.name())
                .flatMap(t -> t.column(column)).isPresent()) {
            return;
        }
        ColumnSpec spec = columnSpec(context, alter.column);
        Object missingValue = spec.defaultSql() == null ? null
                : ConstantEvaluator.evaluate(context, spec.defaultSql(), asColumn(spec));
        session.catalogStore().addColumn(session.transaction(), table.schema(), table.name(), spec, missingValue);
    }

    public void execute(SqlCreateIndex create, CalcitePrepare.Context context) {
        SessionContext session = session(context);
        QualifiedName table = QualifiedName.of(context, create.table);
        String index = create.name.getSimple();
        if (create.ifNotExists && session.catalog().relationExists(table.schema(), index)) {
            return;
        }
        List<String> columns = SqlIdentifier.simpleNames(create.columns);
        if (session.explicitTransaction()) {
            session.catalogStore().createIndex(session.transaction(), table.schema(), table.name(), index, columns,
                    create.unique);
            return;
        }
        // The statement's own transaction only looked the table up: it must not also commit, since
        // the build's steps change the catalog it read.
        session.transaction().rollback();
        AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(context.getDataContext());
        new IndexBuilder(session.catalogStore(), session::newTransaction)
                .build(table.schema(), table.name(), index, columns, create.unique, () -> cancel != null && cancel.get());
    }

    public void execute(SqlCreateView create, CalcitePrepare.Context context) {
        SessionContext session = session(context);
        QualifiedName name = QualifiedName.of(context, create.name);
        String sql = create.query.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
        if (create.columnList != null) {
            StringJoiner columns = new StringJoiner(", ", "(", ")");
            for (String column : SqlIdentifier.simpleNames(create.columnList)) {
                columns.add(CalciteSqlDialect.DEFAULT.quoteIdentifier(column));
            }
            sql = "SELECT * FROM (" + sql + ") AS \"$V\" " + columns;
        }
        CalcitePrepare.AnalyzeViewResult analyzed;
        try {
            analyzed = analyze(context, name.schema(), name.name(), sql);
        } catch (RuntimeException e) {
            throw e instanceof SqlStateException s ? s : invalidView(name, e);
        }
        List<String> columnNames = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (RelDataTypeField field : analyzed.rowType.getFieldList()) {
            if (!seen.add(field.getName())) {
                throw new SqlStateException("42701", "view " + name + " has two columns named " + field.getName()
                        + ": give them distinct aliases");
            }
            columnNames.add(field.getName());
        }
        session.catalogStore().createView(session.transaction(),
                new ViewDef(name.schema(), name.name(), sql, columnNames), create.getReplace());
    }

    private static SqlStateException invalidView(QualifiedName name, RuntimeException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return new SqlStateException("42P16", "invalid definition of view " + name + ": " + cause.getMessage(), e);
    }

    public void execute(SqlDropSynodObject drop, CalcitePrepare.Context context) {
        SessionContext session = session(context);
        Catalog catalog = session.catalog();
        CatalogStore store = session.catalogStore();
        Transaction tx = session.transaction();
        switch (drop.objectKind) {
            case SCHEMA -> {
                if (!drop.name.isSimple()) {
                    throw new SqlStateException("42601", "a schema name has one part: " + drop.name);
                }
                String schema = drop.name.getSimple();
                if (catalog.schema(schema).isEmpty()) {
                    if (!drop.ifExists) {
                        store.dropSchema(tx, schema); // reports the missing schema
                    }
                    return;
                }
                dropWithDependents(context, session, "schema " + schema, drop.cascade, () -> {
                    if (drop.cascade) {
                        for (ViewDef v : catalog.views(schema)) {
                            store.dropView(tx, schema, v.name());
                        }
                        for (TableDef t : catalog.tables(schema)) {
                            store.dropTable(tx, schema, t.name());
                        }
                    }
                    store.dropSchema(tx, schema);
                });
            }
            case TABLE -> {
                QualifiedName name = QualifiedName.of(context, drop.name);
                if (catalog.table(name.schema(), name.name()).isEmpty() && drop.ifExists) {
                    return;
                }
                dropWithDependents(context, session, "table " + name, drop.cascade,
                        () -> store.dropTable(tx, name.schema(), name.name()));
            }
            case VIEW -> {
                QualifiedName name = QualifiedName.of(context, drop.name);
                if (catalog.view(name.schema(), name.name()).isEmpty() && drop.ifExists) {
                    return;
                }
                dropWithDependents(context, session, "view " + name, drop.cascade,
                        () -> store.dropView(tx, name.schema(), name.name()));
            }
            case INDEX -> {
                QualifiedName name = QualifiedName.of(context, drop.name);
                if (catalog.tableOfIndex(name.schema(), name.name()).isEmpty() && drop.ifExists) {
                    return;
                }
                store.dropIndex(tx, name.schema(), name.name());
            }
        }
    }

    /**
     * Runs {@code drop}, then finds the views that no longer resolve: they depended on what was
     * dropped. RESTRICT refuses (undoing the drop), CASCADE drops them too, until none is left.
     */
    private static void dropWithDependents(CalcitePrepare.Context context, SessionContext session, String what,
                                           boolean cascade, Runnable drop) {
        Transaction tx = session.transaction();
        Set<ViewDef> brokenBefore = new LinkedHashSet<>(brokenViews(context, session));
        Savepoint savepoint = tx.mark();
        try {
            drop.run();
            while (true) {
                List<ViewDef> broken = new ArrayList<>(brokenViews(context, session));
                broken.removeAll(brokenBefore);
                if (broken.isEmpty()) {
                    break;
                }
                if (!cascade) {
                    StringJoiner names = new StringJoiner(", ");
                    broken.forEach(v -> names.add(v.schema() + "." + v.name()));
                    throw new SqlStateException("2BP01", "cannot drop " + what
                            + " because other objects depend on it: view " + names + "; use DROP ... CASCADE");
                }
                for (ViewDef v : broken) {
                    session.catalogStore().dropView(tx, v.schema(), v.name());
                }
            }
            tx.release(savepoint);
        } catch (RuntimeException e) {
            tx.rollbackTo(savepoint);
            tx.release(savepoint);
            throw e;
        }
    }

    private static List<ViewDef> brokenViews(CalcitePrepare.Context context, SessionContext session) {
        List<ViewDef> broken = new ArrayList<>();
        for (ViewDef view : session.catalog().views()) {
            try {
                analyze(context, view.schema(), view.name(), view.sql());
            } catch (RuntimeException e) {
                broken.add(view);
            }
        }
        return broken;
    }

    /** Validates a view's query as it will be expanded: relative to the view's own schema. */
    private static CalcitePrepare.AnalyzeViewResult analyze(CalcitePrepare.Context context, String schema,
                                                             String view, String sql) {
        return new CalcitePrepareImpl().analyzeView(new ViewContext(context, schema, view), sql, false);
    }

    private static SessionContext session(CalcitePrepare.Context context) {
        if (context.getRootSchema().schema instanceof SynodRootSchema root) {
            return root.session();
        }
        throw new IllegalStateException("not a Synod connection");
    }
}
