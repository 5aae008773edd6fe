package io.onlinelearner.broker;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded broker's hold on its data folder, taken before Kafka touches anything in it: Kafka
 * checks its own lock on the log folder only after its metadata log is opened, so a second broker
 * started on a folder in use would write into the first one's metadata before it failed, and leave
 * the first one unable to create topics or shut down. An OS file lock on {@code broker.lock}, held
 * until {@link #close}; the OS releases it when the process dies. Within this process the folders
 * held are also kept in a set, checked before a second channel is ever opened on the file: on
 * Linux, closing any channel on a file drops every lock the process holds on it, so a refused
 * second attempt must not open (and close) one.
 */
public final class DataDirLock implements AutoCloseable {

    /** The lock file's name in the data folder. */
    static final String FILE = "broker.lock";

    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(final Path folder, final FileChannel channel, final FileLock lock) {
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code dataDir}, created if missing.
     *
     * @throws DataDirInUseException when another broker (in this process or another) holds it
     */
    static DataDirLock take(final Path dataDir) throws IOException {
        final Path folder = Files.createDirectories(dataDir).toRealPath();
        if (!HELD.add(folder)) {
            throw new DataDirInUseException(dataDir);
        }
        try {
            final FileChannel channel =
                    FileChannel.open(folder.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new DataDirInUseException(dataDir);
            }
            return new DataDirLock(folder, channel, lock);
        } catch (IOException | RuntimeException e) {
            HELD.remove(folder);
            throw e;
        }
    }

    /** The channel's lock, or null when another process holds it; the channel is closed unless locked. */
    private static FileLock tryLock(final FileChannel channel) throws IOException {
        FileLock lock = null;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } finally {
            if (lock == null) {
                channel.close();
            }
        }
        return lock;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            try {
                channel.close();
            } finally {
                HELD.remove(folder);
            }
        }
    }

    /** The data folder is held by another embedded broker. */
    public static final class DataDirInUseException extends IOException {

        private static final long serialVersionUID = 1L;

        DataDirInUseException(final Path dataDir) {
            super("the data folder " + dataDir.toAbsolutePath()
                    + " is in use by another embedded broker (a running `run` or `broker`)");
        }
    }
}
