package io.onlinelearner.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data folder in use by a running embedded broker stops a second one before it touches the
 * folder (Kafka's own check comes after it has written into the first one's metadata log).
 */
class BrokerLauncherIT {

    @TempDir
    Path data;

    @Test
    void shouldRefuseADataFolderInUseByAnotherBrokerBeforeTouchingIt() throws Exception {
        try (EmbeddedKafkaBroker running = BrokerLauncher.start(data, 0)) {
            assertThatThrownBy(() -> BrokerLauncher.start(data, 0))
                    .isInstanceOf(StartupRefusedException.class)
                    .hasMessage("the data folder " + data.toAbsolutePath() + " is in use by another embedded broker "
                            + "(a running `run` or `broker`); stop it, or start this one in another folder (or with "
                            + "--data DIR for broker)");
            assertThat(running.bootstrapServers()).startsWith("localhost:");
        }
        BrokerLauncher.start(data, 0).close();
    }
}
