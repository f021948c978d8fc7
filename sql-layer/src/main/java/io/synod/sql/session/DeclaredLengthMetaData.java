package io.synod.sql.session;

import io.synod.sql.catalog.Catalog;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * A query's ResultSetMetaData with the declared length of CHAR/VARCHAR/VARBINARY columns read
 * straight from a table. The planner sees VARCHAR(n) without its length (so that it never cuts
 * values before they are checked), so Calcite reports precision 0 there; tools size their grids
 * from it. Columns computed by an expression have no table and keep Calcite's answer.
 */
final class DeclaredLengthMetaData implements ResultSetMetaData {

    private final ResultSetMetaData calcite;
    private final Catalog catalog;

    DeclaredLengthMetaData(ResultSetMetaData calcite, Catalog catalog) {
        this.calcite = calcite;
        this.catalog = catalog;
    }

    /** The declared length of column {@code i} if it is a sized string column of a table, else null. */
    private Integer declaredLength(int column) throws SQLException {
        int type = calcite.getColumnType(column);
        if (type != Types.CHAR && type != Types.VARCHAR && type != Types.BINARY && type != Types.VARBINARY) {
            return null;
        }
        String schema = calcite.getSchemaName(column);
        String table = calcite.getTableName(column);
        String name = calcite.getColumnName(column);
        if (schema == null || schema.isEmpty() || table == null || table.isEmpty() || name == null) {
            return null;
        }
        return catalog.table(schema, table).flatMap(t -> t.column(name))
                .map(c -> TypeInfo.columnSize(c.type())).orElse(null);
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        int precision = calcite.getPrecision(column);
        Integer declared = precision > 0 ? null : declaredLength(column);
        return declared == null ? precision : declared;
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        Integer declared = calcite.getPrecision(column) > 0 ? null : declaredLength(column);
        return declared == null ? calcite.getColumnDisplaySize(column) : declared;
    }

    @Override
    public int getColumnCount() throws SQLException {
        return calcite.getColumnCount();
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        return calcite.isAutoIncrement(column);
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return calcite.isCaseSensitive(column);
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        return calcite.isSearchable(column);
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        return calcite.isCurrency(column);
    }

    @Override
    public int isNullable(int column) throws SQLException {
        return calcite.isNullable(column);
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        return calcite.isSigned(column);
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return calcite.getColumnLabel(column);
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return calcite.getColumnName(column);
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        return calcite.getSchemaName(column);
    }

    @Override
    public int getScale(int column) throws SQLException {
        return calcite.getScale(column);
    }

    @Override
    public String getTableName(int column) throws SQLException {
        return calcite.getTableName(column);
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        return calcite.getCatalogName(column);
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return calcite.getColumnType(column);
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        return calcite.getColumnTypeName(column);
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        return calcite.isReadOnly(column);
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        return calcite.isWritable(column);
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        return calcite.isDefinitelyWritable(column);
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        return calcite.getColumnClassName(column);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return calcite.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || calcite.isWrapperFor(iface);
    }
}
