package io.onlinelearner.cli;

import io.onlinelearner.app.Launch;
import io.onlinelearner.app.LearnerApplication;
import io.onlinelearner.app.OperationsExtension;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerConfigBuilder;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.Topics;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: an embedded broker in a temporary folder, the learner configured by a
 * {@link Scenario}'s settings, and the scenario played by the {@link DemoEngine}; deletes the
 * folder at the end. The scenarios are {@link Scenarios}'.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Watch the learner's whole loop, with nothing to set up.",
            "Starts an embedded Kafka broker in a temporary folder and the learner (validation window 50, "
                    + "patience 3), then streams the scenario's blocks of records, each block once the last is "
                    + "committed; drift and label-flip send blocks of 50 training and 50 validation records of "
                    + "y = 1.5·x1 - 2·x2 + 0.5·x3 + 0.3 + noise (d=3).",
            "drift (the default, lr 0.05, min-delta 0.002, Page-Hinkley drift detection resuming a stopped model): "
                    + "the model learns and stops early; the frozen model answers a few predict records; then "
                    + "training and validation both switch to y = -x1 + x2 + 2·x3 - 0.5; drift fires on the frozen "
                    + "model's training losses, the model resumes, learns the new concept and stops again.",
            "label-flip (lr 0.01): from round 12 on the training labels flip sign while validation stays clean, "
                    + "and early stopping catches it.",
            "labels (lr 0.05, min-delta 0.002, labels that come later): blocks of 100 predict records with ids, "
                    + "their labels a second later on labels; each label is joined to the prediction served "
                    + "(outcomes), every second one validates and the others train; rounds show the served loss "
                    + "falling; the model stops early, and the frozen model serves three requests whose labels "
                    + "come later too.",
            "features (lr 0.05, min-delta 0.002, learner.features.mode=hashed, interactions user:item): a shop's "
                    + "records with named features (user plan and id, item category, a promotion flag); the model "
                    + "stops early, answers three named requests and shows its 8 largest weights with their "
                    + "feature texts.",
            "Prints one line per round and every event, then the frozen model, and exits."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the scenario ran to its end and was printed",
            "1:it did not end within the time limit, or a failure",
            "2:bad usage (an unknown option or scenario)",
            "130:stopped by Ctrl-C, its temporary folder deleted",
            "143:stopped by SIGTERM, its temporary folder deleted"
        })
final class DemoCommand implements Callable<Integer> {

    /** How long the scenario may take once the learner runs. */
    static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    private static final String APPLICATION_ID = "online-learner-demo";

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--pace",
            paramLabel = "MILLIS",
            defaultValue = "150",
            description = "Least time between blocks of records, in milliseconds (default: ${DEFAULT-VALUE}).")
    private long pace;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "Seed of the synthetic stream (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(
            names = "--scenario",
            paramLabel = "NAME",
            defaultValue = "drift",
            description = "drift (the whole loop: stop, serve, drift, resume, stop again), label-flip (early "
                    + "stopping catches flipped training labels), labels (labels that come later, joined to the "
                    + "predictions served) or features (named, hashed features) (default: ${DEFAULT-VALUE}).")
    private String scenarioName;

    @Override
    public Integer call() throws Exception {
        if (pace < 0) {
            throw new ParameterException(spec.commandLine(), "--pace must be >= 0 milliseconds, not " + pace);
        }
        final Scenario scenario = Scenarios.named(scenarioName, seed)
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "unknown scenario '" + scenarioName + "': use " + String.join(", ", Scenarios.NAMES)));
        final AutoCloseable quiet = LogLevels.quietIncludingKafka();
        final TempFolder folder = TempFolder.create("online-learner-demo-");
        try {
            final LearnerConfig config = config(scenario, folder);
            final OperationsExtension operations = OperationsExtension.create(config, null);
            final LearnerApplication app =
                    LearnerApplication.start(config, new Launch(folder.path().resolve("broker"), 0, operations));
            final ShutdownHook hook = ShutdownHook.register("online-learner-demo-shutdown", () -> {
                app.close();
                folder.close();
            });
            try {
                final PrintWriter out = spec.commandLine().getOut();
                out.println("Embedded Kafka broker on " + app.bootstrapServers() + ", data in " + folder.path());
                out.println(
                        "Live page and HTTP API: " + operations.url() + " (metrics: " + operations.url() + "metrics)");
                return play(scenario, app, config, out, URI.create(operations.url()));
            } finally {
                hook.close();
                app.close();
            }
        } finally {
            folder.close();
            quiet.close();
        }
    }

    private int play(
            final Scenario scenario,
            final LearnerApplication app,
            final LearnerConfig config,
            final PrintWriter out,
            final URI api)
            throws InterruptedException {
        final Topics topics = config.topics();
        final String bootstrap = app.bootstrapServers();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        Map.of(
                                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                "acks",
                                "all",
                                "linger.ms",
                                "0"),
                        new StringSerializer(),
                        new ByteArraySerializer());
                KafkaConsumer<String, String> consumer = consumer(
                        bootstrap, DemoEngine.outputs(topics, config.labels().enabled()));
                Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            final Narrator narrator = new Narrator(out, config.stopping().minDelta());
            final DemoEngine engine = new DemoEngine(
                    producer,
                    consumer,
                    admin,
                    APPLICATION_ID,
                    topics,
                    narrator,
                    Duration.ofMillis(pace),
                    config.labels().enabled(),
                    api);
            final Optional<String> failure =
                    engine.play(scenario, System.nanoTime() + TIME_LIMIT.toNanos(), app::failed);
            if (failure.isPresent()) {
                spec.commandLine()
                        .getErr()
                        .println(Main.NAME + ": " + failure.get() + " (time limit " + TIME_LIMIT.toSeconds() + " s)");
                return Main.FAILURE;
            }
            return Main.OK;
        }
    }

    /** The scenario's settings on the defaults, with the demo's own application id, state folder and any free HTTP port. */
    private static LearnerConfig config(final Scenario scenario, final TempFolder folder) {
        final LearnerConfigBuilder builder = LearnerConfig.builder()
                .streams(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID)
                .streams("state.dir", folder.path().resolve("streams").toString())
                .set(LearnerSettings.HTTP_PORT, 0);
        scenario.settings().forEach(builder::set);
        return builder.build();
    }

    private static KafkaConsumer<String, String> consumer(final String bootstrap, final List<String> topics) {
        final KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        "isolation.level",
                        "read_committed",
                        "enable.auto.commit",
                        "false"),
                new StringDeserializer(),
                new StringDeserializer());
        try {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (final String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return consumer;
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }
}
