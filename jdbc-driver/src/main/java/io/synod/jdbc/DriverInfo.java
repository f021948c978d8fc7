package io.synod.jdbc;

import org.apache.calcite.avatica.DriverVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The driver's name and version (from the build), as JDBC reports them. */
final class DriverInfo {

    static final String NAME = "Synod JDBC Driver";
    static final String PRODUCT = "Synod";
    private static final String RESOURCE = "synod-jdbc.properties";

    private DriverInfo() {
    }

    static DriverVersion version() {
        String version = buildVersion();
        int[] numbers = majorMinor(version);
        return new DriverVersion(NAME, version, PRODUCT, version, false, numbers[0], numbers[1], numbers[0],
                numbers[1]);
    }

    static String buildVersion() {
        Properties properties = new Properties();
        try (InputStream in = DriverInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the driver jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    /** "0.1.0-SNAPSHOT" → {0, 1}. */
    static int[] majorMinor(String version) {
        String[] parts = version.split("[.-]");
        int[] numbers = new int[2];
        for (int i = 0; i < 2 && i < parts.length; i++) {
            try {
                numbers[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                numbers[i] = 0;
            }
        }
        return numbers;
    }
}
