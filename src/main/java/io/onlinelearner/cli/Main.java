package io.onlinelearner.cli;

import io.onlinelearner.app.StartupRefusedException;
import io.onlinelearner.config.ConfigException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line: {@code run}, {@code demo} and {@code broker}. Exit codes: {@value #OK} when all
 * went well, {@value #FAILURE} for a failure at run time, {@value #USAGE} for a usage or
 * configuration error (the learner's, or one Kafka rejects), or topics the learner refuses to use. Every error is printed as one line on standard error, without a stack trace.
 */
@Command(
        name = Main.NAME,
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A Kafka Streams application that learns a linear model with Adam, one update per record, "
                + "and stops early when the validation loss stops improving.",
        subcommands = {
            RunCommand.class,
            DemoCommand.class,
            BrokerCommand.class,
            ModelCommand.class,
            ProduceCommand.class,
            ConsumeCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:failure at run time",
            "2:usage or configuration error",
            "130:stopped by Ctrl-C, after closing",
            "143:stopped by SIGTERM, after closing"
        })
public final class Main implements Callable<Integer> {

    /** The program's name, as in {@code java -jar online-learner.jar}. */
    public static final String NAME = "online-learner";
    /** Success. */
    public static final int OK = 0;
    /** A failure at run time. */
    public static final int FAILURE = 1;
    /** A usage or configuration error. */
    public static final int USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    private static final String COMMANDS = "run, demo, broker, model, produce, consume or bench";

    @Spec
    private CommandSpec spec;

    /** Runs the command line and exits with its exit code. */
    public static void main(final String[] args) {
        final PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        final PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(commandLine(out, err).execute(args));
    }

    /** The command line writing to {@code out} and {@code err}, with this program's error handling. */
    public static CommandLine commandLine(final PrintWriter out, final PrintWriter err) {
        final CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> onException(e, cl));
        commandLine.setParameterExceptionHandler(Main::onUsageError);
        return commandLine;
    }

    /** With no command: a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a command is required: " + COMMANDS);
    }

    private static int onException(final Exception e, final CommandLine commandLine) {
        final PrintWriter err = commandLine.getErr();
        if (e instanceof ConfigException
                || e instanceof StartupRefusedException
                || e instanceof org.apache.kafka.common.config.ConfigException) {
            err.println(NAME + ": " + e.getMessage());
            return USAGE;
        }
        final Throwable kafkaConfig = kafkaConfigCause(e);
        if (kafkaConfig != null) {
            err.println(NAME + ": invalid configuration: " + kafkaConfig.getMessage());
            return USAGE;
        }
        LOG.debug("Failure", e);
        err.println(NAME + ": " + oneLine(e));
        return FAILURE;
    }

    private static int onUsageError(final ParameterException e, final String[] args) {
        final CommandLine commandLine = e.getCommandLine();
        final boolean unknownCommand = commandLine.getParent() == null
                && e instanceof UnmatchedArgumentException
                && args.length > 0
                && !args[0].startsWith("-");
        final String message = unknownCommand ? "unknown command '" + args[0] + "': " + COMMANDS : e.getMessage();
        commandLine
                .getErr()
                .println(NAME + ": " + message + " (see '"
                        + commandLine.getCommandSpec().qualifiedName() + " --help')");
        return USAGE;
    }

    /**
     * A Kafka client's refusal of its configuration (e.g. {@code Invalid url in bootstrap.servers: …})
     * among {@code e}'s causes, which Kafka wraps when it builds a client; null when there is none.
     */
    private static Throwable kafkaConfigCause(final Throwable e) {
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof org.apache.kafka.common.config.ConfigException) {
                return cause;
            }
        }
        return null;
    }

    /** The exception and its root cause, as one line. */
    static String oneLine(final Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        final String text = describe(e) + (root == e ? "" : " (caused by " + describe(root) + ")");
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static String describe(final Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The version recorded by Maven in the jar, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws Exception {
            final Properties pom = new Properties();
            try (InputStream in =
                    Main.class.getResourceAsStream("/META-INF/maven/io.onlinelearner/online-learner/pom.properties")) {
                if (in != null) {
                    pom.load(in);
                }
            }
            return new String[] {NAME + " " + pom.getProperty("version", "development")};
        }
    }
}
