package io.synod.sqltest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;

/** The metadata walk against SQLite: proves the walk and its assertions on a mature driver. */
class SqliteMetadataWalkTest extends MetadataWalkContract {

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite::memory:");
    }

    @Override
    String schema() {
        return null;
    }

    @Override
    String stored(String identifier) {
        return identifier; // SQLite keeps names as written
    }

    /** sqlite-jdbc throws SQLFeatureNotSupportedException for these two. */
    @Override
    Set<String> knownGaps() {
        return Set.of("getSchemas(null,%)", "getFunctions");
    }
}
