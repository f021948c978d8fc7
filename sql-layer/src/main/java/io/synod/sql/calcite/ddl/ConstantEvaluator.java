package io.synod.sql.calcite.ddl;

import io.synod.sql.SqlStateException;
import io.synod.sql.calcite.exec.ValueCoercion;
import io.synod.sql.calcite.schema.ColumnTypes;
import io.synod.sql.catalog.ColumnDef;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;

/**
 * Evaluates a column DEFAULT expression once, as a value of the column: to check it when a
 * table is created (a DEFAULT must be a constant expression assignable to its column) and to
 * give the rows already stored a value when a column is added.
 */
final class ConstantEvaluator {

    private ConstantEvaluator() {
    }

    static Object evaluate(CalcitePrepare.Context context, String expressionSql, ColumnDef column) {
        FrameworkConfig config = Frameworks.newConfigBuilder()
                .defaultSchema(context.getRootSchema().plus())
                .parserConfig(SqlParser.config())
                .typeSystem(context.getTypeFactory().getTypeSystem())
                .build();
        Planner planner = Frameworks.getPlanner(config);
        RexNode expression;
        RexBuilder rexBuilder;
        try {
            SqlNode parsed = planner.parse("VALUES (" + expressionSql + ")");
            RelNode rel = planner.rel(planner.validate(parsed)).project();
            rexBuilder = rel.getCluster().getRexBuilder();
            if (rel instanceof Values values) {
                expression = values.getTuples().get(0).get(0);
            } else if (rel instanceof Project project && project.getInput() instanceof Values) {
                expression = project.getProjects().get(0);
            } else {
                throw notConstant(expressionSql, column, null);
            }
            RelDataType type = ColumnTypes.relType(rexBuilder.getTypeFactory(), column.type(), true);
            if (expression.getType().getFamily() != type.getFamily()) {
                // Same-family values are checked by ValueCoercion (a CAST would cut long strings).
                expression = rexBuilder.makeCast(type, expression, true, false);
            }
        } catch (SqlStateException e) {
            throw e;
        } catch (Exception e) {
            throw notConstant(expressionSql, column, e);
        } finally {
            planner.close();
        }
        List<RexNode> reduced = new ArrayList<>();
        new RexExecutorImpl(context.getDataContext()).reduce(rexBuilder, List.of(expression), reduced);
        if (!(reduced.get(0) instanceof RexLiteral literal)) {
            throw notConstant(expressionSql, column, null);
        }
        return ValueCoercion.toColumn(literalValue(literal, column), column);
    }

    private static Object literalValue(RexLiteral literal, ColumnDef column) {
        if (literal.isNull()) {
            return null;
        }
        return switch (column.type().type()) {
            case BOOLEAN -> literal.getValueAs(Boolean.class);
            case SMALLINT, INTEGER, BIGINT, DECIMAL -> literal.getValueAs(BigDecimal.class);
            case REAL, DOUBLE -> literal.getValueAs(Double.class);
            case CHAR, VARCHAR -> literal.getValueAs(String.class);
            case VARBINARY -> literal.getValueAs(ByteString.class);
            case DATE, TIME -> literal.getValueAs(Integer.class);
            case TIMESTAMP -> literal.getValueAs(Long.class);
        };
    }

    private static SqlStateException notConstant(String expressionSql, ColumnDef column, Exception cause) {
        String reason = cause == null ? "" : ": " + cause.getMessage();
        return new SqlStateException("42804", "DEFAULT " + expressionSql + " of column " + column.name()
                + " is not a constant expression of type " + column.type() + reason, cause);
    }
}
