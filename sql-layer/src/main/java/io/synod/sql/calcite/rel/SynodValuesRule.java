package io.synod.sql.calcite.rel;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableValues;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Implements VALUES as Calcite's own rule does, with the literals of an approximate-number
 * column (DOUBLE, REAL) made literals of that type. Calcite types the VALUES of an INSERT by the
 * target column but keeps the literals as written ({@code -2.75} DECIMAL, {@code 2} INTEGER in a
 * DOUBLE column); the predicates it then derives for a column holding a NULL and several values
 * build a DOUBLE literal from a {@code BigDecimal}, which Calcite rejects, and the INSERT failed
 * with an internal error.
 */
final class SynodValuesRule extends ConverterRule {

    static final ConverterRule INSTANCE = Config.INSTANCE
            .withConversion(LogicalValues.class, Convention.NONE, EnumerableConvention.INSTANCE, "SynodValuesRule")
            .withRuleFactory(SynodValuesRule::new)
            .toRule(SynodValuesRule.class);

    private SynodValuesRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        LogicalValues values = (LogicalValues) rel;
        RexBuilder rexBuilder = values.getCluster().getRexBuilder();
        ImmutableList.Builder<ImmutableList<RexLiteral>> tuples = ImmutableList.builder();
        List<RelDataTypeField> fields = values.getRowType().getFieldList();
        for (ImmutableList<RexLiteral> tuple : values.getTuples()) {
            ImmutableList.Builder<RexLiteral> literals = ImmutableList.builder();
            for (int i = 0; i < tuple.size(); i++) {
                literals.add(normalise(rexBuilder, tuple.get(i), fields.get(i).getType()));
            }
            tuples.add(literals.build());
        }
        return EnumerableValues.create(values.getCluster(), values.getRowType(), tuples.build());
    }

    private static RexLiteral normalise(RexBuilder rexBuilder, RexLiteral literal, RelDataType column) {
        if (literal.isNull() || !SqlTypeName.APPROX_TYPES.contains(column.getSqlTypeName())
                || literal.getType().getSqlTypeName() == column.getSqlTypeName()) {
            return literal;
        }
        Number value = literal.getValueAs(Number.class);
        if (value == null) {
            return literal;
        }
        RelDataType type = rexBuilder.getTypeFactory().createTypeWithNullability(column, false);
        return rexBuilder.makeApproxLiteral(value.doubleValue(), type);
    }
}
