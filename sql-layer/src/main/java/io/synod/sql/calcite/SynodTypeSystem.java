package io.synod.sql.calcite;

import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system with room for the DECIMALs a database is asked to hold (Calcite's
 * default caps precision at 19), and with TIME/TIMESTAMP defaulting to millisecond precision,
 * the precision the store keeps.
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
}
