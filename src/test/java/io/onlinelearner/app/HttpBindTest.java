package io.onlinelearner.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** An HTTP address the learner cannot serve on stops start-up, naming both keys that choose it. */
class HttpBindTest {

    @Test
    void shouldRefuseATakenPortNamingHostAndPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            final Properties properties = new Properties();
            properties.setProperty(LearnerSettings.HTTP_HOST.key(), "127.0.0.1");
            properties.setProperty(LearnerSettings.HTTP_PORT.key(), String.valueOf(taken.getLocalPort()));
            assertThatThrownBy(() -> OperationsExtension.create(LearnerConfig.parse(properties), null))
                    .isInstanceOf(StartupRefusedException.class)
                    .hasMessageStartingWith("cannot serve HTTP on 127.0.0.1:" + taken.getLocalPort() + " (")
                    .hasMessageEndingWith("): set learner.http.host to an address of this machine and "
                            + "learner.http.port to a free port, or 0 for any");
        }
    }
}
