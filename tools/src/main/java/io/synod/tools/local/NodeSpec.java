package io.synod.tools.local;

import java.nio.file.Path;
import java.util.List;

/**
 * One node of a local cluster: where it listens, where its data lives, and the exact argv that
 * starts it (again).
 */
public record NodeSpec(long id, String address, Path dataDir, List<String> command) {

    public NodeSpec {
        command = List.copyOf(command);
    }
}
