package io.synod.sql.calcite.rel;

import io.synod.sql.calcite.exec.CheckedBigintSum;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.InvalidRelException;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
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
 * Calcite's conversion of an aggregate into the enumerable convention, except that SUM (and
 * {@code $SUM0}, which AVG and COUNT rewrites produce) over BIGINT totals with
 * {@link CheckedBigintSum}: Calcite's SUM of {@code long} wraps around silently past 2^63, where
 * SQL requires an error (22003). Every logical aggregate reaches the enumerable convention
 * through this rule, whichever rewrites made it.
 */
final class CheckedSumAggregateRule extends ConverterRule {

    static final ConverterRule INSTANCE = Config.INSTANCE
            .withConversion(LogicalAggregate.class, Convention.NONE, EnumerableConvention.INSTANCE,
                    "CheckedSumAggregateRule")
            .withRuleFactory(CheckedSumAggregateRule::new)
            .toRule(CheckedSumAggregateRule.class);

    /** SUM over BIGINT, named so that EXPLAIN tells it from Calcite's SUM. */
    static final SqlAggFunction CHECKED_SUM = checkedSum("CHECKED_SUM", SqlStdOperatorTable.SUM);

    /** {@code $SUM0} (0 for no rows) over BIGINT. */
    static final SqlAggFunction CHECKED_SUM0 = checkedSum("CHECKED_SUM0", SqlStdOperatorTable.SUM0);

    /** A checked sum typed as {@code typedAs} types its result (the planner checks the two agree). */
    private static SqlAggFunction checkedSum(String name, SqlAggFunction typedAs) {
        return new SqlUserDefinedAggFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
                typedAs.getReturnTypeInference(), null,
                OperandTypes.operandMetadata(List.of(SqlTypeFamily.INTEGER),
                        types -> List.of(types.createSqlType(SqlTypeName.BIGINT)), i -> "value", i -> false),
                AggregateFunctionImpl.create(CheckedBigintSum.class), false, false, Optionality.FORBIDDEN);
    }

    private CheckedSumAggregateRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        LogicalAggregate aggregate = (LogicalAggregate) rel;
        RelTraitSet traits = rel.getCluster().traitSetOf(EnumerableConvention.INSTANCE);
        List<AggregateCall> calls = aggregate.getAggCallList().stream()
                .map(call -> sumsBigints(call, aggregate.getInput()) ? checked(call) : call)
                .toList();
        try {
            return new EnumerableAggregate(rel.getCluster(), traits, convert(aggregate.getInput(), traits),
                    aggregate.getGroupSet(), aggregate.getGroupSets(), calls);
        } catch (InvalidRelException e) {
            return null;
        }
    }

    private static boolean sumsBigints(AggregateCall call, RelNode input) {
        SqlKind kind = call.getAggregation().getKind();
        return (kind == SqlKind.SUM || kind == SqlKind.SUM0)
                && call.getType().getSqlTypeName() == SqlTypeName.BIGINT
                && call.getArgList().size() == 1
                && input.getRowType().getFieldList().get(call.getArgList().get(0)).getType().getSqlTypeName()
                        == SqlTypeName.BIGINT;
    }

    private static AggregateCall checked(AggregateCall call) {
        SqlAggFunction function = call.getAggregation().getKind() == SqlKind.SUM0 ? CHECKED_SUM0 : CHECKED_SUM;
        return AggregateCall.create(function, call.isDistinct(), call.isApproximate(), call.ignoreNulls(),
                call.rexList, call.getArgList(), call.filterArg, call.distinctKeys, call.collation,
                call.getType(), call.getName());
    }
}
