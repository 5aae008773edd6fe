package io.onlinelearner.cli;

import io.onlinelearner.broker.EmbeddedKafkaBroker;
import io.onlinelearner.config.LearnerConfig;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of a command that talks to the learner's cluster as a client ({@code model},
 * {@code produce}): the learner's configuration file, whose {@code bootstrap.servers}, security
 * keys and topic names it uses, and, without {@code bootstrap.servers}, the port of the broker that
 * {@code run} embeds.
 */
final class ClusterOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "A properties file (default: config/learner.properties if present); its topic names and its "
                    + "Kafka client keys (bootstrap.servers, security, producer and consumer settings) are used. Without bootstrap.servers: localhost:--broker-port, "
                    + "the broker of `run`.")
    private Path config;

    @Option(
            names = "--broker-port",
            paramLabel = "N",
            defaultValue = "" + EmbeddedKafkaBroker.DEFAULT_PORT,
            description = "The port of the broker that run embeds, used when no bootstrap.servers is configured: "
                    + "the one given to run --broker-port (default: ${DEFAULT-VALUE}).")
    private int brokerPort;

    /** The learner's configuration, read once. */
    LearnerConfig config() {
        if (brokerPort < 1 || brokerPort > 65_535) {
            throw new ParameterException(spec.commandLine(), "--broker-port must be in [1, 65535], not " + brokerPort);
        }
        return LearnerConfig.parse(ConfigFiles.load(config));
    }

    /** The client properties for {@code parsed}'s cluster, or for the embedded broker's when it names none. */
    Properties client(final LearnerConfig parsed) {
        return parsed.hasBootstrapServers() ? parsed.streams() : parsed.streamsWithBootstrap("localhost:" + brokerPort);
    }
}
