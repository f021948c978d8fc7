package io.synod.sql.session;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.*;
import java.util.Calendar;
import java.util.Map;

/**
 * A {@link ResultSet} that forwards every call to {@link #delegate()} through {@link #call} and
 * {@link #run}, where a subclass checks its own state and translates errors. Generated from the
 * {@code java.sql.ResultSet} interface; {@code next}, {@code close}, {@code isClosed} and
 * {@code getStatement} are the subclass's own.
 */
@SuppressWarnings("deprecation")
abstract class ForwardingResultSet implements ResultSet {

    /** The result set being wrapped; throws when it is gone (closed). */
    protected abstract ResultSet delegate() throws SQLException;

    protected abstract <T> T call(SqlSupplier<T> action) throws SQLException;

    protected abstract void run(SqlRunnable action) throws SQLException;

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return call(() -> delegate().unwrap(iface));
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || call(() -> delegate().isWrapperFor(iface));
    }

    @Override
    public boolean wasNull() throws SQLException {
        return call(() -> delegate().wasNull());
    }

    @Override
    public String getString(int columnIndex) throws SQLException {
        return call(() -> delegate().getString(columnIndex));
    }

    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        return call(() -> delegate().getBoolean(columnIndex));
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        return call(() -> delegate().getByte(columnIndex));
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        return call(() -> delegate().getShort(columnIndex));
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        return call(() -> delegate().getInt(columnIndex));
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        return call(() -> delegate().getLong(columnIndex));
    }

    @Override
    public float getFloat(int columnIndex) throws SQLException {
        return call(() -> delegate().getFloat(columnIndex));
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        return call(() -> delegate().getDouble(columnIndex));
    }

    @Override
    public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
        return call(() -> delegate().getBigDecimal(columnIndex, scale));
    }

    @Override
    public byte[] getBytes(int columnIndex) throws SQLException {
        return call(() -> delegate().getBytes(columnIndex));
    }

    @Override
    public java.sql.Date getDate(int columnIndex) throws SQLException {
        return call(() -> delegate().getDate(columnIndex));
    }

    @Override
    public java.sql.Time getTime(int columnIndex) throws SQLException {
        return call(() -> delegate().getTime(columnIndex));
    }

    @Override
    public java.sql.Timestamp getTimestamp(int columnIndex) throws SQLException {
        return call(() -> delegate().getTimestamp(columnIndex));
    }

    @Override
    public InputStream getAsciiStream(int columnIndex) throws SQLException {
        return call(() -> delegate().getAsciiStream(columnIndex));
    }

    @Override
    public InputStream getUnicodeStream(int columnIndex) throws SQLException {
        return call(() -> delegate().getUnicodeStream(columnIndex));
    }

    @Override
    public InputStream getBinaryStream(int columnIndex) throws SQLException {
        return call(() -> delegate().getBinaryStream(columnIndex));
    }

    @Override
    public String getString(String columnLabel) throws SQLException {
        return call(() -> delegate().getString(columnLabel));
    }

    @Override
    public boolean getBoolean(String columnLabel) throws SQLException {
        return call(() -> delegate().getBoolean(columnLabel));
    }

    @Override
    public byte getByte(String columnLabel) throws SQLException {
        return call(() -> delegate().getByte(columnLabel));
    }

    @Override
    public short getShort(String columnLabel) throws SQLException {
        return call(() -> delegate().getShort(columnLabel));
    }

    @Override
    public int getInt(String columnLabel) throws SQLException {
        return call(() -> delegate().getInt(columnLabel));
    }

    @Override
    public long getLong(String columnLabel) throws SQLException {
        return call(() -> delegate().getLong(columnLabel));
    }

    @Override
    public float getFloat(String columnLabel) throws SQLException {
        return call(() -> delegate().getFloat(columnLabel));
    }

    @Override
    public double getDouble(String columnLabel) throws SQLException {
        return call(() -> delegate().getDouble(columnLabel));
    }

    @Override
    public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
        return call(() -> delegate().getBigDecimal(columnLabel, scale));
    }

    @Override
    public byte[] getBytes(String columnLabel) throws SQLException {
        return call(() -> delegate().getBytes(columnLabel));
    }

    @Override
    public java.sql.Date getDate(String columnLabel) throws SQLException {
        return call(() -> delegate().getDate(columnLabel));
    }

    @Override
    public java.sql.Time getTime(String columnLabel) throws SQLException {
        return call(() -> delegate().getTime(columnLabel));
    }

    @Override
    public java.sql.Timestamp getTimestamp(String columnLabel) throws SQLException {
        return call(() -> delegate().getTimestamp(columnLabel));
    }

    @Override
    public InputStream getAsciiStream(String columnLabel) throws SQLException {
        return call(() -> delegate().getAsciiStream(columnLabel));
    }

    @Override
    public InputStream getUnicodeStream(String columnLabel) throws SQLException {
        return call(() -> delegate().getUnicodeStream(columnLabel));
    }

    @Override
    public InputStream getBinaryStream(String columnLabel) throws SQLException {
        return call(() -> delegate().getBinaryStream(columnLabel));
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return call(() -> delegate().getWarnings());
    }

    @Override
    public void clearWarnings() throws SQLException {
        run(() -> delegate().clearWarnings());
    }

    @Override
    public String getCursorName() throws SQLException {
        return call(() -> delegate().getCursorName());
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        return call(() -> delegate().getMetaData());
    }

    @Override
    public Object getObject(int columnIndex) throws SQLException {
        return call(() -> delegate().getObject(columnIndex));
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
        return call(() -> delegate().getObject(columnLabel));
    }

    @Override
    public int findColumn(String columnLabel) throws SQLException {
        return call(() -> delegate().findColumn(columnLabel));
    }

    @Override
    public Reader getCharacterStream(int columnIndex) throws SQLException {
        return call(() -> delegate().getCharacterStream(columnIndex));
    }

    @Override
    public Reader getCharacterStream(String columnLabel) throws SQLException {
        return call(() -> delegate().getCharacterStream(columnLabel));
    }

    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
        return call(() -> delegate().getBigDecimal(columnIndex));
    }

    @Override
    public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
        return call(() -> delegate().getBigDecimal(columnLabel));
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        return call(() -> delegate().isBeforeFirst());
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        return call(() -> delegate().isAfterLast());
    }

    @Override
    public boolean isFirst() throws SQLException {
        return call(() -> delegate().isFirst());
    }

    @Override
    public boolean isLast() throws SQLException {
        return call(() -> delegate().isLast());
    }

    @Override
    public void beforeFirst() throws SQLException {
        run(() -> delegate().beforeFirst());
    }

    @Override
    public void afterLast() throws SQLException {
        run(() -> delegate().afterLast());
    }

    @Override
    public boolean first() throws SQLException {
        return call(() -> delegate().first());
    }

    @Override
    public boolean last() throws SQLException {
        return call(() -> delegate().last());
    }

    @Override
    public int getRow() throws SQLException {
        return call(() -> delegate().getRow());
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        return call(() -> delegate().absolute(row));
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        return call(() -> delegate().relative(rows));
    }

    @Override
    public boolean previous() throws SQLException {
        return call(() -> delegate().previous());
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        run(() -> delegate().setFetchDirection(direction));
    }

    @Override
    public int getFetchDirection() throws SQLException {
        return call(() -> delegate().getFetchDirection());
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        run(() -> delegate().setFetchSize(rows));
    }

    @Override
    public int getFetchSize() throws SQLException {
        return call(() -> delegate().getFetchSize());
    }

    @Override
    public int getType() throws SQLException {
        return call(() -> delegate().getType());
    }

    @Override
    public int getConcurrency() throws SQLException {
        return call(() -> delegate().getConcurrency());
    }

    @Override
    public boolean rowUpdated() throws SQLException {
        return call(() -> delegate().rowUpdated());
    }

    @Override
    public boolean rowInserted() throws SQLException {
        return call(() -> delegate().rowInserted());
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        return call(() -> delegate().rowDeleted());
    }

    @Override
    public void updateNull(int columnIndex) throws SQLException {
        run(() -> delegate().updateNull(columnIndex));
    }

    @Override
    public void updateBoolean(int columnIndex, boolean x) throws SQLException {
        run(() -> delegate().updateBoolean(columnIndex, x));
    }

    @Override
    public void updateByte(int columnIndex, byte x) throws SQLException {
        run(() -> delegate().updateByte(columnIndex, x));
    }

    @Override
    public void updateShort(int columnIndex, short x) throws SQLException {
        run(() -> delegate().updateShort(columnIndex, x));
    }

    @Override
    public void updateInt(int columnIndex, int x) throws SQLException {
        run(() -> delegate().updateInt(columnIndex, x));
    }

    @Override
    public void updateLong(int columnIndex, long x) throws SQLException {
        run(() -> delegate().updateLong(columnIndex, x));
    }

    @Override
    public void updateFloat(int columnIndex, float x) throws SQLException {
        run(() -> delegate().updateFloat(columnIndex, x));
    }

    @Override
    public void updateDouble(int columnIndex, double x) throws SQLException {
        run(() -> delegate().updateDouble(columnIndex, x));
    }

    @Override
    public void updateBigDecimal(int columnIndex, BigDecimal x) throws SQLException {
        run(() -> delegate().updateBigDecimal(columnIndex, x));
    }

    @Override
    public void updateString(int columnIndex, String x) throws SQLException {
        run(() -> delegate().updateString(columnIndex, x));
    }

    @Override
    public void updateBytes(int columnIndex, byte[] x) throws SQLException {
        run(() -> delegate().updateBytes(columnIndex, x));
    }

    @Override
    public void updateDate(int columnIndex, java.sql.Date x) throws SQLException {
        run(() -> delegate().updateDate(columnIndex, x));
    }

    @Override
    public void updateTime(int columnIndex, java.sql.Time x) throws SQLException {
        run(() -> delegate().updateTime(columnIndex, x));
    }

    @Override
    public void updateTimestamp(int columnIndex, java.sql.Timestamp x) throws SQLException {
        run(() -> delegate().updateTimestamp(columnIndex, x));
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x, int length) throws SQLException {
        run(() -> delegate().updateAsciiStream(columnIndex, x, length));
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x, int length) throws SQLException {
        run(() -> delegate().updateBinaryStream(columnIndex, x, length));
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x, int length) throws SQLException {
        run(() -> delegate().updateCharacterStream(columnIndex, x, length));
    }

    @Override
    public void updateObject(int columnIndex, Object x, int scaleOrLength) throws SQLException {
        run(() -> delegate().updateObject(columnIndex, x, scaleOrLength));
    }

    @Override
    public void updateObject(int columnIndex, Object x) throws SQLException {
        run(() -> delegate().updateObject(columnIndex, x));
    }

    @Override
    public void updateNull(String columnLabel) throws SQLException {
        run(() -> delegate().updateNull(columnLabel));
    }

    @Override
    public void updateBoolean(String columnLabel, boolean x) throws SQLException {
        run(() -> delegate().updateBoolean(columnLabel, x));
    }

    @Override
    public void updateByte(String columnLabel, byte x) throws SQLException {
        run(() -> delegate().updateByte(columnLabel, x));
    }

    @Override
    public void updateShort(String columnLabel, short x) throws SQLException {
        run(() -> delegate().updateShort(columnLabel, x));
    }

    @Override
    public void updateInt(String columnLabel, int x) throws SQLException {
        run(() -> delegate().updateInt(columnLabel, x));
    }

    @Override
    public void updateLong(String columnLabel, long x) throws SQLException {
        run(() -> delegate().updateLong(columnLabel, x));
    }

    @Override
    public void updateFloat(String columnLabel, float x) throws SQLException {
        run(() -> delegate().updateFloat(columnLabel, x));
    }

    @Override
    public void updateDouble(String columnLabel, double x) throws SQLException {
        run(() -> delegate().updateDouble(columnLabel, x));
    }

    @Override
    public void updateBigDecimal(String columnLabel, BigDecimal x) throws SQLException {
        run(() -> delegate().updateBigDecimal(columnLabel, x));
    }

    @Override
    public void updateString(String columnLabel, String x) throws SQLException {
        run(() -> delegate().updateString(columnLabel, x));
    }

    @Override
    public void updateBytes(String columnLabel, byte[] x) throws SQLException {
        run(() -> delegate().updateBytes(columnLabel, x));
    }

    @Override
    public void updateDate(String columnLabel, java.sql.Date x) throws SQLException {
        run(() -> delegate().updateDate(columnLabel, x));
    }

    @Override
    public void updateTime(String columnLabel, java.sql.Time x) throws SQLException {
        run(() -> delegate().updateTime(columnLabel, x));
    }

    @Override
    public void updateTimestamp(String columnLabel, java.sql.Timestamp x) throws SQLException {
        run(() -> delegate().updateTimestamp(columnLabel, x));
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x, int length) throws SQLException {
        run(() -> delegate().updateAsciiStream(columnLabel, x, length));
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x, int length) throws SQLException {
        run(() -> delegate().updateBinaryStream(columnLabel, x, length));
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader reader, int length) throws SQLException {
        run(() -> delegate().updateCharacterStream(columnLabel, reader, length));
    }

    @Override
    public void updateObject(String columnLabel, Object x, int scaleOrLength) throws SQLException {
        run(() -> delegate().updateObject(columnLabel, x, scaleOrLength));
    }

    @Override
    public void updateObject(String columnLabel, Object x) throws SQLException {
        run(() -> delegate().updateObject(columnLabel, x));
    }

    @Override
    public void insertRow() throws SQLException {
        run(() -> delegate().insertRow());
    }

    @Override
    public void updateRow() throws SQLException {
        run(() -> delegate().updateRow());
    }

    @Override
    public void deleteRow() throws SQLException {
        run(() -> delegate().deleteRow());
    }

    @Override
    public void refreshRow() throws SQLException {
        run(() -> delegate().refreshRow());
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        run(() -> delegate().cancelRowUpdates());
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        run(() -> delegate().moveToInsertRow());
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        run(() -> delegate().moveToCurrentRow());
    }

    @Override
    public Object getObject(int columnIndex, java.util.Map<String,Class<?>> map) throws SQLException {
        return call(() -> delegate().getObject(columnIndex, map));
    }

    @Override
    public Ref getRef(int columnIndex) throws SQLException {
        return call(() -> delegate().getRef(columnIndex));
    }

    @Override
    public Blob getBlob(int columnIndex) throws SQLException {
        return call(() -> delegate().getBlob(columnIndex));
    }

    @Override
    public Clob getClob(int columnIndex) throws SQLException {
        return call(() -> delegate().getClob(columnIndex));
    }

    @Override
    public Array getArray(int columnIndex) throws SQLException {
        return call(() -> delegate().getArray(columnIndex));
    }

    @Override
    public Object getObject(String columnLabel, java.util.Map<String,Class<?>> map) throws SQLException {
        return call(() -> delegate().getObject(columnLabel, map));
    }

    @Override
    public Ref getRef(String columnLabel) throws SQLException {
        return call(() -> delegate().getRef(columnLabel));
    }

    @Override
    public Blob getBlob(String columnLabel) throws SQLException {
        return call(() -> delegate().getBlob(columnLabel));
    }

    @Override
    public Clob getClob(String columnLabel) throws SQLException {
        return call(() -> delegate().getClob(columnLabel));
    }

    @Override
    public Array getArray(String columnLabel) throws SQLException {
        return call(() -> delegate().getArray(columnLabel));
    }

    @Override
    public java.sql.Date getDate(int columnIndex, Calendar cal) throws SQLException {
        return call(() -> delegate().getDate(columnIndex, cal));
    }

    @Override
    public java.sql.Date getDate(String columnLabel, Calendar cal) throws SQLException {
        return call(() -> delegate().getDate(columnLabel, cal));
    }

    @Override
    public java.sql.Time getTime(int columnIndex, Calendar cal) throws SQLException {
        return call(() -> delegate().getTime(columnIndex, cal));
    }

    @Override
    public java.sql.Time getTime(String columnLabel, Calendar cal) throws SQLException {
        return call(() -> delegate().getTime(columnLabel, cal));
    }

    @Override
    public java.sql.Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
        return call(() -> delegate().getTimestamp(columnIndex, cal));
    }

    @Override
    public java.sql.Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
        return call(() -> delegate().getTimestamp(columnLabel, cal));
    }

    @Override
    public java.net.URL getURL(int columnIndex) throws SQLException {
        return call(() -> delegate().getURL(columnIndex));
    }

    @Override
    public java.net.URL getURL(String columnLabel) throws SQLException {
        return call(() -> delegate().getURL(columnLabel));
    }

    @Override
    public void updateRef(int columnIndex, java.sql.Ref x) throws SQLException {
        run(() -> delegate().updateRef(columnIndex, x));
    }

    @Override
    public void updateRef(String columnLabel, java.sql.Ref x) throws SQLException {
        run(() -> delegate().updateRef(columnLabel, x));
    }

    @Override
    public void updateBlob(int columnIndex, java.sql.Blob x) throws SQLException {
        run(() -> delegate().updateBlob(columnIndex, x));
    }

    @Override
    public void updateBlob(String columnLabel, java.sql.Blob x) throws SQLException {
        run(() -> delegate().updateBlob(columnLabel, x));
    }

    @Override
    public void updateClob(int columnIndex, java.sql.Clob x) throws SQLException {
        run(() -> delegate().updateClob(columnIndex, x));
    }

    @Override
    public void updateClob(String columnLabel, java.sql.Clob x) throws SQLException {
        run(() -> delegate().updateClob(columnLabel, x));
    }

    @Override
    public void updateArray(int columnIndex, java.sql.Array x) throws SQLException {
        run(() -> delegate().updateArray(columnIndex, x));
    }

    @Override
    public void updateArray(String columnLabel, java.sql.Array x) throws SQLException {
        run(() -> delegate().updateArray(columnLabel, x));
    }

    @Override
    public RowId getRowId(int columnIndex) throws SQLException {
        return call(() -> delegate().getRowId(columnIndex));
    }

    @Override
    public RowId getRowId(String columnLabel) throws SQLException {
        return call(() -> delegate().getRowId(columnLabel));
    }

    @Override
    public void updateRowId(int columnIndex, RowId x) throws SQLException {
        run(() -> delegate().updateRowId(columnIndex, x));
    }

    @Override
    public void updateRowId(String columnLabel, RowId x) throws SQLException {
        run(() -> delegate().updateRowId(columnLabel, x));
    }

    @Override
    public int getHoldability() throws SQLException {
        return call(() -> delegate().getHoldability());
    }

    @Override
    public void updateNString(int columnIndex, String nString) throws SQLException {
        run(() -> delegate().updateNString(columnIndex, nString));
    }

    @Override
    public void updateNString(String columnLabel, String nString) throws SQLException {
        run(() -> delegate().updateNString(columnLabel, nString));
    }

    @Override
    public void updateNClob(int columnIndex, NClob nClob) throws SQLException {
        run(() -> delegate().updateNClob(columnIndex, nClob));
    }

    @Override
    public void updateNClob(String columnLabel, NClob nClob) throws SQLException {
        run(() -> delegate().updateNClob(columnLabel, nClob));
    }

    @Override
    public NClob getNClob(int columnIndex) throws SQLException {
        return call(() -> delegate().getNClob(columnIndex));
    }

    @Override
    public NClob getNClob(String columnLabel) throws SQLException {
        return call(() -> delegate().getNClob(columnLabel));
    }

    @Override
    public SQLXML getSQLXML(int columnIndex) throws SQLException {
        return call(() -> delegate().getSQLXML(columnIndex));
    }

    @Override
    public SQLXML getSQLXML(String columnLabel) throws SQLException {
        return call(() -> delegate().getSQLXML(columnLabel));
    }

    @Override
    public void updateSQLXML(int columnIndex, SQLXML xmlObject) throws SQLException {
        run(() -> delegate().updateSQLXML(columnIndex, xmlObject));
    }

    @Override
    public void updateSQLXML(String columnLabel, SQLXML xmlObject) throws SQLException {
        run(() -> delegate().updateSQLXML(columnLabel, xmlObject));
    }

    @Override
    public String getNString(int columnIndex) throws SQLException {
        return call(() -> delegate().getNString(columnIndex));
    }

    @Override
    public String getNString(String columnLabel) throws SQLException {
        return call(() -> delegate().getNString(columnLabel));
    }

    @Override
    public Reader getNCharacterStream(int columnIndex) throws SQLException {
        return call(() -> delegate().getNCharacterStream(columnIndex));
    }

    @Override
    public Reader getNCharacterStream(String columnLabel) throws SQLException {
        return call(() -> delegate().getNCharacterStream(columnLabel));
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
        run(() -> delegate().updateNCharacterStream(columnIndex, x, length));
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader reader, long length) throws SQLException {
        run(() -> delegate().updateNCharacterStream(columnLabel, reader, length));
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x, long length) throws SQLException {
        run(() -> delegate().updateAsciiStream(columnIndex, x, length));
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x, long length) throws SQLException {
        run(() -> delegate().updateBinaryStream(columnIndex, x, length));
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
        run(() -> delegate().updateCharacterStream(columnIndex, x, length));
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x, long length) throws SQLException {
        run(() -> delegate().updateAsciiStream(columnLabel, x, length));
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x, long length) throws SQLException {
        run(() -> delegate().updateBinaryStream(columnLabel, x, length));
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader reader, long length) throws SQLException {
        run(() -> delegate().updateCharacterStream(columnLabel, reader, length));
    }

    @Override
    public void updateBlob(int columnIndex, InputStream inputStream, long length) throws SQLException {
        run(() -> delegate().updateBlob(columnIndex, inputStream, length));
    }

    @Override
    public void updateBlob(String columnLabel, InputStream inputStream, long length) throws SQLException {
        run(() -> delegate().updateBlob(columnLabel, inputStream, length));
    }

    @Override
    public void updateClob(int columnIndex, Reader reader, long length) throws SQLException {
        run(() -> delegate().updateClob(columnIndex, reader, length));
    }

    @Override
    public void updateClob(String columnLabel, Reader reader, long length) throws SQLException {
        run(() -> delegate().updateClob(columnLabel, reader, length));
    }

    @Override
    public void updateNClob(int columnIndex, Reader reader, long length) throws SQLException {
        run(() -> delegate().updateNClob(columnIndex, reader, length));
    }

    @Override
    public void updateNClob(String columnLabel, Reader reader, long length) throws SQLException {
        run(() -> delegate().updateNClob(columnLabel, reader, length));
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader x) throws SQLException {
        run(() -> delegate().updateNCharacterStream(columnIndex, x));
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader reader) throws SQLException {
        run(() -> delegate().updateNCharacterStream(columnLabel, reader));
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x) throws SQLException {
        run(() -> delegate().updateAsciiStream(columnIndex, x));
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x) throws SQLException {
        run(() -> delegate().updateBinaryStream(columnIndex, x));
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x) throws SQLException {
        run(() -> delegate().updateCharacterStream(columnIndex, x));
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x) throws SQLException {
        run(() -> delegate().updateAsciiStream(columnLabel, x));
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x) throws SQLException {
        run(() -> delegate().updateBinaryStream(columnLabel, x));
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader reader) throws SQLException {
        run(() -> delegate().updateCharacterStream(columnLabel, reader));
    }

    @Override
    public void updateBlob(int columnIndex, InputStream inputStream) throws SQLException {
        run(() -> delegate().updateBlob(columnIndex, inputStream));
    }

    @Override
    public void updateBlob(String columnLabel, InputStream inputStream) throws SQLException {
        run(() -> delegate().updateBlob(columnLabel, inputStream));
    }

    @Override
    public void updateClob(int columnIndex, Reader reader) throws SQLException {
        run(() -> delegate().updateClob(columnIndex, reader));
    }

    @Override
    public void updateClob(String columnLabel, Reader reader) throws SQLException {
        run(() -> delegate().updateClob(columnLabel, reader));
    }

    @Override
    public void updateNClob(int columnIndex, Reader reader) throws SQLException {
        run(() -> delegate().updateNClob(columnIndex, reader));
    }

    @Override
    public void updateNClob(String columnLabel, Reader reader) throws SQLException {
        run(() -> delegate().updateNClob(columnLabel, reader));
    }

    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        return call(() -> delegate().getObject(columnIndex, type));
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        return call(() -> delegate().getObject(columnLabel, type));
    }
}
