package io.onlinelearner.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A taken port stops the embedded broker before it starts, with both ways out in the message. */
class BrokerLauncherTest {

    @TempDir
    Path data;

    @Test
    void shouldRefuseATakenPortNamingItAndBothWaysOut() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            final int port = taken.getLocalPort();
            assertThatThrownBy(() -> BrokerLauncher.start(data, port))
                    .isInstanceOf(StartupRefusedException.class)
                    .hasMessage("port " + port + " is in use, so the embedded broker cannot start there; choose "
                            + "another port, or, if a Kafka broker runs there, set bootstrap.servers=localhost:"
                            + port + " to use it");
        }
    }
}
