package io.onlinelearner.cli;

import io.onlinelearner.app.Launch;
import io.onlinelearner.app.LearnerApplication;
import io.onlinelearner.app.OperationsExtension;
import io.onlinelearner.broker.EmbeddedKafkaBroker;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code run}: the learner, until Ctrl-C or SIGTERM. With no {@code bootstrap.servers} it starts an
 * embedded broker on {@code localhost:9092} with its data under {@code data/}.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run the learner until Ctrl-C or SIGTERM.",
            "With no bootstrap.servers configured, an embedded single-node Kafka broker is started first on "
                    + "localhost:9092, with its data under data/. Missing topics are created unless "
                    + "topic creation is off (learner.topic.create=false)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "130:stopped by Ctrl-C, after closing (a close that takes over 30 s is logged and given up)",
            "143:stopped by SIGTERM, after closing likewise",
            "1:Kafka Streams failed, or Kafka is unreachable",
            "2:bad configuration, unreadable config file, or topics not usable (e.g. not co-partitioned)"
        })
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "A properties file (default: config/learner.properties if present, else built-in defaults).")
    private Path config;

    @Option(
            names = {"-q", "--quiet"},
            description = "Print only warnings and errors.")
    private boolean quiet;

    @Option(
            names = "--http-port",
            paramLabel = "N",
            description = "The port of the HTTP API, live page and metrics: learner.http.port, which it overrides.")
    private Integer httpPort;

    @Option(
            names = "--broker-port",
            paramLabel = "N",
            defaultValue = "" + EmbeddedKafkaBroker.DEFAULT_PORT,
            description = "The embedded broker's port when no bootstrap.servers is configured "
                    + "(default: ${DEFAULT-VALUE}; 0: any free port).")
    private int brokerPort;

    @Override
    public Integer call() throws Exception {
        if (brokerPort < 0 || brokerPort > 65_535) {
            throw new ParameterException(spec.commandLine(), "--broker-port must be in [0, 65535], not " + brokerPort);
        }
        if (quiet) {
            LogLevels.quiet();
        }
        final Properties properties = withHttpPort(ConfigFiles.load(config));
        final LearnerConfig parsed = LearnerConfig.parse(properties);
        LOG.info("Learner configuration: {}", LearnerSettings.effective(properties));
        final OperationsExtension operations = OperationsExtension.create(parsed, quiet ? null : System.out);
        final LearnerApplication app =
                LearnerApplication.start(parsed, new Launch(Launch.DEFAULT_DATA_DIR, brokerPort, operations));
        final ShutdownHook hook = ShutdownHook.register("online-learner-shutdown", app::close);
        final PrintWriter out = spec.commandLine().getOut();
        if (!quiet) {
            out.println(Main.NAME + " running: Kafka at " + app.bootstrapServers() + ", application.id "
                    + parsed.streams().getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + ", reading "
                    + String.join(", ", parsed.topics().inputs(parsed.labels().enabled()))
                    + "; live page, API and metrics at " + operations.url()
                    + ". Ctrl-C to stop.");
        }
        app.awaitTermination();
        final boolean failed = app.failed();
        hook.close();
        app.close();
        if (failed) {
            spec.commandLine()
                    .getErr()
                    .println(Main.NAME + ": Kafka Streams stopped after an unrecoverable error "
                            + "(see the log above)");
            return Main.FAILURE;
        }
        return Main.OK;
    }

    /**
     * The file's settings with {@code --http-port} in place of {@code learner.http.port}, when
     * given. The file's own value is checked first, so that a bad one is refused even where the
     * option replaces it.
     */
    private Properties withHttpPort(final Properties file) {
        if (httpPort != null) {
            LearnerSettings.HTTP_PORT.read(file);
            file.setProperty(LearnerSettings.HTTP_PORT.key(), Integer.toString(httpPort));
        }
        return file;
    }
}
