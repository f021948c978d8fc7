package io.synod.sql.calcite.ddl;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.tools.RelRunner;

/** A statement's prepare context seen from inside a view: names resolve in the view's schema. */
final class ViewContext implements CalcitePrepare.Context {

    private final CalcitePrepare.Context delegate;
    private final String schema;
    private final String view;

    ViewContext(CalcitePrepare.Context delegate, String schema, String view) {
        this.delegate = delegate;
        this.schema = schema;
        this.view = view;
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
        return delegate.getTypeFactory();
    }

    @Override
    public CalciteSchema getRootSchema() {
        return delegate.getRootSchema();
    }

    @Override
    public CalciteSchema getMutableRootSchema() {
        return delegate.getMutableRootSchema();
    }

    @Override
    public List<String> getDefaultSchemaPath() {
        return List.of(schema);
    }

    @Override
    public CalciteConnectionConfig config() {
        return delegate.config();
    }

    @Override
    public CalcitePrepare.SparkHandler spark() {
        return delegate.spark();
    }

    @Override
    public DataContext getDataContext() {
        return delegate.getDataContext();
    }

    @Override
    public List<String> getObjectPath() {
        return List.of(schema, view);
    }

    @Override
    public RelRunner getRelRunner() {
        return delegate.getRelRunner();
    }
}
