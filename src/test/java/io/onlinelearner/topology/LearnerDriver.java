package io.onlinelearner.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.Topics;
import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.serde.NamesFormat;
import io.onlinelearner.serde.PendingFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The learner's topology in a {@link TopologyTestDriver}, with its four input topics, its four
 * output topics and its store at hand: what every topology test opens in try-with-resources.
 * Record timestamps advance by one millisecond per record, so time is explicit.
 */
public final class LearnerDriver implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String STATE_DIR = "target/streams-state/driver";

    private final TopologyTestDriver driver;
    private final Map<Source, TestInputTopic<byte[], byte[]>> inputs = new EnumMap<>(Source.class);
    private final TestInputTopic<byte[], byte[]> train;
    private final TestInputTopic<byte[], byte[]> validation;
    private final TestOutputTopic<byte[], byte[]> models;
    private final TestOutputTopic<byte[], byte[]> control;
    private final TestOutputTopic<byte[], byte[]> predictions;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final TestOutputTopic<byte[], byte[]> outcomes;
    private final int labelsWindow;
    private final String applicationId;
    private long clock;

    /** A driver for the topology that {@code learnerProperties} configure. */
    public LearnerDriver(final Properties learnerProperties) {
        this(learnerProperties, LearnerListener.NONE);
    }

    /** A driver for the {@code learner.*} settings given as a map, reporting to {@code listener}. */
    public LearnerDriver(final Map<String, String> settings, final LearnerListener listener) {
        this(properties(settings), listener);
    }

    /** A driver whose topology reports to {@code listener}. */
    public LearnerDriver(final Properties learnerProperties, final LearnerListener listener) {
        this(learnerProperties, listener, Map.of());
    }

    /**
     * A driver whose topology reports to {@code listener} and checks the partitioning of the input
     * topics in {@code partitions} (topic to partition count); every record is piped to partition 0.
     */
    public LearnerDriver(
            final Properties learnerProperties, final LearnerListener listener, final Map<String, Integer> partitions) {
        final LearnerConfig config = LearnerConfig.parse(learnerProperties);
        final Properties streams = config.streamsWithBootstrap("unused:9092");
        applicationId = "learner-test-" + System.nanoTime();
        streams.setProperty("application.id", applicationId);
        streams.setProperty("state.dir", STATE_DIR);
        driver = TestDrivers.open(LearnerTopology.build(config, listener, partitions), streams);
        final Topics topics = config.topics();
        for (final Source source : Source.values()) {
            inputs.put(
                    source,
                    driver.createInputTopic(
                            source.topic(topics), new ByteArraySerializer(), new ByteArraySerializer()));
        }
        train = inputs.get(Source.TRAIN);
        validation = inputs.get(Source.VALIDATION);
        models = driver.createOutputTopic(topics.models(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        control = driver.createOutputTopic(topics.control(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        predictions = driver.createOutputTopic(
                topics.predictions(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(
                topics.deadLetters(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        outcomes =
                driver.createOutputTopic(topics.outcomes(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        labelsWindow = config.labels().window();
    }

    /** Makes the next record's timestamp {@code timestamp} (then one millisecond more per record again). */
    public void nextAt(final long timestamp) {
        clock = timestamp - 1;
    }

    /** Pipes one training record. */
    public void train(final String model, final String json) {
        pipe(train, bytes(model), bytes(json));
    }

    /** Pipes one validation record. */
    public void validate(final String model, final String json) {
        pipe(validation, bytes(model), bytes(json));
    }

    /** Pipes raw bytes to the training or validation topic. */
    public void pipe(final boolean toTrain, final byte[] key, final byte[] value) {
        pipe(toTrain ? train : validation, key, value);
    }

    /** Pipes raw bytes to one input topic, one millisecond after the previous record. */
    public void pipe(final Source source, final byte[] key, final byte[] value) {
        pipe(inputs.get(source), key, value);
    }

    /** Pipes {@code record}'s key, value and headers to one input topic, one millisecond after the previous record. */
    public void pipe(final Source source, final TestRecord<byte[], byte[]> record) {
        inputs.get(source)
                .pipeInput(new TestRecord<>(
                        record.key(), record.value(), record.headers(), Instant.ofEpochMilli(++clock)));
    }

    /**
     * Pipes {@code record} to the internal topic {@code name} (the application id and a dash are
     * put before it), as another producer than the learner could write to a repartition topic.
     */
    public void pipeInternal(final String name, final TestRecord<byte[], byte[]> record) {
        driver.createInputTopic(applicationId + "-" + name, new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(new TestRecord<>(
                        record.key(), record.value(), record.headers(), Instant.ofEpochMilli(++clock)));
    }

    /** Pipes raw bytes to one input topic at {@code timestamp}; later records without one continue from it. */
    public void pipeAt(final Source source, final byte[] key, final byte[] value, final long timestamp) {
        clock = Math.max(clock, timestamp);
        inputs.get(source).pipeInput(new TestRecord<>(key, value, Instant.ofEpochMilli(timestamp)));
    }

    /** Pipes one prediction request. */
    public void predict(final String model, final String json) {
        pipe(Source.PREDICT, bytes(model), bytes(json));
    }

    /** Pipes one command. */
    public void command(final String model, final String json) {
        pipe(Source.COMMANDS, bytes(model), bytes(json));
    }

    private void pipe(final TestInputTopic<byte[], byte[]> topic, final byte[] key, final byte[] value) {
        topic.pipeInput(new TestRecord<>(key, value, Instant.ofEpochMilli(++clock)));
    }

    /** The metrics of the driven topology, RocksDB's among them. */
    public Map<MetricName, ? extends Metric> metrics() {
        return driver.metrics();
    }

    /** The state store named {@code name}, e.g. {@link Names#LAST_SEEN_STORE}. */
    public <K, V> KeyValueStore<K, V> store(final String name) {
        return driver.getKeyValueStore(name);
    }

    /** What the driven topology wrote to the changelog of the store named {@code name}. */
    public TestOutputTopic<byte[], byte[]> changelog(final String name) {
        return driver.createOutputTopic(
                applicationId + "-" + name + "-changelog", new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The state store. */
    public KeyValueStore<String, ModelState> store() {
        return driver.getKeyValueStore(Names.STORE);
    }

    /** The model's state in the store, or null. */
    public ModelState state(final String model) {
        return store().get(model);
    }

    /**
     * A hashed model's feature texts in their stores ({@link Names#FEATURE_NAMES_STORE} followed by
     * {@link Names#FEATURE_NAMES_RECENT_STORE}); none when they have no entry.
     */
    public FeatureNames featureNames(final String model) {
        final KeyValueStore<String, byte[]> base = driver.getKeyValueStore(Names.FEATURE_NAMES_STORE);
        final KeyValueStore<String, byte[]> recent = driver.getKeyValueStore(Names.FEATURE_NAMES_RECENT_STORE);
        return NamesFormat.decode(NamesFormat.merge(base.get(model), recent.get(model)));
    }

    /** The model's label bookkeeping in the remembered-requests store (labels on), or that of a model with none. */
    public ModelLabels labels(final String model) {
        final KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(Names.LABELS_STORE);
        final ModelLabels value = PendingFormat.labels(key -> store.get(Bytes.wrap(key)), model, labelsWindow);
        return value == null ? ModelLabels.none(labelsWindow) : value;
    }

    /** The store of remembered requests (labels on). */
    public KeyValueStore<Bytes, byte[]> labelsStore() {
        return driver.getKeyValueStore(Names.LABELS_STORE);
    }

    /** The outcomes topic's output (labels on), raw. */
    public TestOutputTopic<byte[], byte[]> outcomesTopic() {
        return outcomes;
    }

    /** Snapshots written so far and not yet read, as JSON text. */
    public List<String> snapshots() {
        return models.readValuesToList().stream()
                .map(v -> new String(v, StandardCharsets.UTF_8))
                .toList();
    }

    /** Snapshots written so far and not yet read, as JSON. */
    public List<JsonNode> models() {
        return models.readValuesToList().stream().map(LearnerDriver::json).toList();
    }

    /** Control events written so far and not yet read, as JSON. */
    public List<JsonNode> control() {
        return control.readValuesToList().stream().map(LearnerDriver::json).toList();
    }

    /** Predictions written so far and not yet read, as JSON. */
    public List<JsonNode> predictions() {
        return predictions.readValuesToList().stream().map(LearnerDriver::json).toList();
    }

    /** Predictions written so far and not yet read, as the bytes written. */
    public List<String> predictionTexts() {
        return predictions.readValuesToList().stream()
                .map(v -> new String(v, StandardCharsets.UTF_8))
                .toList();
    }

    /** The control topic's output, raw. */
    public TestOutputTopic<byte[], byte[]> controlTopic() {
        return control;
    }

    /** The dead-letter topic's output. */
    public TestOutputTopic<byte[], byte[]> deadLetters() {
        return deadLetters;
    }

    /** The predictions topic's output, raw. */
    public TestOutputTopic<byte[], byte[]> predictionsTopic() {
        return predictions;
    }

    /** The snapshot topic's output, raw. */
    public TestOutputTopic<byte[], byte[]> modelsTopic() {
        return models;
    }

    @Override
    public void close() {
        driver.close();
    }

    private static Properties properties(final Map<String, String> settings) {
        final Properties properties = new Properties();
        properties.putAll(settings);
        return properties;
    }

    static byte[] bytes(final String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code output} without its {@code trainedThrough} field: what learned the same from the same records at other offsets shares. */
    static JsonNode withoutLineage(final JsonNode output) {
        final ObjectNode copy = output.deepCopy();
        copy.remove("trainedThrough");
        return copy;
    }

    /** Each of {@code outputs} {@link #withoutLineage without lineage}. */
    static List<JsonNode> withoutLineage(final List<JsonNode> outputs) {
        return outputs.stream().map(LearnerDriver::withoutLineage).toList();
    }

    static JsonNode json(final byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
