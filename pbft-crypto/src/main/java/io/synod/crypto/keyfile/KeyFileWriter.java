package io.synod.crypto.keyfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a key file whole or not at all: the text goes to a new owner-only file in the target's
 * directory (so a private key is never readable by others, not even for a moment), which gets its
 * final permissions, is flushed to disk, and only then takes the target name.
 */
final class KeyFileWriter {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private KeyFileWriter() {
    }

    /**
     * @throws FileAlreadyExistsException if the file exists and {@code overwrite} is false
     */
    static void write(Path file, String text, Set<PosixFilePermission> permissions, boolean overwrite)
            throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!overwrite && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", ownerOnlyIfPosix());
        try {
            if (isPosix()) {
                // createTempFile honours the umask, which may have removed bits we want (never added any).
                Files.setPosixFilePermissions(temp, permissions);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            if (overwrite) {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temp, file);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** The temporary file starts owner-only whatever its final permissions: nobody reads a half-written key. */
    private static FileAttribute<?>[] ownerOnlyIfPosix() {
        return isPosix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }
}
