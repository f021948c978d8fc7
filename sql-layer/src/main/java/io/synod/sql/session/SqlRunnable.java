package io.synod.sql.session;

import java.sql.SQLException;

/** A JDBC call without a result: what the forwarding wrappers run through their error translation. */
@FunctionalInterface
interface SqlRunnable {
    void run() throws SQLException;
}
