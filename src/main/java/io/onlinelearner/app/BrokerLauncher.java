package io.onlinelearner.app;

import io.onlinelearner.broker.DataDirLock;
import io.onlinelearner.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * Starts the embedded broker with a clear refusal when its port is taken, which usually means a
 * broker already runs there (e.g. {@code broker} in another terminal) and the learner should use it.
 */
public final class BrokerLauncher {

    private BrokerLauncher() {}

    /**
     * Starts an embedded broker on {@code localhost:port} with its data under {@code dataDir}.
     *
     * @param port the client port; 0 picks a free one
     * @throws StartupRefusedException when the port or the data folder is in use
     * @throws UncheckedIOException    when the data folder cannot be prepared
     */
    public static EmbeddedKafkaBroker start(final Path dataDir, final int port) {
        if (port != 0) {
            ensurePortFree(port);
        }
        try {
            return EmbeddedKafkaBroker.start(dataDir, port);
        } catch (DataDirLock.DataDirInUseException e) {
            throw new StartupRefusedException(
                    e.getMessage() + "; stop it, or start this one in another folder (or with --data DIR for broker)",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded broker in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static void ensurePortFree(final int port) {
        try {
            new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
        } catch (IOException e) {
            throw new StartupRefusedException(
                    "port " + port + " is in use, so the embedded broker cannot start there;"
                            + " choose another port, or, if a Kafka broker runs there, set bootstrap.servers=localhost:"
                            + port + " to use it",
                    e);
        }
    }
}
