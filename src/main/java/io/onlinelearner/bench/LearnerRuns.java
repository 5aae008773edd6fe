package io.onlinelearner.bench;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.Setting;
import io.onlinelearner.labels.Changes;
import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.labels.ServedOutcome;
import io.onlinelearner.learner.Eviction;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.metrics.LearnerObservations;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.topology.LearnerListener;
import io.onlinelearner.topology.LearnerTopology;
import io.onlinelearner.topology.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One run of the learner in a benchmark, as it runs for real: its configuration parsed from the
 * benchmark's options ({@code learner.*} keys to the learner, the others to Kafka Streams), its
 * topics created on the benchmark's cluster, and the application's own listener counting every
 * record. Shared by every benchmark that runs the learner.
 */
final class LearnerRuns {

    private LearnerRuns() {}

    /** A learner run, the folder its state store was kept in, and what it ran with (to start it again). */
    record LearnerRun(Measurement measurement, Path stateDir, LearnerConfig config, Properties properties) {}

    /** A learner run on JSON training records in {@code topic}. */
    static LearnerRun learner(
            final BenchCluster cluster, final String topic, final String guarantee, final BenchOptions options)
            throws Exception {
        final Map<Source, String> topics =
                EndToEndBenchmark.inputs(UUID.randomUUID().toString());
        topics.put(Source.TRAIN, topic);
        cluster.createTopics(
                topics.values().stream().filter(t -> !t.equals(topic)).toList(), options.partitions());
        return learner(cluster, topics, guarantee, options);
    }

    /**
     * A learner run on the {@code inputs} (which exist), with {@link BenchOptions#streams()}: the
     * {@code learner.*} keys among them go to the learner's configuration, the others to Kafka Streams.
     */
    static LearnerRun learner(
            final BenchCluster cluster,
            final Map<Source, String> inputs,
            final String guarantee,
            final BenchOptions options)
            throws Exception {
        final String suffix = UUID.randomUUID().toString();
        final Properties learnerProperties = new Properties();
        for (final Setting<String> name : LearnerSettings.TOPICS) {
            learnerProperties.setProperty(name.key(), "bench-" + name.defaultValue() + "-" + suffix);
        }
        learnerProperties.setProperty(LearnerSettings.TOPIC_TRAIN.key(), inputs.get(Source.TRAIN));
        learnerProperties.setProperty(LearnerSettings.TOPIC_VALIDATION.key(), inputs.get(Source.VALIDATION));
        learnerProperties.setProperty(LearnerSettings.TOPIC_PREDICT.key(), inputs.get(Source.PREDICT));
        learnerProperties.setProperty(LearnerSettings.TOPIC_COMMANDS.key(), inputs.get(Source.COMMANDS));
        learnerProperties.setProperty(LearnerSettings.TOPIC_LABELS.key(), inputs.get(Source.LABELS));
        learnerProperties.setProperty(
                LearnerSettings.MODEL_MAX_FEATURES.key(), String.valueOf(Math.max(options.features(), 1)));
        learnerProperties.setProperty(
                LearnerSettings.INPUT_FORMAT.key(), options.format().configName());
        options.streams().forEach((key, value) -> {
            if (key.startsWith(LearnerSettings.PREFIX)) {
                learnerProperties.setProperty(key, value);
            }
        });
        final LearnerConfig config = LearnerConfig.parse(learnerProperties);
        cluster.createTopics(
                config.topics().all(config.labels().enabled()).stream()
                        .filter(t -> !inputs.containsValue(t))
                        .toList(),
                options.partitions());
        final Properties properties = streamsProperties(cluster, guarantee, "bench-learner");
        properties.putAll(options.streamsOnly());
        properties.putAll(withoutOverrides(config.streams(), properties));
        final Path stateDir = Path.of(properties.getProperty("state.dir"));
        final LearnerObservations metrics = new LearnerObservations(config.metricsMaxModels());
        final Measurement measurement = Runs.streams(
                Runner.LEARNER,
                progress -> LearnerTopology.build(config, counting(progress, metrics)),
                properties,
                guarantee,
                options.records(),
                options.timeout());
        return new LearnerRun(measurement, stateDir, config, properties);
    }

    static Properties streamsProperties(final BenchCluster cluster, final String guarantee, final String prefix)
            throws IOException {
        final Properties properties = new Properties();
        properties.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap());
        properties.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, prefix + "-" + UUID.randomUUID());
        properties.setProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        properties.setProperty("state.dir", cluster.newDir(prefix).toString());
        properties.setProperty("auto.offset.reset", "earliest");
        return properties;
    }

    /** The {@code defaults} whose keys {@code chosen} does not set. */
    static Properties withoutOverrides(final Properties defaults, final Properties chosen) {
        final Properties rest = new Properties();
        defaults.forEach((key, value) -> {
            if (!chosen.containsKey(key)) {
                rest.put(key, value);
            }
        });
        return rest;
    }

    /**
     * The application's own listener (its meters cost something per record too), counting into
     * {@code progress}; each task records through its own partition's listener, as in {@code run}.
     */
    private static LearnerListener counting(final Progress progress, final LearnerListener metrics) {
        return new LearnerListener() {
            @Override
            public void onOutcome(final String model, final Source source, final Outcome outcome) {
                metrics.onOutcome(model, source, outcome);
                progress.record();
            }

            @Override
            public void onPrediction(final String model, final Prediction prediction, final ModelState state) {
                metrics.onPrediction(model, prediction, state);
                progress.record();
            }

            @Override
            public void onRejected(final String model, final Source source, final RejectionReason reason) {
                throw new IllegalStateException("a benchmark record was rejected: " + reason);
            }

            @Override
            public void onLabelJoined(final String model, final ServedOutcome outcome) {
                metrics.onLabelJoined(model, outcome);
            }

            @Override
            public void onLabels(final Changes changes) {
                metrics.onLabels(changes);
            }

            @Override
            public void onEvicted(final String model, final Eviction eviction) {
                metrics.onEvicted(model, eviction);
            }

            @Override
            public LearnerListener forPartition(final int partition, final Function<String, ModelLabels> labels) {
                return counting(progress, metrics.forPartition(partition, labels));
            }

            @Override
            public void onTaskClosed() {
                metrics.onTaskClosed();
            }
        };
    }
}
