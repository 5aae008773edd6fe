package io.onlinelearner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.onlinelearner.app.CommandClient;
import io.onlinelearner.config.Decimals;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.serde.JsonCodec;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code model stop|resume|reset|set-lr ID}: sends one command to the {@code commands} topic and
 * prints the event the learner answers with on {@code control}, read committed. Exit 0 when the
 * command was applied, 1 when the learner ignored it or no answer came in time.
 */
@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        description = {
            "Send one command to one model and print the learner's answer.",
            "ACTION is stop, resume, reset or set-lr. The event comes from the control topic, read committed."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the command was applied",
            "1:the learner ignored it (IGNORED), or no event came in time",
            "2:bad option or configuration",
            "130:stopped by Ctrl-C (the command may have been written: it then applies all the same)",
            "143:stopped by SIGTERM (likewise)"
        })
final class ModelCommand implements Callable<Integer> {

    /** The actions, as typed on the command line. */
    enum Action {
        STOP,
        RESUME,
        RESET,
        SET_LR
    }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "stop, resume, reset or set-lr.")
    private String action;

    @Parameters(index = "1", paramLabel = "ID", description = "The model id (the records' key).")
    private String model;

    @Option(
            names = "--from",
            paramLabel = "best|last",
            description = "With resume: from the best snapshot "
                    + "(a warm restart, the default) or from the state at the stop.")
    private String from;

    @Option(
            names = "--lr",
            paramLabel = "X",
            converter = DecimalConverter.class,
            description = "With set-lr: the new learning rate, a decimal number (0.001, 1e-3), finite and > 0.")
    private Double lr;

    @Mixin
    private ClusterOptions cluster;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "How long to wait for the learner's answer (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        final byte[] json = commandJson(parseAction());
        final LearnerConfig parsed = cluster.config();
        final Properties client = cluster.client(parsed);
        final Optional<JsonNode> event;
        final Thread stopped = new Thread(() -> spec.commandLine()
                .getErr()
                .println(Main.NAME + ": stopped before the learner answered; if the command was written to "
                        + parsed.topics().commands() + ", it applies when the model's instance reads it: check "
                        + "GET /models/" + model + " before sending it again"));
        Runtime.getRuntime().addShutdownHook(stopped);
        try (AutoCloseable quiet = LogLevels.kafkaErrorsOnly();
                CommandClient commands = new CommandClient(
                        client, parsed.topics().commands(), parsed.topics().control())) {
            event = commands.send(model, json, Duration.ofSeconds(timeoutSeconds));
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopped);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping: the hook has run or runs now
            }
        }
        final PrintWriter out = spec.commandLine().getOut();
        if (event.isEmpty()) {
            spec.commandLine()
                    .getErr()
                    .println(Main.NAME + ": no answer for model '" + model + "' on "
                            + parsed.topics().control() + " within " + timeoutSeconds + " s (is the learner running?); "
                            + "the command was written to " + parsed.topics().commands()
                            + " and applies when the model's instance reads it: check GET /models/" + model
                            + " before sending it again");
            return Main.FAILURE;
        }
        out.println(new String(JsonCodec.write(g -> g.writeTree(event.get())), StandardCharsets.UTF_8));
        return "IGNORED".equals(event.get().path("event").asText()) ? Main.FAILURE : Main.OK;
    }

    private Action parseAction() {
        final Action parsed;
        try {
            parsed = Action.valueOf(action.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw usage("unknown action '" + action + "': use stop, resume, reset or set-lr");
        }
        if (from != null && parsed != Action.RESUME) {
            throw usage("--from goes with resume only");
        }
        if (from != null && !"best".equals(from) && !"last".equals(from)) {
            throw usage("--from must be best or last, not '" + from + "'");
        }
        if (parsed == Action.SET_LR && (lr == null || !(lr > 0.0) || lr.isInfinite())) {
            throw usage("set-lr needs --lr X with X finite and > 0" + (lr == null ? "" : ", not " + lr));
        }
        if (lr != null && parsed != Action.SET_LR) {
            throw usage("--lr goes with set-lr only");
        }
        if (timeoutSeconds < 1) {
            throw usage("--timeout must be at least 1 second, not " + timeoutSeconds);
        }
        return parsed;
    }

    /** The command's record value, e.g. {@code {"command":"resume","from":"best"}}. */
    private byte[] commandJson(final Action parsed) {
        return JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeStringField("command", parsed.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            if (parsed == Action.RESUME) {
                g.writeStringField("from", from == null ? "best" : from);
            } else if (parsed == Action.SET_LR) {
                g.writeNumberField("lr", lr);
            }
            g.writeEndObject();
        });
    }

    private ParameterException usage(final String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * Reads {@code --lr} as settings read numbers ({@link Decimals}), so that Java's other spellings
     * ({@code 0x1p-3}, {@code 1e-3f}) are refused here too; {@code NaN} and {@code Infinity} are
     * read, to be refused as not finite.
     */
    static final class DecimalConverter implements ITypeConverter<Double> {
        private static final Set<String> NOT_FINITE = Set.of("NaN", "Infinity", "+Infinity", "-Infinity");

        @Override
        public Double convert(final String value) {
            if (NOT_FINITE.contains(value)) {
                return Double.parseDouble(value);
            }
            final double parsed = Decimals.parse(value);
            if (Double.isNaN(parsed)) {
                throw new TypeConversionException("'" + value + "' is not a decimal number such as 0.001 or 1e-3");
            }
            return parsed;
        }
    }
}
