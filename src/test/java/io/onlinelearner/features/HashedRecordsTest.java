package io.onlinelearner.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.model.NamedRecordParser;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.vectors.SharedVector;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whole {@code train}, {@code validation} and {@code predict} values in hashed mode. */
class HashedRecordsTest {

    private final HashingConfig config = new HashingConfig(10, 0, Interaction.parseAll("user:item"), true, 2, 50);
    private final NamedRecordParser<HashedFeatures> parser = FeatureReader.records(config);

    @Test
    void shouldReadFeaturesAndLabelSkippingUnknownFields() {
        final NamedRecordParser.Labelled<HashedFeatures> record = parser.parse(
                bytes("{\"x\": [1], \"features\": {\"a\": 2, \"b\": \"c\"}, \"extra\": {\"d\": [1]}, \"y\": -1.5}"));
        assertThat(record.y()).isEqualTo(-1.5);
        assertThat(record.features()).isEqualTo(Features.read(config, "{\"a\": 2, \"b\": \"c\"}"));
    }

    @Test
    void shouldEchoThePredictIdAndIgnoreItsLabel() {
        final NamedRecordParser.Request<HashedFeatures> request =
                parser.parsePredict(bytes("{\"features\": {\"a\": 1}, \"id\": \"req-1\", \"y\": \"ignored\"}"));
        assertThat(request.idJson()).isEqualTo("\"req-1\"");
        assertThat(parser.parsePredict(bytes("{\"features\": {\"a\": 1}}")).idJson())
                .isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"x\": [1.0], \"y\": 1}|BAD_FEATURES",
                "{\"features\": {\"a\": [1]}, \"y\": 1}|BAD_FEATURES",
                "{\"features\": {}, \"y\": 1}|BAD_FEATURES",
                "{\"features\": [], \"y\": 1}|BAD_FEATURES",
                "{\"features\": {\"a\": 1}}|MISSING_Y",
                "{\"features\": {\"a\": 1}, \"y\": \"1\"}|NOT_NUMERIC",
                "{\"features\": {\"a\": 1}, \"y\": NaN}|NOT_FINITE",
                "{\"features\": {\"a\": 1}, \"y\": 1, \"n\": NaN}|NOT_JSON",
                "{\"features\": {\"a\": 1}, \"y\": 1|NOT_JSON",
                "[1]|NOT_AN_OBJECT"
            })
    void shouldRejectEachBadRecordWithItsReason(final String json, final RejectionReason reason) {
        assertThatThrownBy(() -> parser.parse(bytes(json)))
                .isInstanceOfSatisfying(
                        RecordRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void shouldRejectANullValueAndTooManyFeatures() {
        assertThatThrownBy(() -> parser.parse(null))
                .isInstanceOfSatisfying(
                        RecordRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.NULL_VALUE));
        final StringBuilder many = new StringBuilder("{\"features\": {");
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("\"f").append(i).append("\": 1");
        }
        assertThatThrownBy(() -> parser.parsePredict(bytes(many.append("}}").toString())))
                .isInstanceOfSatisfying(
                        RecordRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.TOO_MANY_FEATURES));
    }

    @Test
    void shouldReadEveryRecordOfTheHashedVector() {
        int read = 0;
        for (final JsonNode event : SharedVector.named("hashed").root().path("events")) {
            final byte[] value = bytes(event.toString());
            if ("predict".equals(event.path("topic").asText())) {
                assertThat(parser.parsePredict(value).idJson())
                        .isEqualTo(event.path("id").toString());
            } else {
                assertThat(parser.parse(value).y()).isEqualTo(event.path("y").asDouble());
            }
            read++;
        }
        assertThat(read).isEqualTo(1782);
    }

    private static byte[] bytes(final String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
