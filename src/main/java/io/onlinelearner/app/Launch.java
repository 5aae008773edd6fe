package io.onlinelearner.app;

import io.onlinelearner.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;

/**
 * How to launch the learner beyond its configuration: where an embedded broker keeps its data and
 * which port it listens on (used only when {@code bootstrap.servers} is not configured), and what
 * plugs into the running learner.
 *
 * @param dataDir    the embedded broker's data folder; Kafka Streams' state goes under it too,
 *                   unless {@code state.dir} is configured
 * @param brokerPort the embedded broker's port; 0 picks a free one
 * @param extension  metrics, HTTP API, or {@link LearnerExtension#NONE}
 */
public record Launch(Path dataDir, int brokerPort, LearnerExtension extension) {

    /** The name of {@link #DEFAULT_DATA_DIR}, for option defaults that must be constants. */
    public static final String DEFAULT_DATA_DIR_NAME = "data";

    /** The folder {@code run} keeps the embedded broker's data in. */
    public static final Path DEFAULT_DATA_DIR = Path.of(DEFAULT_DATA_DIR_NAME);

    /** {@code data/}, port 9092, no extension: what {@code run} uses. */
    public static Launch defaults() {
        return new Launch(DEFAULT_DATA_DIR, EmbeddedKafkaBroker.DEFAULT_PORT, LearnerExtension.NONE);
    }

    /** The same launch with another extension. */
    public Launch withExtension(final LearnerExtension other) {
        return new Launch(dataDir, brokerPort, other);
    }
}
