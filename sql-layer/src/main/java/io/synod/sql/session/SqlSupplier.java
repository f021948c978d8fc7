package io.synod.sql.session;

import java.sql.SQLException;

/** A JDBC call that returns a value: what the forwarding wrappers run through their error translation. */
@FunctionalInterface
interface SqlSupplier<T> {
    T get() throws SQLException;
}
