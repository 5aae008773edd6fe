package io.onlinelearner.cli;

import io.onlinelearner.app.Launch;
import io.onlinelearner.app.LearnerApplication;
import io.onlinelearner.app.OperationsExtension;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: an embedded broker in a temporary folder, the learner, and a synthetic stream; by
 * default the whole loop ({@link DriftDemo}: learn, stop, serve, drift, resume, stop again), or with
 * {@code --scenario label-flip} training labels that drift while validation stays clean. Prints
 * each round and event as it is committed, then the frozen model, and deletes the folder.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Watch the learner's whole loop, with nothing to set up.",
            "Starts an embedded Kafka broker in a temporary folder and the learner (d=3, validation window 50, "
                    + "patience 3), then streams blocks of 50 training and 50 validation records of "
                    + "y = 1.5·x1 - 2·x2 + 0.5·x3 + 0.3 + noise.",
            "drift (the default, lr 0.05, min-delta 0.002, Page-Hinkley drift detection resuming a stopped model): "
                    + "the model learns and stops early; the frozen model answers a few predict records; then "
                    + "training and validation both switch to y = -x1 + x2 + 2·x3 - 0.5; drift fires on the frozen "
                    + "model's training losses, the model resumes, learns the new concept and stops again.",
            "label-flip (lr 0.01): from round 12 on the training labels flip sign while validation stays clean, "
                    + "and early stopping catches it.",
            "Prints one line per round and every event, then the frozen model, and exits."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the scenario ran to its end and was printed",
            "1:it did not end within the time limit, or a failure"
        })
final class DemoCommand implements Callable<Integer> {

    /** The demo's model id. */
    static final String MODEL = "demo";
    /** How long the demo waits for the stop signal. */
    static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--pace",
            paramLabel = "MILLIS",
            defaultValue = "150",
            description = "Pause between blocks of records, in milliseconds (default: ${DEFAULT-VALUE}).")
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
            description = "drift (the whole loop: stop, serve, drift, resume, stop again) or label-flip (early "
                    + "stopping catches flipped training labels) (default: ${DEFAULT-VALUE}).")
    private String scenario;

    @Override
    public Integer call() throws Exception {
        final boolean drift = "drift".equals(scenario);
        if (!drift && !"label-flip".equals(scenario)) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "unknown scenario '" + scenario + "': use drift or label-flip");
        }
        final AutoCloseable quiet = LogLevels.quietIncludingKafka();
        final TempFolder folder = TempFolder.create("online-learner-demo-");
        try {
            final LearnerConfig config = LearnerConfig.parse(properties(folder, drift));
            final OperationsExtension operations = OperationsExtension.create(config, null);
            final LearnerApplication app =
                    LearnerApplication.start(config, new Launch(folder.path().resolve("broker"), 0, operations));
            final ShutdownHook hook = ShutdownHook.register("online-learner-demo-shutdown", () -> {
                app.close();
                folder.close();
            });
            try {
                return drift
                        ? runDrift(app, config.topics(), folder, operations.url())
                        : run(app, config.topics(), folder, operations.url());
            } finally {
                hook.close();
                app.close();
            }
        } finally {
            folder.close();
            quiet.close();
        }
    }

    private int run(final LearnerApplication app, final Topics topics, final TempFolder folder, final String url) {
        final PrintWriter out = spec.commandLine().getOut();
        out.println("Embedded Kafka broker on " + app.bootstrapServers() + ", data in " + folder.path());
        out.println("Live page and HTTP API: " + url + " (metrics: " + url + "metrics)");
        out.println("Model '" + MODEL + "': training labels drift (y' = -y) from round " + DemoStream.CLEAN_BLOCKS
                + " on; validation stays clean. Patience 3 rounds.");
        return stream(app, topics, out);
    }

    private int runDrift(final LearnerApplication app, final Topics topics, final TempFolder folder, final String url) {
        final PrintWriter out = spec.commandLine().getOut();
        out.println("Embedded Kafka broker on " + app.bootstrapServers() + ", data in " + folder.path());
        out.println("Live page and HTTP API: " + url + " (metrics: " + url + "metrics)");
        out.println("Model '" + MODEL + "' learns " + DemoStream.ORIGINAL.formula() + " + noise. Patience 3 rounds, "
                + "Page-Hinkley drift detection, action resume.");
        try (KafkaProducer<String, String> producer = producer(app.bootstrapServers());
                KafkaConsumer<String, String> consumer = consumer(
                        app.bootstrapServers(), List.of(topics.models(), topics.control(), topics.predictions()))) {
            final DriftDemo demo = new DriftDemo(producer, consumer, topics, out, seed, Duration.ofMillis(pace));
            if (!demo.run(System.nanoTime() + TIME_LIMIT.toNanos(), app::failed)) {
                spec.commandLine()
                        .getErr()
                        .println(Main.NAME + ": the scenario did not end within " + TIME_LIMIT.toSeconds() + " s");
                return Main.FAILURE;
            }
            return Main.OK;
        }
    }

    private int stream(final LearnerApplication app, final Topics topics, final PrintWriter out) {
        try (KafkaProducer<String, String> producer = producer(app.bootstrapServers());
                KafkaConsumer<String, String> consumer =
                        consumer(app.bootstrapServers(), List.of(topics.models(), topics.control()))) {
            final DemoProgress progress = new DemoProgress(consumer, topics, out);
            final DemoStream stream = new DemoStream(seed);
            final long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
            long timestamp = System.currentTimeMillis();
            long nextBlock = System.nanoTime();
            while (!progress.stopped()) {
                if (System.nanoTime() > deadline || app.failed()) {
                    spec.commandLine()
                            .getErr()
                            .println(Main.NAME + ": no stop signal within " + TIME_LIMIT.toSeconds() + " s");
                    return Main.FAILURE;
                }
                if (stream.hasNext() && System.nanoTime() >= nextBlock) {
                    timestamp = send(producer, topics, stream.next(), timestamp);
                    nextBlock = System.nanoTime() + Duration.ofMillis(pace).toNanos();
                }
                progress.poll(Duration.ofMillis(50));
            }
            progress.printResult();
            return Main.OK;
        }
    }

    /** Sends the block's training records, then its validation records, with increasing timestamps. */
    private static long send(
            final KafkaProducer<String, String> producer,
            final Topics topics,
            final DemoStream.Block block,
            final long firstTimestamp) {
        long timestamp = firstTimestamp;
        for (final String json : block.train()) {
            producer.send(new ProducerRecord<>(topics.train(), null, timestamp++, MODEL, json));
        }
        producer.flush();
        for (final String json : block.validation()) {
            producer.send(new ProducerRecord<>(topics.validation(), null, timestamp++, MODEL, json));
        }
        producer.flush();
        return timestamp;
    }

    private static Properties properties(final TempFolder folder, final boolean drift) {
        final Properties p = new Properties();
        p.setProperty("application.id", "online-learner-demo");
        p.setProperty("state.dir", folder.path().resolve("streams").toString());
        p.setProperty(LearnerSettings.MODEL_FEATURES.key(), "3");
        p.setProperty(LearnerSettings.ADAM_LR.key(), drift ? "0.05" : "0.01");
        if (drift) {
            p.setProperty(LearnerSettings.STOPPING_MIN_DELTA.key(), "0.002");
            p.setProperty(LearnerSettings.DRIFT_DETECTOR.key(), LearnerSettings.DETECTOR_PAGE_HINKLEY);
            p.setProperty(LearnerSettings.DRIFT_ACTION.key(), "resume");
        }
        p.setProperty(
                LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), String.valueOf(DemoStream.VALIDATION_PER_BLOCK));
        p.setProperty(LearnerSettings.STOPPING_PATIENCE.key(), "3");
        p.setProperty(LearnerSettings.HTTP_PORT.key(), "0");
        return p;
    }

    private static KafkaProducer<String, String> producer(final String bootstrap) {
        return new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", "0"),
                new StringSerializer(),
                new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(final String bootstrap, final List<String> topics) {
        final KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        bootstrap,
                        "isolation.level",
                        "read_committed",
                        "enable.auto.commit",
                        "false"),
                new StringDeserializer(),
                new StringDeserializer());
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
