package io.synod.tools.shell;

import java.util.List;

/** JDBC URLs of Synod clusters, as the driver accepts them. */
public final class JdbcUrls {

    /** What {@code synod local} starts by default: three nodes on 127.0.0.1:7100-7102. */
    public static final String DEFAULT_LOCAL = forAddresses(List.of("127.0.0.1:7100", "127.0.0.1:7101", "127.0.0.1:7102"));

    private JdbcUrls() {
    }

    /** {@code jdbc:synod://h1:p1,h2:p2/}: any listed node serves as gateway, the others as failover. */
    public static String forAddresses(List<String> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a JDBC URL needs at least one node address");
        }
        return "jdbc:synod://" + String.join(",", addresses) + "/";
    }
}
