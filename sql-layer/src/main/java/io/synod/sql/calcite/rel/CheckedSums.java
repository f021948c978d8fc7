package io.synod.sql.calcite.rel;

import io.synod.sql.calcite.exec.CheckedBigintSum;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.util.Optionality;

/**
 * SUM and {@code $SUM0} over BIGINT as aggregate functions that total with
 * {@link CheckedBigintSum}: Calcite's own SUM of {@code long} wraps around silently past 2^63,
 * where SQL requires an error (22003).
 */
final class CheckedSums {

    /** SUM over BIGINT, named so that EXPLAIN tells it from Calcite's SUM. */
    static final SqlAggFunction CHECKED_SUM = checkedSum("CHECKED_SUM", SqlStdOperatorTable.SUM);

    /** {@code $SUM0} (0 for no rows, made by AVG and COUNT rewrites) over BIGINT. */
    static final SqlAggFunction CHECKED_SUM0 = checkedSum("CHECKED_SUM0", SqlStdOperatorTable.SUM0);

    private CheckedSums() {
    }

    /** A checked sum typed as {@code typedAs} types its result (the planner checks the two agree). */
    private static SqlAggFunction checkedSum(String name, SqlAggFunction typedAs) {
        return new SqlUserDefinedAggFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
                typedAs.getReturnTypeInference(), null,
                OperandTypes.operandMetadata(List.of(SqlTypeFamily.INTEGER),
                        types -> List.of(types.createSqlType(SqlTypeName.BIGINT)), i -> "value", i -> false),
                AggregateFunctionImpl.create(CheckedBigintSum.class), false, false, Optionality.FORBIDDEN);
    }

    /**
     * The checked function to use for {@code function} over an argument of {@code argumentType}
     * giving {@code resultType}, or null if {@code function} is no SUM of BIGINT.
     */
    static SqlAggFunction replacement(SqlAggFunction function, RelDataType argumentType, RelDataType resultType) {
        if (argumentType.getSqlTypeName() != SqlTypeName.BIGINT || resultType.getSqlTypeName() != SqlTypeName.BIGINT) {
            return null;
        }
        return switch (function.getKind()) {
            case SUM -> CHECKED_SUM;
            case SUM0 -> CHECKED_SUM0;
            default -> null;
        };
    }
}
