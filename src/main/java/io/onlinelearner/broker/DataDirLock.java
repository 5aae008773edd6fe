package io.onlinelearner.broker;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The embedded broker's hold on its data folder, taken before Kafka touches anything in it: Kafka
 * checks its own lock on the log folder only after its metadata log is opened, so a second broker
 * started on a folder in use would write into the first one's metadata before it failed, and leave
 * the first one unable to create topics or shut down. An OS file lock on {@code broker.lock}, held
 * until {@link #close}; the OS releases it when the process dies.
 */
public final class DataDirLock implements AutoCloseable {

    /** The lock file's name in the data folder. */
    static final String FILE = "broker.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(final FileChannel channel, final FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code dataDir}, created if missing.
     *
     * @throws DataDirInUseException when another broker (in this process or another) holds it
     */
    static DataDirLock take(final Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        final FileChannel channel =
                FileChannel.open(dataDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new DataDirInUseException(dataDir);
        }
        return new DataDirLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
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
