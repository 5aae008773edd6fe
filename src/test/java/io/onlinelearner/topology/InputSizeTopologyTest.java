package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.model.AvroEncoding;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code learner.input.max-bytes} through the topology: every input takes a value of exactly the
 * bound, unknown fields included, and sends one byte more to dead letters as {@code too-large},
 * unchanged and changing no state.
 */
class InputSizeTopologyTest {

    private static final int BOUND = 2048;
    private static final byte[] KEY = "m".getBytes(StandardCharsets.UTF_8);

    private static LearnerDriver driver(final String format) {
        return new LearnerDriver(
                Map.of(
                        LearnerSettings.INPUT_MAX_BYTES.key(),
                        String.valueOf(BOUND),
                        LearnerSettings.INPUT_FORMAT.key(),
                        format,
                        LearnerSettings.STOPPING_VALIDATION_WINDOW.key(),
                        "1"),
                LearnerListener.NONE);
    }

    /** {@code object} with an unknown string field added so that it has exactly {@code length} bytes. */
    private static byte[] padded(final String object, final int length) {
        final String open = object.substring(0, object.length() - 1) + ",\"pad\":\"";
        return (open + "a".repeat(length - open.length() - 2) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String header(final TestRecord<byte[], byte[]> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void assertTooLarge(final LearnerDriver driver, final Source source, final byte[] value) {
        final TestRecord<byte[], byte[]> letter = driver.deadLetters().readRecord();
        assertThat(letter.key()).isEqualTo(KEY);
        assertThat(letter.value()).isEqualTo(value);
        assertThat(header(letter, DeadLetters.REASON)).isEqualTo("too-large");
        assertThat(header(letter, DeadLetters.TOPIC))
                .isEqualTo(source.topic(LearnerConfig.defaults().topics()));
        assertThat(header(letter, DeadLetters.MESSAGE))
                .isEqualTo("the value has " + value.length + " bytes, more than learner.input.max-bytes = " + BOUND);
    }

    @Test
    void shouldTakeJsonValuesOfEveryInputAtTheBoundAndDeadLetterOneByteMore() {
        try (LearnerDriver driver = driver("json")) {
            driver.pipe(Source.TRAIN, KEY, padded("{\"x\":[1,2],\"y\":3}", BOUND));
            driver.pipe(Source.VALIDATION, KEY, padded("{\"x\":[1,2],\"y\":3}", BOUND));
            driver.pipe(Source.PREDICT, KEY, padded("{\"x\":[1,2],\"id\":1}", BOUND));
            driver.pipe(Source.COMMANDS, KEY, padded("{\"command\":\"set-lr\",\"lr\":0.5}", BOUND));
            assertThat(driver.deadLetters().isEmpty()).isTrue();
            assertThat(driver.state("m").updates()).isEqualTo(1);
            assertThat(driver.state("m").lr()).isEqualTo(0.5);
            assertThat(driver.models()).hasSize(1);
            assertThat(driver.predictions()).hasSize(1);
            assertThat(driver.control()).hasSize(1);

            final Map<Source, byte[]> over = Map.of(
                    Source.TRAIN, padded("{\"x\":[1,2],\"y\":3}", BOUND + 1),
                    Source.VALIDATION, padded("{\"x\":[1,2],\"y\":3}", BOUND + 1),
                    Source.PREDICT, padded("{\"x\":[1,2],\"id\":1}", BOUND + 1),
                    Source.COMMANDS, padded("{\"command\":\"reset\"}", BOUND + 1));
            for (final Source source : over.keySet()) {
                driver.pipe(source, KEY, over.get(source));
                assertTooLarge(driver, source, over.get(source));
            }
            assertThat(driver.state("m").updates()).isEqualTo(1);
            assertThat(driver.models()).isEmpty();
            assertThat(driver.predictions()).isEmpty();
            assertThat(driver.control()).isEmpty();
        }
    }

    @Test
    void shouldBoundAvroValuesAlike() {
        try (LearnerDriver driver = driver("avro")) {
            final String id = "r".repeat(BOUND);
            final byte[] train = AvroEncoding.encodeExample(new double[BOUND / 8], 1.0);
            final byte[] predict = AvroEncoding.encodePredict(new double[] {1.0}, id);
            assertThat(train.length).isGreaterThan(BOUND);
            driver.pipe(Source.TRAIN, KEY, train);
            assertTooLarge(driver, Source.TRAIN, train);
            driver.pipe(Source.PREDICT, KEY, predict);
            assertTooLarge(driver, Source.PREDICT, predict);
            driver.pipe(Source.TRAIN, KEY, AvroEncoding.encodeExample(new double[] {1.0}, 1.0));
            driver.pipe(Source.PREDICT, KEY, AvroEncoding.encodePredict(new double[] {1.0}, id.substring(0, 2000)));
            assertThat(driver.deadLetters().isEmpty()).isTrue();
            assertThat(driver.state("m").updates()).isEqualTo(1);
            assertThat(driver.predictions()).hasSize(1);
        }
    }

    @Test
    void shouldTakeARecordWhoseUnknownFieldIsFarLongerThanItsFeaturesUnderTheDefaultBound() {
        try (LearnerDriver driver =
                new LearnerDriver(Map.of(LearnerSettings.MODEL_MAX_FEATURES.key(), "4"), LearnerListener.NONE)) {
            driver.pipe(Source.TRAIN, KEY, padded("{\"x\":[1,2],\"y\":3}", 100_000));
            driver.pipe(Source.COMMANDS, KEY, padded("{\"command\":\"stop\"}", 100_000));
            assertThat(driver.deadLetters().isEmpty()).isTrue();
            assertThat(driver.state("m").updates()).isEqualTo(1);
            assertThat(driver.control()).hasSize(1);
        }
    }
}
