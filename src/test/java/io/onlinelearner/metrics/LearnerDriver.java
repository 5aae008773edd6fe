package io.onlinelearner.metrics;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.topology.LearnerListener;
import io.onlinelearner.topology.LearnerTopology;
import io.onlinelearner.topology.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** Drives the real learner topology with a listener, for the metrics and HTTP tests. */
public final class LearnerDriver implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> train;
    private final TestInputTopic<byte[], byte[]> validation;
    private final TestOutputTopic<byte[], byte[]> models;

    /** A driver for the topology configured by {@code settings} (learner.* keys), reporting to {@code listener}. */
    public LearnerDriver(final Map<String, String> settings, final LearnerListener listener) {
        final Properties properties = new Properties();
        properties.putAll(settings);
        final LearnerConfig config = LearnerConfig.parse(properties);
        final Properties streams = config.streamsWithBootstrap("dummy:9092");
        streams.setProperty("state.dir", tempDir());
        driver = new TopologyTestDriver(LearnerTopology.build(config, listener), streams);
        final ByteArraySerializer serializer = new ByteArraySerializer();
        train = driver.createInputTopic(config.topics().train(), serializer, serializer);
        validation = driver.createInputTopic(config.topics().validation(), serializer, serializer);
        models = driver.createOutputTopic(config.topics().models(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Sends a training record with raw JSON {@code value} for {@code model}. */
    public void train(final String model, final String value) {
        train.pipeInput(bytes(model), bytes(value));
    }

    /** Sends a validation record with raw JSON {@code value} for {@code model}. */
    public void validate(final String model, final String value) {
        validation.pipeInput(bytes(model), bytes(value));
    }

    /** The model's state in the store, or null. */
    public ModelState state(final String model) {
        return driver.<String, ModelState>getKeyValueStore(Names.STORE).get(model);
    }

    /** The snapshots published so far, as JSON text, and drains them. */
    public List<String> snapshots() {
        return models.readValuesToList().stream().map(v -> new String(v, StandardCharsets.UTF_8)).toList();
    }

    private static String tempDir() {
        try {
            final Path dir = Files.createTempDirectory("learner-driver");
            dir.toFile().deleteOnExit();
            return dir.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(final String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
