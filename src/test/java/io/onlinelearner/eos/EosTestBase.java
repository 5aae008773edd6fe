package io.onlinelearner.eos;

import io.onlinelearner.cli.RunProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every exactly-once integration test shares: a temporary folder, and the {@code run} child
 * JVMs and the producer of each test, always stopped afterwards, even when the test fails. The
 * broker comes from each test's {@link io.onlinelearner.broker.KafkaBrokerExtension}.
 */
abstract class EosTestBase {

    /** Kept when a test fails: the children's config files and output are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    final List<RunProcess> children = new ArrayList<>();
    PacedProducer producer;

    @AfterEach
    void stopEverything() {
        children.forEach(RunProcess::close);
        if (producer != null) {
            producer.close();
        }
    }

    /** Waits until the producer has sent the whole workload, with {@code child}'s output in the failure. */
    void awaitProduced(final RunProcess child) throws InterruptedException, ExecutionException {
        try {
            producer.done().get(120, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "the workload was not produced within 120 s, " + producer.sent() + " sent; " + child.describe(), e);
        }
    }

    /**
     * Starts instance {@code instance} of {@code kafka}'s application: {@code run} with the
     * exactly-once tests' settings ({@link EosSettings#run}), {@code extra} on top, and a state
     * folder of its own under {@link #dir}.
     */
    RunProcess startInstance(final KafkaHarness kafka, final String instance, final Map<String, String> extra) {
        return startRun(
                kafka.appId() + "-" + instance + "-run",
                EosSettings.run(
                        kafka.bootstrap(),
                        kafka.appId(),
                        kafka.topics(),
                        dir.resolve(kafka.appId() + "-" + instance),
                        extra));
    }

    /** Starts {@code run} in a child JVM with this config file, to be stopped after the test. */
    RunProcess startRun(final String name, final Map<String, String> config) {
        final RunProcess child = RunProcess.start(name, dir, config);
        children.add(child);
        return child;
    }
}
