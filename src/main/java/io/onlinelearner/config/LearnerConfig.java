package io.onlinelearner.config;

import io.onlinelearner.model.ModelSpec;
import io.onlinelearner.optim.AdamHyperparameters;
import io.onlinelearner.stopping.StoppingConfig;
import io.onlinelearner.topology.Topics;
import java.util.Map;
import java.util.Properties;

/**
 * The learner's configuration, parsed and validated once at start-up: the typed settings of the
 * core, the topics, the HTTP endpoint, and the properties handed to Kafka Streams unchanged
 * (every key without the {@code learner.} prefix), with the learner's own defaults for them.
 *
 * @param adam             Adam's hyperparameters
 * @param model            what a new model looks like
 * @param stopping         early stopping's settings
 * @param topics           the topic names
 * @param provisioning     whether and how to create missing topics
 * @param httpHost         the HTTP API's bind address
 * @param httpPort         the HTTP API's port (0: any free port)
 * @param metricsMaxModels how many models get their own metric series
 * @param streams          the Kafka Streams properties, defaults applied
 */
public record LearnerConfig(
        AdamHyperparameters adam,
        ModelSpec model,
        StoppingConfig stopping,
        Topics topics,
        TopicProvisioning provisioning,
        String httpHost,
        int httpPort,
        int metricsMaxModels,
        Properties streams) {

    /** The application id used when none is configured. */
    public static final String DEFAULT_APPLICATION_ID = "online-learner";

    /**
     * Parses and validates the given properties.
     *
     * @throws ConfigException naming the key, the value and what is allowed, for the first bad value
     */
    public static LearnerConfig parse(final Properties properties) {
        final SettingsReader reader = new SettingsReader(properties);
        final Topics topics = reader.topics();
        return new LearnerConfig(reader.adam(), reader.model(), reader.stopping(), topics, reader.provisioning(),
                reader.text(Setting.HTTP_HOST), reader.intIn(Setting.HTTP_PORT, 0, 65_535),
                reader.intIn(Setting.METRICS_MAX_MODELS, 0, Integer.MAX_VALUE), streamsProperties(properties, topics));
    }

    /** The defaults alone. */
    public static LearnerConfig defaults() {
        return parse(new Properties());
    }

    /** True when {@code bootstrap.servers} is set, i.e. the learner runs against an existing cluster. */
    public boolean hasBootstrapServers() {
        final String servers = streams.getProperty("bootstrap.servers");
        return servers != null && !servers.isBlank();
    }

    /** A copy of the Kafka Streams properties with {@code bootstrap.servers} set. */
    public Properties streamsWithBootstrap(final String bootstrapServers) {
        final Properties copy = new Properties();
        copy.putAll(streams);
        copy.setProperty("bootstrap.servers", bootstrapServers);
        return copy;
    }

    private static Properties streamsProperties(final Properties properties, final Topics topics) {
        final Properties streams = new Properties();
        streams.setProperty("application.id", DEFAULT_APPLICATION_ID);
        streams.setProperty("processing.guarantee", "exactly_once_v2");
        streams.setProperty("errors.dead.letter.queue.topic.name", topics.deadLetters());
        streams.setProperty("processing.exception.handler",
                "org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler");
        streams.setProperty("processing.exception.handler.global.enabled", "true");
        for (final Map.Entry<Object, Object> entry : properties.entrySet()) {
            final String key = String.valueOf(entry.getKey());
            if (!key.startsWith(Setting.PREFIX)) {
                streams.setProperty(key, String.valueOf(entry.getValue()).trim());
            }
        }
        return streams;
    }

    /**
     * How the learner creates missing topics at start-up.
     *
     * @param create            whether to create missing topics at all
     * @param partitions        partitions of created topics
     * @param replicationFactor replication factor of created topics
     */
    public record TopicProvisioning(boolean create, int partitions, short replicationFactor) {
    }
}
