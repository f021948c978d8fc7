package io.synod.sql.calcite.schema;

import io.synod.sql.SqlStateException;
import io.synod.sql.calcite.SynodTypeSystem;
import io.synod.sql.catalog.ColumnDef;
import io.synod.sql.catalog.TableDef;
import io.synod.sql.types.SqlType;
import io.synod.sql.types.SqlTypeDescriptor;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.type.SqlTypeName;

/** Column types between the catalog ({@link SqlTypeDescriptor}) and Calcite ({@link RelDataType}). */
public final class ColumnTypes {

    /** Millisecond precision: what the store keeps of TIME and TIMESTAMP values. */
    private static final int TIME_PRECISION = 3;

    private ColumnTypes() {
    }

    /** The row type of {@code table}: its columns in order. */
    public static RelDataType rowType(RelDataTypeFactory factory, TableDef table) {
        RelDataTypeFactory.Builder builder = factory.builder();
        for (ColumnDef c : table.columns()) {
            builder.add(c.name(), relType(factory, c.type(), c.nullable()));
        }
        return builder.build();
    }

    public static RelDataType relType(RelDataTypeFactory factory, SqlTypeDescriptor type, boolean nullable) {
        int p = type.precision();
        boolean sized = p != SqlTypeDescriptor.UNSPECIFIED;
        RelDataType t = switch (type.type()) {
            case BOOLEAN -> factory.createSqlType(SqlTypeName.BOOLEAN);
            case SMALLINT -> factory.createSqlType(SqlTypeName.SMALLINT);
            case INTEGER -> factory.createSqlType(SqlTypeName.INTEGER);
            case BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
            case DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL,
                    sized ? p : SynodTypeSystem.MAX_DECIMAL_PRECISION,
                    type.scale() == SqlTypeDescriptor.UNSPECIFIED ? 0 : type.scale());
            case REAL -> factory.createSqlType(SqlTypeName.REAL);
            case DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
            case CHAR -> factory.createSqlType(SqlTypeName.CHAR, sized ? p : 1);
            // Calcite sees VARCHAR(n)/VARBINARY(n) without their length: it would CAST values
            // assigned to them to the length, cutting them silently, where SQL must fail with
            // 22001. The length is enforced when the row is written (ValueCoercion).
            case VARCHAR -> factory.createSqlType(SqlTypeName.VARCHAR);
            case VARBINARY -> factory.createSqlType(SqlTypeName.VARBINARY);
            case DATE -> factory.createSqlType(SqlTypeName.DATE);
            case TIME -> factory.createSqlType(SqlTypeName.TIME, sized ? p : TIME_PRECISION);
            case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP, sized ? p : TIME_PRECISION);
        };
        return factory.createTypeWithNullability(t, nullable);
    }

    /**
     * The catalog type a DDL type specification declares. Unsupported types fail with SQLState
     * 0A000, out-of-range sizes with 42611.
     */
    public static SqlTypeDescriptor fromSpec(SqlDataTypeSpec spec) {
        SqlTypeNameSpec nameSpec = spec.getTypeNameSpec();
        if (!(nameSpec instanceof SqlBasicTypeNameSpec basic)) {
            throw unsupported(nameSpec.getTypeName().toString());
        }
        SqlTypeName name = SqlTypeName.get(basic.getTypeName().getSimple());
        if (name == null) {
            throw unsupported(basic.getTypeName().getSimple());
        }
        int precision = basic.getPrecision();
        int scale = basic.getScale();
        SqlType type = switch (name) {
            case BOOLEAN -> SqlType.BOOLEAN;
            case SMALLINT -> SqlType.SMALLINT;
            case INTEGER -> SqlType.INTEGER;
            case BIGINT -> SqlType.BIGINT;
            case DECIMAL -> SqlType.DECIMAL;
            case REAL -> SqlType.REAL;
            case DOUBLE, FLOAT -> SqlType.DOUBLE;
            case CHAR -> SqlType.CHAR;
            case VARCHAR -> SqlType.VARCHAR;
            case VARBINARY, BINARY -> SqlType.VARBINARY;
            case DATE -> SqlType.DATE;
            case TIME -> SqlType.TIME;
            case TIMESTAMP -> SqlType.TIMESTAMP;
            default -> throw unsupported(name.getName());
        };
        if (type == SqlType.DOUBLE && name == SqlTypeName.FLOAT) {
            precision = SqlTypeDescriptor.UNSPECIFIED; // FLOAT(p) is a binary precision; stored as DOUBLE
        }
        if (type == SqlType.DECIMAL) {
            if (precision > SynodTypeSystem.MAX_DECIMAL_PRECISION) {
                throw new SqlStateException("42611", "DECIMAL precision " + precision + " exceeds the maximum "
                        + SynodTypeSystem.MAX_DECIMAL_PRECISION);
            }
            if (precision != SqlTypeDescriptor.UNSPECIFIED && scale > precision) {
                throw new SqlStateException("42611", "DECIMAL scale " + scale + " exceeds precision " + precision);
            }
            return new SqlTypeDescriptor(SqlType.DECIMAL, precision, scale);
        }
        if (type.hasLength() || type == SqlType.TIME || type == SqlType.TIMESTAMP) {
            if (precision == 0) {
                throw new SqlStateException("42611", type + " length must be positive");
            }
            if ((type == SqlType.TIME || type == SqlType.TIMESTAMP) && precision > TIME_PRECISION) {
                precision = TIME_PRECISION; // the store keeps milliseconds
            }
            return SqlTypeDescriptor.of(type, precision);
        }
        return SqlTypeDescriptor.of(type);
    }

    /**
     * The catalog type for values of a query's column (CREATE TABLE ... AS): the same type, with
     * its length, precision and scale where the query gives them. A column with no type of its
     * own (a bare NULL) or of a type Synod does not store fails with 42P16 naming the column.
     */
    public static SqlTypeDescriptor fromRelType(String column, RelDataType type) {
        SqlTypeName name = type.getSqlTypeName();
        int precision = type.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
                ? SqlTypeDescriptor.UNSPECIFIED : type.getPrecision();
        return switch (name) {
            case BOOLEAN -> SqlTypeDescriptor.of(SqlType.BOOLEAN);
            case TINYINT, SMALLINT -> SqlTypeDescriptor.of(SqlType.SMALLINT);
            case INTEGER -> SqlTypeDescriptor.of(SqlType.INTEGER);
            case BIGINT -> SqlTypeDescriptor.of(SqlType.BIGINT);
            case DECIMAL -> new SqlTypeDescriptor(SqlType.DECIMAL, Math.min(precision, SynodTypeSystem.MAX_DECIMAL_PRECISION),
                    Math.max(0, type.getScale()));
            case REAL, FLOAT -> SqlTypeDescriptor.of(SqlType.REAL);
            case DOUBLE -> SqlTypeDescriptor.of(SqlType.DOUBLE);
            case CHAR -> SqlTypeDescriptor.of(SqlType.CHAR, Math.max(1, precision));
            case VARCHAR -> precision > 0 ? SqlTypeDescriptor.of(SqlType.VARCHAR, precision) : SqlTypeDescriptor.of(SqlType.VARCHAR);
            case BINARY, VARBINARY -> precision > 0 ? SqlTypeDescriptor.of(SqlType.VARBINARY, precision)
                    : SqlTypeDescriptor.of(SqlType.VARBINARY);
            case DATE -> SqlTypeDescriptor.of(SqlType.DATE);
            case TIME -> SqlTypeDescriptor.of(SqlType.TIME, Math.min(Math.max(precision, 0), TIME_PRECISION));
            case TIMESTAMP -> SqlTypeDescriptor.of(SqlType.TIMESTAMP, Math.min(Math.max(precision, 0), TIME_PRECISION));
            case NULL -> throw new SqlStateException("42P16", "column " + column
                    + " has no type of its own (a bare NULL): CAST it to the type it should have");
            default -> throw new SqlStateException("42P16", "column " + column + " is of type " + type.getFullTypeString()
                    + ", which a table cannot store: CAST it to a supported type");
        };
    }

    private static SqlStateException unsupported(String typeName) {
        return new SqlStateException("0A000", "type " + typeName + " is not supported; use BOOLEAN, SMALLINT,"
                + " INTEGER, BIGINT, DECIMAL, REAL, DOUBLE, CHAR, VARCHAR, VARBINARY, DATE, TIME or TIMESTAMP");
    }
}
