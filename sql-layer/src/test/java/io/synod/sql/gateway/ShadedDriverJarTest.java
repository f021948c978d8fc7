package io.synod.sql.gateway;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The self-contained driver jar (jdbc-driver/target/synod-jdbc.jar, built in jdbc-driver's package
 * phase, so by {@code mvn verify} before this module's tests) works alone and hides its libraries.
 */
class ShadedDriverJarTest {

    private static final Path JAR = Path.of(System.getProperty("synod.jdbc.jar", "../jdbc-driver/target/synod-jdbc.jar"));

    @Test
    void everyClassIsOursOrRelocatedAndOnlyOurDriverIsRegistered() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), JAR + " is built by jdbc-driver's package phase (mvn verify)");
        List<String> foreign = new ArrayList<>();
        List<String> services = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (name.endsWith(".class") && !name.startsWith("io/synod/")) {
                    foreign.add(name);
                }
                if (name.startsWith("META-INF/services/") && !entry.isDirectory()) {
                    services.add(name.substring("META-INF/services/".length()));
                }
            }
            assertThat(new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver")).readAllBytes())
                    .strip()).isEqualTo("io.synod.jdbc.SynodDriver");
        }
        assertThat(foreign).isEmpty();
        assertThat(services).allMatch(s -> s.equals("java.sql.Driver") || s.startsWith("io.synod."));
    }

    @Test
    void theJarAloneConnectsToAGatewayAndRunsAQuery() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), JAR + " is built by jdbc-driver's package phase (mvn verify)");
        // Not closed: gRPC's shared threads from the jar outlive the connection by a moment and
        // would fail to load classes from a closed loader.
        URLClassLoader isolated = new URLClassLoader(new URL[] {JAR.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        try (TestGateways gateways = new TestGateways(1)) {
            Driver driver = (Driver) Class.forName("io.synod.jdbc.SynodDriver", true, isolated)
                    .getDeclaredConstructor().newInstance();
            assertThat(driver.getClass().getClassLoader()).isSameAs(isolated);
            try (Connection c = driver.connect(gateways.url(), new Properties());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("VALUES 40 + 2")) {
                assertThat(c.getMetaData().getDriverName()).isEqualTo("Synod JDBC Driver");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }
}
