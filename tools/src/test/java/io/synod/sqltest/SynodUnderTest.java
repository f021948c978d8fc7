package io.synod.sqltest;

import io.synod.sqltest.exec.Target;
import org.junit.jupiter.api.Assumptions;

import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The system under test: Synod through its JDBC driver, in process by default. The tests that
 * use it run as soon as a driver on the test classpath accepts the URL; until then they are
 * skipped with a reason, never silently passed.
 */
final class SynodUnderTest {

    /** Another URL (a running cluster, {@code jdbc:synod://host:port/}) can be given with this property. */
    static final String URL_PROPERTY = "sqltest.url";

    static final String DEFAULT_URL = "jdbc:synod:mem:";

    /** Where the full distribution registers the driver's embedded implementation. */
    private static final String EMBEDDED_SERVICE = "META-INF/services/io.synod.jdbc.embedded.EmbeddedDatabaseProvider";

    private SynodUnderTest() {
    }

    static String url() {
        return System.getProperty(URL_PROPERTY, DEFAULT_URL);
    }

    static Target target() {
        assumeDriver();
        return Target.url("synod", url());
    }

    /**
     * The driver must accept the URL, and an in-process URL needs the embedded implementation,
     * which the full distribution registers as a service of the driver's SPI (the thin driver
     * alone answers such URLs with 08001).
     */
    static void assumeDriver() {
        String url = url();
        boolean accepted;
        try {
            DriverManager.getDriver(url);
            accepted = true;
        } catch (SQLException e) {
            accepted = false;
        }
        Assumptions.assumeTrue(accepted, "no JDBC driver on the test classpath accepts " + url);
        if (url.startsWith("jdbc:synod:mem:") || url.startsWith("jdbc:synod:file:")) {
            Assumptions.assumeTrue(SynodUnderTest.class.getClassLoader().getResource(EMBEDDED_SERVICE) != null,
                "no embedded Synod on the test classpath (" + EMBEDDED_SERVICE + ") for " + url);
        }
    }
}
