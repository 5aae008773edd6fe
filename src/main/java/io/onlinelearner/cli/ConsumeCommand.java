package io.onlinelearner.cli;

import io.onlinelearner.app.TopicReader;
import io.onlinelearner.config.LearnerConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code consume}: prints the records of one of the learner's topics as JSON lines (committed
 * records only), so that predictions, control events, snapshots and dead letters with their
 * reasons can be seen on the embedded broker without Kafka's tools.
 */
@Command(
        name = "consume",
        mixinStandardHelpOptions = true,
        description = {
            "Print a topic's committed records from its start, one JSON line each: topic, partition, offset, "
                    + "timestamp, key, value (JSON as JSON, else text, else valueBase64) and headers; then stop at "
                    + "the end the topic had when it began (or keep reading with --follow).",
            "E.g. online-learner consume --topic dead-letters"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the records were printed",
            "1:Kafka did not answer, or the topic does not exist",
            "2:bad option or configuration",
            "130:stopped by Ctrl-C (with --follow), after printing the count",
            "143:stopped by SIGTERM, likewise"
        })
final class ConsumeCommand implements Callable<Integer> {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--topic",
            paramLabel = "NAME",
            description = "The topic (default: the predictions topic, learner.topic.predictions).")
    private String topic;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    private Long max;

    @Option(names = "--follow", description = "Keep reading new records until Ctrl-C.")
    private boolean follow;

    private static void awaitQuietly(final CountDownLatch printed) {
        try {
            printed.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (max != null && max < 1) {
            throw new ParameterException(spec.commandLine(), "--max must be >= 1, not " + max);
        }
        final LearnerConfig parsed = cluster.config();
        final Properties client = cluster.client(parsed);
        final String source = topic == null ? parsed.topics().predictions() : topic;
        final PrintWriter out = spec.commandLine().getOut();
        final CountDownLatch printed = new CountDownLatch(1);
        try (AutoCloseable quiet = LogLevels.kafkaErrorsOnly();
                TopicReader reader = new TopicReader(client);
                ShutdownHook hook = ShutdownHook.register("online-learner-consume-stop", () -> {
                    reader.stop();
                    awaitQuietly(printed);
                })) {
            final long read = reader.read(source, max == null ? Long.MAX_VALUE : max, follow, out, TIMEOUT);
            spec.commandLine()
                    .getErr()
                    .println(Main.NAME + ": read " + read + (read == 1 ? " record from " : " records from ") + source);
            printed.countDown();
        }
        return Main.OK;
    }
}
