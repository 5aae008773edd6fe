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
 * {@code demo}: an embedded broker in a temporary folder, the learner, and a synthetic stream whose
 * training labels drift while validation stays clean; prints each round as it is committed, then the
 * frozen model and the stop signal once early stopping fires, and deletes the folder.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Watch early stopping catch a drift, with nothing to set up.",
            "Starts an embedded Kafka broker in a temporary folder and the learner (d=3, lr 0.01, validation "
                + "window 50, patience 3), then streams blocks of 50 training and 50 validation records of "
                + "y = 1.5·x1 - 2·x2 + 0.5·x3 + 0.3 + noise. From round 12 on the training labels flip sign "
                + "while validation stays clean. Prints one line per round, then the frozen model and the stop "
                + "signal, and exits."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the model stopped and was printed", "1:no stop signal within the time limit, or a failure"})
final class DemoCommand implements Callable<Integer> {

    /** The demo's model id. */
    static final String MODEL = "demo";
    /** How long the demo waits for the stop signal. */
    static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    @Spec
    private CommandSpec spec;

    @Option(names = "--pace", paramLabel = "MILLIS", defaultValue = "150",
            description = "Pause between blocks of records, in milliseconds (default: ${DEFAULT-VALUE}).")
    private long pace;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the synthetic stream (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws Exception {
        final AutoCloseable quiet = LogLevels.quietIncludingKafka();
        final TempFolder folder = TempFolder.create("online-learner-demo-");
        try {
            final LearnerConfig config = LearnerConfig.parse(properties(folder));
            final OperationsExtension operations = OperationsExtension.create(config, null);
            final LearnerApplication app = LearnerApplication.start(config,
                    new Launch(folder.path().resolve("broker"), 0, operations));
            final ShutdownHook hook = ShutdownHook.register("online-learner-demo-shutdown", () -> {
                app.close();
                folder.close();
            });
            try {
                return run(app, config.topics(), folder, operations.url());
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

    private int stream(final LearnerApplication app, final Topics topics, final PrintWriter out) {
        try (KafkaProducer<String, String> producer = producer(app.bootstrapServers());
                KafkaConsumer<String, String> consumer = consumer(app.bootstrapServers(), topics)) {
            final DemoProgress progress = new DemoProgress(consumer, topics, out);
            final DemoStream stream = new DemoStream(seed);
            final long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
            long timestamp = System.currentTimeMillis();
            long nextBlock = System.nanoTime();
            while (!progress.stopped()) {
                if (System.nanoTime() > deadline || app.failed()) {
                    spec.commandLine().getErr().println(Main.NAME + ": no stop signal within " + TIME_LIMIT.toSeconds()
                            + " s");
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
    private static long send(final KafkaProducer<String, String> producer, final Topics topics,
            final DemoStream.Block block, final long firstTimestamp) {
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

    private static Properties properties(final TempFolder folder) {
        final Properties p = new Properties();
        p.setProperty("application.id", "online-learner-demo");
        p.setProperty("state.dir", folder.path().resolve("streams").toString());
        p.setProperty(LearnerSettings.MODEL_FEATURES.key(), "3");
        p.setProperty(LearnerSettings.ADAM_LR.key(), "0.01");
        p.setProperty(LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), String.valueOf(DemoStream.VALIDATION_PER_BLOCK));
        p.setProperty(LearnerSettings.STOPPING_PATIENCE.key(), "3");
        p.setProperty(LearnerSettings.HTTP_PORT.key(), "0");
        return p;
    }

    private static KafkaProducer<String, String> producer(final String bootstrap) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", "0"),
                new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(final String bootstrap, final Topics topics) {
        final KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "isolation.level", "read_committed", "enable.auto.commit", "false"),
                new StringDeserializer(), new StringDeserializer());
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final String topic : List.of(topics.models(), topics.control())) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
