package io.onlinelearner.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The broker's two listeners always get two different ports; its records are never deleted by age. */
class EmbeddedKafkaBrokerPortsTest {

    @RepeatedTest(50)
    void picksTwoDifferentFreePortsWhenNoneIsGiven() throws Exception {
        final int[] ports = EmbeddedKafkaBroker.ports(0);

        assertThat(ports[0]).isPositive().isNotEqualTo(ports[1]);
        assertThat(ports[1]).isPositive();
    }

    @Test
    void keepsTheGivenClientPortAndPicksAnotherForTheController() throws Exception {
        final int given;
        try (ServerSocket socket = new ServerSocket(0)) {
            given = socket.getLocalPort();
        }

        for (int i = 0; i < 50; i++) {
            final int[] ports = EmbeddedKafkaBroker.ports(given);

            assertThat(ports[0]).isEqualTo(given);
            assertThat(ports[1]).isPositive().isNotEqualTo(given);
        }
    }

    @Test
    void keepsEveryRecordWhateverItsTimestamp() {
        assertThat(EmbeddedKafkaBroker.brokerProperties(Path.of("logs"), 1, 2)
                        .getProperty(EmbeddedKafkaBroker.RETENTION_MS))
                .as("records with timestamps older than Kafka's seven days would be deleted before they are read")
                .isEqualTo("-1");
    }
}
