package io.onlinelearner.eos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every exactly-once integration test shares: one real broker per class in a temporary
 * folder, and the child learner JVMs and the producer of each test, always stopped afterwards,
 * even when the test fails.
 */
abstract class EosTestBase {

    @TempDir
    static Path dir;

    static KafkaHarness kafka;

    final List<LearnerChild> children = new ArrayList<>();
    PacedProducer producer;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = KafkaHarness.start(dir.resolve("broker"));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    @AfterEach
    void stopEverything() {
        children.forEach(LearnerChild::close);
        if (producer != null) {
            producer.close();
        }
    }

    /** Keeps {@code child} to be stopped after the test, and returns it. */
    LearnerChild track(final LearnerChild child) {
        children.add(child);
        return child;
    }
}
