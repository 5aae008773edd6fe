package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.onlinelearner.config.LearnerSettings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class MisroutingDetectorTest {

    private static final int PARTITIONS = 4;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(MisroutingDetector.class);
    private final MisroutingDetector detector =
            new MisroutingDetector(Map.of("train", PARTITIONS, "validation", PARTITIONS));

    @BeforeEach
    void attach() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(log);
    }

    @Test
    void shouldComputeThePartitionThatKafkasJavaProducerChooses() {
        IntStream.range(0, 500).mapToObj(i -> key("model-" + i)).forEach(key -> {
            for (final int count : new int[] {1, 2, 3, 4, 7, 12}) {
                assertThat(MisroutingDetector.partitionOf(key, count))
                        .isEqualTo(BuiltInPartitioner.partitionForKey(key, count));
            }
        });
    }

    @Test
    void shouldAcceptEveryRecordInMurmur2sPartition() {
        for (int i = 0; i < 100; i++) {
            final byte[] key = key("m" + i);
            assertThat(detector.check(
                            Source.TRAIN, new Origin("train", MisroutingDetector.partitionOf(key, PARTITIONS), i), key))
                    .isFalse();
        }
        assertThat(log.list).isEmpty();
    }

    @Test
    void shouldCountEveryRecordInCrc32sPartitionAndWarnOncePerTopicNamingKeyAndFix() {
        final byte[] key = misroutedKey();
        final int crc = Crc32Partitioner.partitionOf(key, PARTITIONS);
        assertThat(detector.check(Source.TRAIN, new Origin("train", crc, 0), key))
                .isTrue();
        assertThat(detector.check(Source.TRAIN, new Origin("train", crc, 1), key))
                .isTrue();
        assertThat(detector.check(Source.VALIDATION, new Origin("validation", crc, 0), key))
                .isTrue();
        assertThat(log.list).hasSize(2).allSatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage())
                    .contains(
                            "'" + new String(key, StandardCharsets.UTF_8) + "'",
                            LearnerSettings.INPUT_REPARTITION.key() + "=true",
                            "partitioner=murmur2_random");
        });
        assertThat(log.list.get(0).getFormattedMessage()).contains("topic 'train'");
        assertThat(log.list.get(1).getFormattedMessage()).contains("topic 'validation'");
    }

    @Test
    void shouldCountNullAndEmptyKeysOutsideThePartitionOfTheModelDefaultAndWarnOnceWithTheFix() {
        final int home = MisroutingDetector.partitionOf(key(Names.DEFAULT_MODEL), PARTITIONS);
        final int away = (home + 1) % PARTITIONS;
        assertThat(detector.check(Source.TRAIN, new Origin("train", home, 0), null))
                .isFalse();
        assertThat(detector.check(Source.TRAIN, new Origin("train", home, 1), new byte[0]))
                .isFalse();
        assertThat(log.list).isEmpty();
        assertThat(detector.check(Source.TRAIN, new Origin("train", away, 2), null))
                .isTrue();
        assertThat(detector.check(Source.TRAIN, new Origin("train", away, 3), new byte[0]))
                .isTrue();
        assertThat(log.list)
                .singleElement()
                .satisfies(event -> assertThat(event.getFormattedMessage())
                        .contains(
                                "null or empty key is in partition " + away + " of topic 'train'",
                                "model 'default'",
                                "partition " + home + " of " + PARTITIONS,
                                "key the records 'default'",
                                LearnerSettings.INPUT_REPARTITION.key() + "=true"));
        final byte[] key = misroutedKey();
        final int crc = Crc32Partitioner.partitionOf(key, PARTITIONS);
        assertThat(detector.check(Source.TRAIN, new Origin("train", crc, 4), key))
                .isTrue();
        assertThat(log.list)
                .as("one warning per topic, whichever kind of record came first: a keyed one after it is only counted")
                .hasSize(1);
        assertThat(detector.check(Source.VALIDATION, new Origin("validation", crc, 0), key))
                .isTrue();
        assertThat(log.list).hasSize(2);
        assertThat(log.list.get(1).getFormattedMessage()).contains("topic 'validation'", "partitioner=murmur2_random");
        assertThat(new MisroutingDetector(Map.of("train", 1)).check(Source.TRAIN, new Origin("train", 0, 0), null))
                .as("one partition")
                .isFalse();
    }

    @Test
    void shouldNeverFlagUnknownTopicsOrUnknownOrigins() {
        final byte[] key = misroutedKey();
        final int crc = Crc32Partitioner.partitionOf(key, PARTITIONS);
        assertThat(detector.check(Source.TRAIN, new Origin("other", crc, 0), key))
                .isFalse();
        assertThat(detector.check(Source.TRAIN, null, key)).isFalse();
        assertThat(MisroutingDetector.off().check(Source.TRAIN, new Origin("train", crc, 0), key))
                .isFalse();
    }

    /** A key that CRC32 and murmur2 put in different partitions. */
    private static byte[] misroutedKey() {
        return IntStream.range(0, 100)
                .mapToObj(i -> key("m" + i))
                .filter(key -> Crc32Partitioner.partitionOf(key, PARTITIONS)
                        != MisroutingDetector.partitionOf(key, PARTITIONS))
                .findFirst()
                .orElseThrow();
    }

    private static byte[] key(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
