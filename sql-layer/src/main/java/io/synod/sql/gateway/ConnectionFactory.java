package io.synod.sql.gateway;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens the server-side JDBC connection behind one client connection of a gateway: in a node,
 * {@code SqlEngine.connect}; in tests, any JDBC connection.
 */
@FunctionalInterface
public interface ConnectionFactory {

    /**
     * @param info the client's connection properties (user, password, consistency, ...), without
     *             Avatica's and the driver's transport settings
     */
    Connection open(Properties info) throws SQLException;
}
