package io.synod.jdbc.embedded;

import java.nio.file.Path;

/**
 * Which embedded database: in memory under a name (empty: private to one connection), or in a
 * directory.
 */
public record EmbeddedLocation(String memoryName, Path directory) {

    public static EmbeddedLocation memory(String name) {
        return new EmbeddedLocation(name, null);
    }

    public static EmbeddedLocation file(Path directory) {
        return new EmbeddedLocation(null, directory);
    }

    public boolean inMemory() {
        return directory == null;
    }

    /** For messages: "mem:NAME" or "file:DIR". */
    public String describe() {
        return inMemory() ? "mem:" + memoryName : "file:" + directory;
    }
}
