package io.synod.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * A parsed {@code jdbc:synod:} URL:
 * <ul>
 *   <li>{@code jdbc:synod://host1:port1,host2:port2/?user=..&password=..&consistency=..} — a cluster's
 *       SQL gateways, tried in turn;</li>
 *   <li>{@code jdbc:synod:mem:} (private to one connection) or {@code jdbc:synod:mem:NAME} (shared in
 *       this JVM while connections to it are open) — an in-memory database;</li>
 *   <li>{@code jdbc:synod:file:DIR} — a database kept in directory DIR.</li>
 * </ul>
 * Query parameters are connection properties; they override those given to {@code connect}.
 */
record SynodUrl(Kind kind, List<String> hosts, String memoryName, Path directory, Properties properties) {

    static final String PREFIX = "jdbc:synod:";

    enum Kind { REMOTE, MEMORY, FILE }

    static boolean accepts(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    static SynodUrl parse(String url, Properties info) throws SQLException {
        String rest = url.substring(PREFIX.length());
        int question = rest.indexOf('?');
        String location = question < 0 ? rest : rest.substring(0, question);
        Properties properties = new Properties();
        if (info != null) {
            info.stringPropertyNames().forEach(k -> properties.setProperty(k, info.getProperty(k)));
        }
        if (question >= 0) {
            parseQuery(url, rest.substring(question + 1), properties);
        }
        if (location.startsWith("//")) {
            return new SynodUrl(Kind.REMOTE, parseHosts(url, location.substring(2)), null, null, properties);
        }
        if (location.startsWith("mem:")) {
            return new SynodUrl(Kind.MEMORY, List.of(), location.substring("mem:".length()), null, properties);
        }
        if (location.startsWith("file:")) {
            String dir = location.substring("file:".length());
            if (dir.isBlank()) {
                throw invalid(url, "file: needs a directory, e.g. jdbc:synod:file:data/mydb");
            }
            return new SynodUrl(Kind.FILE, List.of(), null, Path.of(dir).toAbsolutePath().normalize(), properties);
        }
        throw invalid(url, "expected jdbc:synod://host:port[,host:port...]/, jdbc:synod:mem:[NAME] "
                + "or jdbc:synod:file:DIR");
    }

    private static List<String> parseHosts(String url, String authority) throws SQLException {
        int slash = authority.indexOf('/');
        if (slash >= 0) {
            if (!authority.substring(slash + 1).isEmpty()) {
                throw invalid(url, "a Synod URL names no database after the hosts ('/" + authority.substring(slash + 1)
                        + "')");
            }
            authority = authority.substring(0, slash);
        }
        List<String> hosts = new ArrayList<>();
        for (String item : authority.split(",")) {
            String host = item.strip();
            int colon = host.lastIndexOf(':');
            if (host.isEmpty() || colon <= 0 || colon == host.length() - 1) {
                throw invalid(url, "each gateway is HOST:PORT, got '" + host + "'");
            }
            int port;
            try {
                port = Integer.parseInt(host.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw invalid(url, "port of '" + host + "' is not a number");
            }
            if (port < 1 || port > 65_535) {
                throw invalid(url, "port of '" + host + "' is out of range");
            }
            hosts.add(host);
        }
        return hosts;
    }

    private static void parseQuery(String url, String query, Properties into) throws SQLException {
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw invalid(url, "parameter '" + pair + "' is not NAME=VALUE");
            }
            try {
                into.setProperty(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw invalid(url, "parameter '" + pair + "' is badly escaped");
            }
        }
    }

    private static SQLException invalid(String url, String why) {
        return new SQLException("invalid Synod JDBC URL '" + url + "': " + why, "08001");
    }

    /** The target as one string, carried in the connection's private properties. */
    String target() {
        return switch (kind) {
            case REMOTE -> "remote:" + String.join(",", hosts);
            case MEMORY -> "mem:" + memoryName;
            case FILE -> "file:" + directory;
        };
    }
}
