package io.onlinelearner.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/** A temporary folder deleted with everything in it on {@link #close()}, once. */
final class TempFolder implements AutoCloseable {

    private final Path path;
    private final AtomicBoolean deleted = new AtomicBoolean();

    private TempFolder(final Path path) {
        this.path = path;
    }

    /** A new empty folder under the system's temporary folder. */
    static TempFolder create(final String prefix) {
        try {
            return new TempFolder(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
        }
    }

    /** The folder. */
    Path path() {
        return path;
    }

    /** Deletes the folder and its contents; later calls do nothing. */
    @Override
    public void close() {
        if (!deleted.compareAndSet(false, true) || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(TempFolder::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }

    private static void delete(final Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }
}
