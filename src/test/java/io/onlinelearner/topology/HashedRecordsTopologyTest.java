package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.model.TrainingTopic;
import io.onlinelearner.serde.ModelStateSerde;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hashed mode's records through the topology: every rejection the contract names goes to dead
 * letters with its reason and changes no state; a remembered hashed request, once labelled, is
 * learnt from like a training record, its texts kept.
 */
class HashedRecordsTopologyTest {

    private static final String MODEL = "m";
    private static final byte[] KEY = MODEL.getBytes(StandardCharsets.UTF_8);

    private static LearnerDriver driver(final String... more) {
        final Map<String, String> settings = new HashMap<>(Map.of(
                LearnerSettings.FEATURES_MODE.key(), "hashed",
                LearnerSettings.FEATURES_HASH_BITS.key(), "8",
                LearnerSettings.MODEL_MAX_FEATURES.key(), "4",
                LearnerSettings.MODEL_LOSS.key(), "logistic"));
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return new LearnerDriver(settings, LearnerListener.NONE);
    }

    private static String header(final TestRecord<byte[], byte[]> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "TRAIN|{\"features\": {\"a\": null}, \"y\": 1}|bad-features",
                "TRAIN|{\"features\": {\"a\": [1, 2]}, \"y\": 1}|bad-features",
                "TRAIN|{\"features\": {\"u\": {\"v\": {\"w\": 1}}}, \"y\": 1}|bad-features",
                "TRAIN|{\"features\": {\"a\": 1e999}, \"y\": 1}|bad-features",
                "TRAIN|{\"features\": {\"\": 1}, \"y\": 1}|bad-features",
                "TRAIN|{\"features\": {\"a\": 0, \"b\": false}, \"y\": 1}|bad-features",
                "TRAIN|{\"features\": 3, \"y\": 1}|bad-features",
                "TRAIN|{\"x\": [1.0], \"y\": 1}|bad-features",
                "TRAIN|{\"features\": {\"a\": 1, \"b\": 1, \"c\": 1, \"d\": 1, \"e\": 1}, \"y\": 1}|too-many-features",
                "TRAIN|{\"features\": {\"a\": 1}}|missing-y",
                "TRAIN|{\"features\": {\"a\": 1}, \"y\": 0.5}|invalid-label",
                "VALIDATION|{\"features\": {\"a\": true}, \"y\": \"1\"}|not-numeric",
                "PREDICT|{\"features\": {\"a\": {}}, \"id\": 1}|bad-features",
                "PREDICT|[1]|not-an-object",
                "PREDICT|nope|not-json"
            })
    void shouldDeadLetterEveryBadRecordWithItsReasonAndChangeNoState(
            final Source source, final String value, final String reason) {
        try (LearnerDriver driver = driver()) {
            driver.train(MODEL, "{\"features\": {\"a\": 1, \"user\": {\"id\": \"u1\"}}, \"y\": 1}");
            final ModelStateSerde serde = new ModelStateSerde(0.001);
            final byte[] before = serde.serialize("", driver.state(MODEL));
            final FeatureNames texts = driver.featureNames(MODEL);
            assertThat(texts.size()).isEqualTo(2);
            driver.pipe(source, KEY, value.getBytes(StandardCharsets.UTF_8));
            final TestRecord<byte[], byte[]> letter = driver.deadLetters().readRecord();
            assertThat(header(letter, DeadLetters.REASON)).isEqualTo(reason);
            assertThat(letter.value()).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
            assertThat(serde.serialize("", driver.state(MODEL))).isEqualTo(before);
            assertThat(driver.featureNames(MODEL)).isEqualTo(texts);
            assertThat(driver.deadLetters().isEmpty()).isTrue();
            assertThat(driver.predictions()).isEmpty();
        }
    }

    @Test
    void shouldLearnFromALabelledHashedRequestAndKeepItsTexts() {
        try (LearnerDriver driver = driver(LearnerSettings.LABELS_ENABLED.key(), "true")) {
            driver.predict(
                    MODEL, "{\"features\": {\"country\": \"NZ\", \"user\": {\"plan\": \"pro\"}}, \"id\": \"p1\"}");
            final JsonNode prediction = driver.predictions().get(0);
            assertThat(prediction.path("prediction").asDouble()).isEqualTo(0.5);
            assertThat(prediction.path("parameters").asText()).isEqualTo("initial");
            driver.pipe(Source.LABELS, KEY, "{\"id\": \"p1\", \"y\": 1}".getBytes(StandardCharsets.UTF_8));
            assertThat(driver.deadLetters().isEmpty()).isTrue();
            final ModelState state = driver.state(MODEL);
            assertThat(state.updates()).isEqualTo(1);
            assertThat(state.live().trainedThrough().topic()).isEqualTo(TrainingTopic.LABELS);
            final FeatureNames names = driver.featureNames(MODEL);
            assertThat(state.names()).as("the state carries no texts").isEqualTo(FeatureNames.NONE);
            assertThat(names.size()).isEqualTo(2);
            assertThat(IntStream.range(0, names.size())
                            .mapToObj(k -> names.namesAt(k).get(0)))
                    .containsExactlyInAnyOrder("country=NZ", "user^plan=pro");
            assertThat(state.live().weights().size()).isEqualTo(2);
        }
    }
}
