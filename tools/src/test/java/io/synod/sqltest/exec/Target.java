package io.synod.sqltest.exec;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A database the harness talks to through java.sql only. */
public interface Target {

    /** A short name for reports ("sqlite", "synod"). */
    String name();

    /** Opens a new connection in autocommit mode. */
    Connection connect() throws SQLException;

    /** A target reached through {@link DriverManager} by URL. */
    static Target url(String name, String url) {
        return new Target() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Connection connect() throws SQLException {
                return DriverManager.getConnection(url);
            }

            @Override
            public String toString() {
                return name + " (" + url + ")";
            }
        };
    }

    /** SQLite in memory: every connection is a new, empty database. */
    static Target sqlite() {
        return url("sqlite", "jdbc:sqlite::memory:");
    }
}
