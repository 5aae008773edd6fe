package io.onlinelearner.eos;

import io.onlinelearner.cli.RunProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every exactly-once integration test shares: a temporary folder, and the {@code run} child
 * JVMs and the producer of each test, always stopped afterwards, even when the test fails. The
 * broker comes from each test's {@link io.onlinelearner.broker.KafkaBrokerExtension}.
 */
abstract class EosTestBase {

    @TempDir
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

    /** Starts {@code run} in a child JVM with this config file, to be stopped after the test. */
    RunProcess startRun(final String name, final Map<String, String> config) {
        final RunProcess child = RunProcess.start(name, dir, config);
        children.add(child);
        return child;
    }
}
