package jp.daicho.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * The launcher's data directory: the embedded PostgreSQL's data, the embedded Kafka's logs and capture's offsets,
 * kept across restarts. One launcher at a time holds it (a lock file); it is marked as Daichō's with its layout
 * version, so that a directory of something else is never used or emptied, and one written by a newer Daichō is
 * refused instead of misread.
 */
final class DataDirectory implements AutoCloseable {

    /** The layout this version writes and reads. */
    static final int LAYOUT = 1;
    static final String MARKER = ".daicho-data";
    private static final String LOCK = ".lock";

    private final Path root;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean resumed;

    private DataDirectory(Path root, FileChannel channel, FileLock lock, boolean resumed) {
        this.root = root;
        this.channel = channel;
        this.lock = lock;
        this.resumed = resumed;
    }

    /**
     * Opens (creating it if need be) and locks {@code directory}; {@code fresh} empties it first.
     *
     * @throws IllegalStateException saying what to do, when another launcher holds it, when it is not Daichō's, or when a
     *                               newer version wrote it
     */
    static DataDirectory open(Path directory, boolean fresh) throws IOException {
        Path root = directory.toAbsolutePath().normalize();
        Files.createDirectories(root);
        Path marker = root.resolve(MARKER);
        if (!Files.exists(marker) && !isEmptyBut(root, LOCK)) {
            throw new IllegalStateException(root + " holds files that are not Daichō's data (no " + MARKER + " file): "
                    + "give an empty or new directory with --data-dir");
        }
        var channel = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("Another Daichō launcher is using " + root + ": stop it first, or give this one "
                    + "a directory of its own with --data-dir");
        }
        try {
            if (Files.exists(marker)) {
                int layout = layout(marker);
                if (layout > LAYOUT) {
                    throw new IllegalStateException(root + " was written by a newer Daichō (data layout " + layout + "; this one "
                            + "reads " + LAYOUT + "): run that version, or start over with --fresh");
                }
            }
            if (fresh) {
                // A PostgreSQL a killed run left on the directory must not keep writing into what is removed.
                jp.daicho.embedded.EmbeddedPostgres.stopOrphan(root.resolve("postgres"));
                empty(root);
            }
            boolean resumed = Files.exists(marker);
            Files.writeString(marker, "layout=" + LAYOUT + "\n");
            return new DataDirectory(root, channel, lock, resumed);
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
    }

    Path root() {
        return root;
    }

    /** Where one part keeps its data: {@code postgres}, {@code kafka}, {@code capture-offsets}. */
    Path resolve(String part) {
        return root.resolve(part);
    }

    /** Whether an earlier run's data is here (else everything starts empty). */
    boolean resumed() {
        return resumed;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static int layout(Path marker) throws IOException {
        String text = Files.readString(marker).strip();
        try {
            return Integer.parseInt(text.substring(text.indexOf('=') + 1).strip());
        } catch (RuntimeException e) {
            throw new IllegalStateException(marker + " is damaged ('" + text + "'): start over with --fresh, or restore it");
        }
    }

    private static boolean isEmptyBut(Path root, String allowed) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.allMatch(p -> p.getFileName().toString().equals(allowed));
        }
    }

    /** Removes everything in {@code root} but the lock file. */
    private static void empty(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            for (Path top : entries.filter(p -> !p.getFileName().toString().equals(LOCK)).toList()) {
                jp.daicho.embedded.Trees.delete(top);
            }
        }
    }
}
