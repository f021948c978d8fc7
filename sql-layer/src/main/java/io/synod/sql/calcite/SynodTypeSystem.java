package io.synod.sql.calcite;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system with room for the DECIMALs a database is asked to hold (Calcite's
 * default caps precision at 19), with TIME/TIMESTAMP defaulting to millisecond precision, the
 * precision the store keeps, and SUM and AVG of exact integers typed wide enough not to overflow.
 */
public final class SynodTypeSystem extends RelDataTypeSystemImpl {

    /** The largest DECIMAL precision (and scale) a column or expression may have. */
    public static final int MAX_DECIMAL_PRECISION = 38;

    /** Named by the {@code typeSystem} connection property ({@code class#INSTANCE}). */
    public static final SynodTypeSystem INSTANCE = new SynodTypeSystem();

    private SynodTypeSystem() {
    }

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        if (typeName == SqlTypeName.DECIMAL) {
            return MAX_DECIMAL_PRECISION;
        }
        return super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        if (typeName == SqlTypeName.DECIMAL) {
            return MAX_DECIMAL_PRECISION;
        }
        return super.getMaxScale(typeName);
    }

    @Override
    @Deprecated
    public int getMaxNumericPrecision() {
        return MAX_DECIMAL_PRECISION;
    }

    @Override
    @Deprecated
    public int getMaxNumericScale() {
        return MAX_DECIMAL_PRECISION;
    }

    @Override
    public int getDefaultPrecision(SqlTypeName typeName) {
        if (typeName == SqlTypeName.TIME || typeName == SqlTypeName.TIMESTAMP) {
            return 3;
        }
        return super.getDefaultPrecision(typeName);
    }

    /**
     * SUM of SMALLINT or INTEGER is a BIGINT (as in PostgreSQL): Calcite types a SUM as its
     * argument, and its running total then wrapped around silently.
     */
    @Override
    public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        RelDataType wide = switch (argumentType.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER -> typeFactory.createSqlType(SqlTypeName.BIGINT);
            default -> null;
        };
        if (wide == null) {
            return super.deriveSumType(typeFactory, argumentType);
        }
        return typeFactory.createTypeWithNullability(wide, argumentType.isNullable());
    }

    /**
     * AVG of SMALLINT or INTEGER is a BIGINT: Calcite computes AVG as SUM / COUNT with the sum
     * cast to the AVG's type, so an INTEGER AVG failed with 22003 once the sum passed 2^31.
     */
    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        return switch (argumentType.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER -> typeFactory.createTypeWithNullability(
                    typeFactory.createSqlType(SqlTypeName.BIGINT), argumentType.isNullable());
            default -> super.deriveAvgAggType(typeFactory, argumentType);
        };
    }
}
