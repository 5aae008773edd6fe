package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Position;
import io.onlinelearner.serde.ModelStateSerde;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every class of bad record goes to the dead-letter topic, unchanged, with its reason, and changes no state. */
class DeadLetterTest {

    private static final String GOOD = "{\"x\": [1, 2], \"y\": 1}";
    private final ModelStateSerde serde = new ModelStateSerde(
            io.onlinelearner.config.LearnerConfig.defaults().adam().learningRate());

    private static Properties props(final String loss) {
        final Properties p = new Properties();
        p.setProperty(LearnerSettings.MODEL_LOSS.key(), loss);
        p.setProperty(LearnerSettings.MODEL_MAX_FEATURES.key(), "3");
        p.setProperty(LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), "2");
        return p;
    }

    private static String header(final Headers headers, final String name) {
        final Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Keys that differ only in bytes that are not UTF-8 would otherwise share the model of their U+FFFD spelling. */
    @ParameterizedTest
    @EnumSource(
            value = Source.class,
            names = {"TRAIN", "VALIDATION", "PREDICT", "COMMANDS"})
    void shouldDeadLetterARecordWhoseKeyIsNotUtf8AndChangeNoState(final Source source) {
        try (LearnerDriver driver = new LearnerDriver(props("squared"))) {
            driver.train("\uFFFDA", GOOD);
            final byte[] before = serde.serialize("", driver.store().get("\uFFFDA"));
            final byte[] value = source == Source.COMMANDS
                    ? "{\"command\": \"reset\"}".getBytes(StandardCharsets.UTF_8)
                    : GOOD.getBytes(StandardCharsets.UTF_8);

            driver.pipe(source, new byte[] {(byte) 0xFF, 'A'}, value);

            final TestRecord<byte[], byte[]> letter = driver.deadLetters().readRecord();
            assertThat(letter.key()).containsExactly(0xFF, 'A');
            assertThat(header(letter.headers(), DeadLetters.REASON)).isEqualTo("bad-key");
            assertThat(header(letter.headers(), DeadLetters.MESSAGE))
                    .isEqualTo("the key is not well-formed UTF-8 (at byte 0)");
            assertThat(driver.deadLetters().isEmpty()).isTrue();
            assertThat(serde.serialize("", driver.store().get("\uFFFDA"))).isEqualTo(before);
            assertThat(driver.control().isEmpty() && driver.predictions().isEmpty())
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "squared  | NULL                                  | null-value",
                "squared  | not json                              | not-json",
                "squared  | [1, 2]                                | not-an-object",
                "squared  | {\"y\": 1}                            | missing-x",
                "squared  | {\"x\": [1, 2]}                       | missing-y",
                "squared  | {\"x\": [1, \"2\"], \"y\": 1}         | not-numeric",
                "squared  | {\"x\": [1, NaN], \"y\": 1}           | not-finite",
                "squared  | {\"x\": [1, 2], \"y\": -Infinity}     | not-finite",
                "squared  | {\"x\": [], \"y\": 1}                 | no-features",
                "squared  | {\"x\": [1, 2, 3], \"y\": 1}          | wrong-dimension",
                "squared  | {\"x\": [1, 2, 3, 4], \"y\": 1}       | too-many-features",
                "logistic | {\"x\": [1, 2], \"y\": 0.5}          | invalid-label",
                "squared  | {\"x\": [1e300, 1e300], \"y\": -1e300} | non-finite-update",
            })
    void shouldDeadLetterTheRecordWithItsReasonAndChangeNoState(
            final String loss, final String value, final String reason) {
        final boolean updatesOnly = "non-finite-update".equals(reason);
        for (final boolean toTrain : updatesOnly ? new boolean[] {true} : new boolean[] {true, false}) {
            try (LearnerDriver driver = new LearnerDriver(props(loss))) {
                driver.train("m", GOOD);
                driver.validate("m", GOOD);
                final byte[] before = serde.serialize("", driver.store().get("m"));

                final byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
                driver.pipe(toTrain, "m".getBytes(StandardCharsets.UTF_8), bytes);

                final TestRecord<byte[], byte[]> letter = driver.deadLetters().readRecord();
                assertThat(letter.key()).isEqualTo("m".getBytes(StandardCharsets.UTF_8));
                assertThat(letter.value()).isEqualTo(bytes);
                assertThat(header(letter.headers(), DeadLetters.REASON)).isEqualTo(reason);
                assertThat(header(letter.headers(), DeadLetters.TOPIC)).isEqualTo(toTrain ? "train" : "validation");
                assertThat(header(letter.headers(), DeadLetters.PARTITION)).isEqualTo("0");
                assertThat(header(letter.headers(), DeadLetters.OFFSET)).isEqualTo("1");
                assertThat(header(letter.headers(), DeadLetters.MESSAGE)).isNotBlank();
                assertThat(header(letter.headers(), DeadLetters.EXCEPTION))
                        .isEqualTo("io.onlinelearner.model.RecordRejectedException");
                assertThat(driver.deadLetters().isEmpty()).isTrue();
                assertThat(serde.serialize("", driver.store().get("m"))).isEqualTo(before);
                assertThat(driver.models()).isEmpty();
                if (updatesOnly) {
                    assertNextStepTrainsFromTheStoredState(driver, serde.deserialize("", before));
                }
            }
        }
    }

    /**
     * The processor writes a step over the arrays of the state it holds in memory; after a
     * rejected step it must read the model again from the store, whose state was never written.
     */
    private static void assertNextStepTrainsFromTheStoredState(final LearnerDriver driver, final ModelState stored) {
        driver.train("m", GOOD);
        final ModelState expected = new Learner(
                        LearnerConfig.parse(props("squared")).learnerSpec())
                .train(stored, new Example(new double[] {1.0, 2.0}, 1.0), Position.train(0, 2L))
                .state();
        assertThat(driver.store().get("m")).isEqualTo(expected);
    }

    @Test
    void shouldKeepTheInputHeadersAndGoOnWithTheNextRecord() {
        try (LearnerDriver driver = new LearnerDriver(props("squared"))) {
            driver.train("m", "oops");
            driver.train("m", GOOD);
            final ModelState state = driver.store().get("m");
            assertThat(state.updates()).isEqualTo(1);
            assertThat(driver.deadLetters().readRecordsToList()).hasSize(1);
        }
    }

    /**
     * The header names are KIP-1034's (Kafka Streams' {@code ExceptionHandlerUtils}), written out
     * here rather than read from the learner's constants, so that a renamed constant fails.
     */
    @Test
    void shouldNameTheHeadersAsKafkaStreamsDeadLetterQueuesDo() {
        try (LearnerDriver driver = new LearnerDriver(props("squared"))) {
            driver.train("m", "oops");
            final Headers headers = driver.deadLetters().readRecord().headers();
            assertThat(header(headers, "__streams.errors.exception")).isNotBlank();
            assertThat(header(headers, "__streams.errors.message")).isNotBlank();
            assertThat(header(headers, "__streams.errors.topic")).isEqualTo("train");
            assertThat(header(headers, "__streams.errors.partition")).isEqualTo("0");
            assertThat(header(headers, "__streams.errors.offset")).isEqualTo("0");
            assertThat(header(headers, "learner.errors.reason")).isEqualTo("not-json");
        }
    }

    @Test
    void shouldNotCreateAModelFromABadRecord() {
        try (LearnerDriver driver = new LearnerDriver(props("squared"))) {
            driver.train("fresh", "{\"x\": [1, 2, 3, 4], \"y\": 1}");
            assertThat(driver.store().get("fresh")).isNull();
            driver.train("fresh", "{\"x\": [1], \"y\": 1}");
            assertThat(driver.store().get("fresh").features()).isEqualTo(1);
        }
    }
}
