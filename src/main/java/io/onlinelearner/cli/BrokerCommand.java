package io.onlinelearner.cli;

import io.onlinelearner.app.BrokerLauncher;
import io.onlinelearner.app.Launch;
import io.onlinelearner.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code broker}: only the embedded single-node Kafka broker, until Ctrl-C or SIGTERM. */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = {
            "Run only the embedded single-node Kafka broker (KRaft) until Ctrl-C or SIGTERM.",
            "For development, and for several learner instances sharing one broker "
                    + "(run them with bootstrap.servers=localhost:PORT)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "130:stopped by Ctrl-C, after closing the broker",
            "143:stopped by SIGTERM, after closing the broker",
            "1:the broker failed",
            "2:bad option, or the port is in use"
        })
final class BrokerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            defaultValue = Launch.DEFAULT_DATA_DIR_NAME,
            description = "The folder for the broker's data, kept across restarts (default: ${DEFAULT-VALUE}).")
    private Path data;

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "" + EmbeddedKafkaBroker.DEFAULT_PORT,
            description = "The client port on localhost (default: ${DEFAULT-VALUE}).")
    private int port;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 1 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be in [1, 65535], not " + port);
        }
        final EmbeddedKafkaBroker broker = BrokerLauncher.start(data, port);
        final CountDownLatch stopped = new CountDownLatch(1);
        ShutdownHook.register("online-learner-broker-shutdown", () -> {
            broker.close();
            stopped.countDown();
        });
        spec.commandLine()
                .getOut()
                .println("Kafka broker on " + broker.bootstrapServers() + ", data in " + data.toAbsolutePath()
                        + ". Ctrl-C to stop.");
        stopped.await();
        return Main.OK;
    }
}
