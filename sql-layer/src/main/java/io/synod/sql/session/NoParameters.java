package io.synod.sql.session;

import java.sql.ParameterMetaData;
import java.sql.SQLException;

/** The parameter description of a prepared statement that takes none (a session command, DDL). */
final class NoParameters implements ParameterMetaData {

    static final NoParameters INSTANCE = new NoParameters();

    private NoParameters() {
    }

    @Override
    public int getParameterCount() {
        return 0;
    }

    @Override
    public int isNullable(int param) throws SQLException {
        throw noSuchParameter(param);
    }

    @Override
    public boolean isSigned(int param) throws SQLException {
        throw noSuchParameter(param);
    }

    @Override
    public int getPrecision(int param) throws SQLException {
        throw noSuchParameter(param);
    }

    @Override
    public int getScale(int param) throws SQLException {
        throw noSuchParameter(param);
    }

    @Override
    public int getParameterType(int param) throws SQLException {
        throw noSuchParameter(param);
    }

    @Override
    public String getParameterTypeName(int param) throws SQLException {
        throw noSuchParameter(param);
    }

    @Override
    public String getParameterClassName(int param) throws SQLException {
        throw noSuchParameter(param);
    }

    @Override
    public int getParameterMode(int param) throws SQLException {
        throw noSuchParameter(param);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw SqlErrors.create(SqlStates.FEATURE_NOT_SUPPORTED, "not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    static SQLException noSuchParameter(int param) {
        return SqlErrors.create(SqlStates.INVALID_DESCRIPTOR_INDEX, "parameter " + param
                + " does not exist: this statement takes no parameters");
    }
}
