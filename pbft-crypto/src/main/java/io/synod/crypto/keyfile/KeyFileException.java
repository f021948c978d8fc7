package io.synod.crypto.keyfile;

import java.io.IOException;
import java.nio.file.Path;

/** A key file that cannot be used: malformed, truncated, of the wrong type, or readable by others. */
public final class KeyFileException extends IOException {

    public KeyFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public KeyFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
