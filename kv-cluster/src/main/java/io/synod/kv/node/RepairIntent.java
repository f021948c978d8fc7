package io.synod.kv.node;

import io.synod.kv.consensus.api.RepairFloor;
import io.synod.kv.storage.CorruptionException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What a repair must keep, written durably before a damaged replica's stores are wiped and
 * removed once the empty stores hold it: if the node dies in between, the next open finishes
 * the repair from this file instead of starting over from stores that forgot the term and vote.
 */
record RepairIntent(long term, long vote, RepairFloor repairFloor) {

    static final String FILE = "REPAIRING";

    /** Writes the intent into {@code dir} atomically and durably (temp file, fsync, rename, fsync dir). */
    void write(Path dir) {
        Path tmp = dir.resolve(FILE + ".tmp");
        String text = "# A repair of this replica's damaged storage is in progress; it completes at the next start.\n"
                + "term=" + term + "\nvote=" + vote + "\nrepairFloorIndex=" + repairFloor.index()
                + "\nrepairFloorTerm=" + repairFloor.term() + "\n";
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            fsync(tmp);
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            fsync(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the repair of " + dir, e);
        }
    }

    /** The intent left in {@code dir} by an unfinished repair, if any. */
    static Optional<RepairIntent> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
            return Optional.of(new RepairIntent(Long.parseLong(p.getProperty("term")),
                    Long.parseLong(p.getProperty("vote")), new RepairFloor(Long.parseLong(p.getProperty("repairFloorIndex")),
                    Long.parseLong(p.getProperty("repairFloorTerm")))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (RuntimeException e) {
            throw new CorruptionException(file + " is damaged, so the unfinished repair cannot be completed", e);
        }
    }

    static void remove(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(FILE));
            fsync(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the repair of " + dir, e);
        }
    }

    private static void fsync(Path path) throws IOException {
        boolean directory = Files.isDirectory(path);
        try (FileChannel ch = FileChannel.open(path, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }
}
