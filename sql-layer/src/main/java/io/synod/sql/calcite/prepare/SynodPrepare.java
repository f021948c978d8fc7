package io.synod.sql.calcite.prepare;

import io.synod.sql.calcite.rel.SynodRules;
import io.synod.sql.calcite.schema.SynodRootSchema;
import java.lang.reflect.Type;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.util.CancelFlag;

/**
 * Calcite's statement preparation with Synod's {@link SynodSqlToRelConverter} (the one place
 * that still sees whether an INSERT was written {@code UPSERT}), and a planner with Synod's rules
 * that stops once the session's statement is cancelled or times out.
 */
public final class SynodPrepare extends CalcitePrepareImpl {

    /** Calcite's planner, which checks the session's statement cancel flag between rule firings. */
    @Override
    protected RelOptPlanner createPlanner(CalcitePrepare.Context prepareContext,
                                          org.apache.calcite.plan.Context externalContext,
                                          RelOptCostFactory costFactory) {
        org.apache.calcite.plan.Context context = externalContext != null ? externalContext : Contexts.of(prepareContext.config());
        if (prepareContext.getRootSchema().schema instanceof SynodRootSchema root) {
            CancelFlag cancel = new CancelFlag(root.session().statementCancelled());
            context = Contexts.chain(context, Contexts.of(cancel));
        }
        RelOptPlanner planner = super.createPlanner(prepareContext, context, costFactory);
        // Also when no Synod scan reaches the planner (a DML whose input was pruned to nothing).
        SynodRules.register(planner);
        return planner;
    }

    @Override
    protected CalcitePreparingStmt getPreparingStmt(CalcitePrepare.Context context, Type elementType,
                                                    CalciteCatalogReader catalogReader, RelOptPlanner planner) {
        JavaTypeFactory typeFactory = context.getTypeFactory();
        EnumerableRel.Prefer prefer = elementType == Object[].class
                ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
        RelOptCluster cluster = createCluster(planner, new RexBuilder(typeFactory));
        return new PreparingStmt(this, context, catalogReader, typeFactory, prefer, cluster);
    }

    /** Converts SQL to relational algebra with {@link SynodSqlToRelConverter}. */
    private static final class PreparingStmt extends CalcitePreparingStmt {

        private final RelOptCluster cluster;

        PreparingStmt(SynodPrepare prepare, CalcitePrepare.Context context, Prepare.CatalogReader catalogReader,
                      JavaTypeFactory typeFactory, EnumerableRel.Prefer prefer, RelOptCluster cluster) {
            super(prepare, context, catalogReader, typeFactory, context.getRootSchema(), prefer, cluster,
                    EnumerableConvention.INSTANCE, prepare.createConvertletTable());
            this.cluster = cluster;
        }

        @Override
        protected SqlToRelConverter getSqlToRelConverter(SqlValidator validator, Prepare.CatalogReader catalogReader,
                                                         SqlToRelConverter.Config config) {
            return new SynodSqlToRelConverter(this, validator, catalogReader, cluster, convertletTable, config);
        }
    }
}
