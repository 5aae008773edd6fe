package io.onlinelearner.cli;

import io.onlinelearner.app.LineProducer;
import io.onlinelearner.config.LearnerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code produce}: writes {@code KEY:VALUE} lines from standard input (or a file) to one of the
 * learner's topics, so that {@code run} on the embedded broker can be fed without Kafka's tools.
 */
@Command(
        name = "produce",
        mixinStandardHelpOptions = true,
        description = {
            "Write records to a topic, one a line of standard input (or --file): KEY:VALUE, split at the first "
                    + "separator; an empty key is the model default, sent as the key default.",
            "E.g. echo 'm1:{\"x\": [1.0, 2.0], \"y\": 3.0}' | online-learner produce"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every record was acknowledged",
            "1:Kafka did not answer, the topic does not exist, or a record was refused",
            "2:bad option or configuration, or a line without the separator (the lines before it are sent)"
        })
final class ProduceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--topic",
            paramLabel = "NAME",
            description = "The topic (default: the training topic, learner.topic.train).")
    private String topic;

    @Mixin
    private ClusterOptions cluster;

    @Option(
            names = "--separator",
            paramLabel = "S",
            defaultValue = ":",
            description = "What separates the key from the value (default: ${DEFAULT-VALUE}).")
    private String separator;

    @Option(names = "--file", paramLabel = "FILE", description = "Read the lines from FILE instead of standard input.")
    private Path file;

    @Override
    public Integer call() throws Exception {
        if (separator.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--separator must not be empty");
        }
        final LearnerConfig parsed = cluster.config();
        final Properties client = cluster.client(parsed);
        final String target = topic == null ? parsed.topics().train() : topic;
        final long sent;
        try (BufferedReader lines = open();
                AutoCloseable quiet = LogLevels.kafkaErrorsOnly();
                LineProducer producer = new LineProducer(client)) {
            sent = producer.send(target, lines, separator);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        spec.commandLine()
                .getOut()
                .println(Main.NAME + ": sent " + sent + (sent == 1 ? " record to " : " records to ") + target);
        return Main.OK;
    }

    /** Standard input, or {@code --file}; a file that cannot be opened is a usage error naming it. */
    private BufferedReader open() {
        if (file == null) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        try {
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw unreadable("no such file");
        } catch (AccessDeniedException e) {
            throw unreadable("permission denied");
        } catch (IOException e) {
            throw unreadable(e.getMessage());
        }
    }

    private ParameterException unreadable(final String reason) {
        return new ParameterException(spec.commandLine(), "cannot read --file " + file + ": " + reason);
    }
}
