package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.model.AvroEncoding;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.serde.ModelStateSerde;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The predict and commands inputs through the topology: every class of bad record goes to dead
 * letters with its reason and source, changes no stored byte and yields no prediction and no
 * event; a prediction never changes the store; commands yield exactly one event each.
 */
class PredictAndCommandTopologyTest {

    private static final String GOOD = "{\"x\": [1, 2], \"y\": 1}";
    private final ModelStateSerde serde = new ModelStateSerde(0.001);

    private static Properties props(final String format) {
        final Properties p = new Properties();
        p.setProperty(LearnerSettings.MODEL_MAX_FEATURES.key(), "3");
        p.setProperty(LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), "2");
        p.setProperty(LearnerSettings.INPUT_FORMAT.key(), format);
        return p;
    }

    private static String header(final TestRecord<byte[], byte[]> letter, final String name) {
        final Header header = letter.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(final String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** Trains one model once, then pipes {@code value} to {@code source} and checks it was dead-lettered alone. */
    private void assertDeadLettered(
            final Properties props, final Source source, final byte[] value, final String reason, final byte[] good) {
        try (LearnerDriver driver = new LearnerDriver(props)) {
            driver.pipe(Source.TRAIN, bytes("m"), good);
            driver.models();
            final byte[] before = serde.serialize("", driver.state("m"));

            driver.pipe(source, bytes("m"), value);

            final TestRecord<byte[], byte[]> letter = driver.deadLetters().readRecord();
            assertThat(letter.key()).isEqualTo(bytes("m"));
            assertThat(letter.value()).isEqualTo(value);
            assertThat(header(letter, DeadLetters.REASON)).isEqualTo(reason);
            assertThat(header(letter, DeadLetters.TOPIC)).isEqualTo(source.tag());
            assertThat(header(letter, DeadLetters.PARTITION)).isEqualTo("0");
            assertThat(header(letter, DeadLetters.OFFSET)).isEqualTo("0");
            assertThat(header(letter, DeadLetters.MESSAGE)).isNotBlank();
            assertThat(driver.deadLetters().isEmpty()).isTrue();
            assertThat(serde.serialize("", driver.state("m"))).isEqualTo(before);
            assertThat(driver.predictions()).isEmpty();
            assertThat(driver.control()).isEmpty();
            assertThat(driver.models()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "NULL                              | null-value",
                "not json                          | not-json",
                "[1, 2]                            | not-an-object",
                "{\"id\": 1}                       | missing-x",
                "{\"x\": [1, \"2\"]}               | not-numeric",
                "{\"x\": [1, NaN]}                 | not-finite",
                "{\"x\": [1, 2], \"id\": NaN}      | not-finite",
                "{\"x\": []}                       | no-features",
                "{\"x\": [1, 2, 3]}                | wrong-dimension",
                "{\"x\": [1, 2, 3, 4]}             | too-many-features",
            })
    void shouldDeadLetterEveryClassOfBadJsonPredictRequest(final String value, final String reason) {
        assertDeadLettered(props("json"), Source.PREDICT, bytes(value), reason, bytes(GOOD));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"schema-mismatch", "not-avro", "wrong-dimension", "too-many-features", "null-value"})
    void shouldDeadLetterEveryClassOfBadAvroPredictRequest(final String reason) {
        final byte[] value = switch (reason) {
            case "schema-mismatch" -> AvroEncoding.encodeExample(new double[] {1, 2}, 1);
            case "not-avro" -> bytes("{\"x\": [1, 2]}");
            case "wrong-dimension" -> AvroEncoding.encodePredict(new double[] {1}, "a");
            case "too-many-features" -> AvroEncoding.encodePredict(new double[] {1, 2, 3, 4}, null);
            default -> null;
        };
        assertDeadLettered(
                props("avro"), Source.PREDICT, value, reason, AvroEncoding.encodeExample(new double[] {1, 2}, 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "NULL",
                "not json",
                "[\"stop\"]",
                "{}",
                "{\"command\": 1}",
                "{\"command\": \"pause\"}",
                "{\"command\": \"STOP\"}",
                "{\"command\": \"resume\", \"from\": \"first\"}",
                "{\"command\": \"resume\", \"from\": 1}",
                "{\"command\": \"set-lr\"}",
                "{\"command\": \"set-lr\", \"lr\": \"0.1\"}",
                "{\"command\": \"set-lr\", \"lr\": 0}",
                "{\"command\": \"set-lr\", \"lr\": -0.1}",
                "{\"command\": \"set-lr\", \"lr\": Infinity}",
            })
    void shouldDeadLetterEveryMalformedCommandAsBadCommand(final String value) {
        for (final String format : new String[] {"json", "avro"}) {
            final byte[] good =
                    "json".equals(format) ? bytes(GOOD) : AvroEncoding.encodeExample(new double[] {1, 2}, 1);
            assertDeadLettered(props(format), Source.COMMANDS, bytes(value), "bad-command", good);
        }
    }

    /** A prediction that is not a finite double (w·x + b overflows) is answered as null, which JSON can hold. */
    @Test
    void shouldAnswerAPredictionThatOverflowsAsNull() {
        final Properties props = props("json");
        props.setProperty(LearnerSettings.ADAM_LR.key(), "10");
        try (LearnerDriver driver = new LearnerDriver(props)) {
            driver.train("m", GOOD);
            driver.predict("m", "{\"x\": [1e308, 1e308]}");
            driver.predict("m", "{\"x\": [1e308, -1e308]}");
            driver.predict("m", "{\"x\": [1, 1]}");
            final List<JsonNode> predictions = driver.predictions();
            assertThat(predictions)
                    .extracting(p -> p.get("prediction").toString())
                    .startsWith("null", "null")
                    .hasSize(3);
            assertThat(predictions.get(2).get("prediction").asDouble())
                    .as("two weights and a bias of about 10 after one Adam step of lr 10: a little under 30")
                    .isCloseTo(30.0, within(1e-6));
            assertThat(driver.deadLetters().isEmpty()).isTrue();
        }
    }

    @Test
    void shouldNeverChangeTheStoredBytesWithAPredictionWhateverTheStatus() {
        try (LearnerDriver driver = new LearnerDriver(props("json"))) {
            driver.predict("m", "{\"x\": [1, 2], \"id\": \"new\"}");
            assertThat(driver.state("m")).isNull();
            driver.train("m", GOOD);
            for (final String command : new String[] {null, "{\"command\": \"stop\"}"}) {
                if (command != null) {
                    driver.command("m", command);
                }
                final byte[] before = serde.serialize("", driver.state("m"));
                driver.predict("m", "{\"x\": [1, 2], \"id\": 7, \"y\": \"ignored\"}");
                assertThat(serde.serialize("", driver.state("m"))).isEqualTo(before);
            }
            assertThat(driver.predictionTexts())
                    .hasSize(3)
                    .first()
                    .asString()
                    .isEqualTo("{\"model\":\"m\",\"id\":\"new\","
                            + "\"prediction\":0.0,\"status\":\"NEW\",\"parameters\":\"initial\",\"updates\":0,\"generation\":0,"
                            + "\"trainedThrough\":null}");
            assertThat(driver.deadLetters().isEmpty()).isTrue();
        }
    }

    @Test
    void shouldAnswerEveryCommandWithExactlyOneEventAndIgnoreCommandsToAModelWithoutState() {
        try (LearnerDriver driver = new LearnerDriver(props("json"))) {
            driver.command("ghost", "{\"command\": \"reset\"}");
            assertThat(driver.state("ghost")).isNull();
            assertThat(driver.controlTopic().readValuesToList())
                    .map(v -> new String(v, StandardCharsets.UTF_8))
                    .singleElement()
                    .asString()
                    .startsWith("{\"model\":\"ghost\",\"event\":\"IGNORED\",\"cause\":\"command\","
                            + "\"generation\":0,\"status\":\"NEW\",\"command\":\"reset\",\"reason\":");
            driver.train("m", GOOD);
            driver.command("m", "{\"command\": \"set-lr\", \"lr\": 0.5}");
            driver.command("m", "{\"command\": \"stop\"}");
            driver.command("m", "{\"command\": \"resume\", \"from\": \"last\"}");
            driver.command("m", "{\"command\": \"reset\"}");
            assertThat(driver.control())
                    .extracting(e -> e.path("event").asText())
                    .containsExactly("LR_CHANGED", "STOPPED", "RESUMED", "RESET");
            assertThat(driver.models())
                    .extracting(s -> s.path("status").asText() + "/"
                            + s.path("generation").asLong())
                    .containsExactly("STOPPED/0", "TRAINING/2");
            assertThat(driver.state("m").lr()).isEqualTo(0.001);
            assertThat(driver.state("m").generation()).isEqualTo(2L);
        }
    }

    @Test
    void shouldTellTheListenerOfEveryPredictionCommandAndRejectionWithItsSource() {
        final List<String> heard = new ArrayList<>();
        final LearnerListener listener = new LearnerListener() {
            @Override
            public void onOutcome(final String model, final Source source, final Outcome outcome) {
                heard.add(model + " " + source + " " + outcome.kind());
            }

            @Override
            public void onPrediction(final String model, final Prediction prediction, final ModelState state) {
                heard.add(model + " prediction " + prediction.parameters() + " "
                        + (state == null ? "-" : state.status()));
            }

            @Override
            public void onRejected(final String model, final Source source, final RejectionReason reason) {
                heard.add(model + " " + source + " " + reason.code());
            }
        };
        try (LearnerDriver driver = new LearnerDriver(props("json"), listener)) {
            driver.predict("m", "{\"x\": [1, 2]}");
            driver.command("m", "{\"command\": \"stop\"}");
            driver.train("m", GOOD);
            driver.predict("m", "{\"x\": [1]}");
            driver.command("m", "{\"command\": \"stop\"}");
            driver.command("m", "{\"command\": \"halt\"}");
            driver.predict("m", "{\"x\": [1, 2]}");
        }
        assertThat(heard)
                .containsExactly(
                        "m prediction INITIAL -",
                        "m COMMANDS COMMAND_IGNORED",
                        "m TRAIN APPLIED",
                        "m PREDICT wrong-dimension",
                        "m COMMANDS COMMAND_APPLIED",
                        "m COMMANDS bad-command",
                        "m prediction FROZEN STOPPED");
    }
}
