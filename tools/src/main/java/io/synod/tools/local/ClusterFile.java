package io.synod.tools.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * {@code cluster.json}: {@code {"nodes":[{"id":..,"address":..,"pid":..,"dataDir":..,
 * "command":[...]}]}}, so scripts and tests can kill and restart single nodes.
 */
public final class ClusterFile {

    public static final String NAME = "cluster.json";

    /** One node's entry ({@code pid} 0 when it is not running). */
    public record Entry(long id, String address, long pid, String dataDir, List<String> command) {
    }

    /** The whole file. */
    public record Contents(List<Entry> nodes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ClusterFile() {
    }

    static void write(Path file, List<NodeSpec> specs, Map<Long, Long> pids) {
        List<Entry> entries = specs.stream()
                .map(s -> new Entry(s.id(), s.address(), pids.getOrDefault(s.id(), 0L), s.dataDir().toString(),
                        s.command()))
                .toList();
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            JSON.writeValue(temp.toFile(), new Contents(entries));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static Contents read(Path file) {
        try {
            return JSON.readValue(file.toFile(), Contents.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
