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

    private SynodUnderTest() {
    }

    static String url() {
        return System.getProperty(URL_PROPERTY, DEFAULT_URL);
    }

    static Target target() {
        assumeDriver();
        return Target.url("synod", url());
    }

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
    }
}
