package io.onlinelearner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.onlinelearner.vectors.SharedVector;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link CommandParser}: every command of the contract, and every malformed one as {@code bad-command}. */
class CommandParserTest {

    private final CommandParser parser = new CommandParser();

    private Command parse(final String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private RecordRejectedException rejection(final String json) {
        final byte[] bytes = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        return catchThrowableOfType(RecordRejectedException.class, () -> parser.parse(bytes));
    }

    @Test
    void shouldParseEveryCommand() {
        assertThat(parse("{\"command\": \"stop\"}")).isEqualTo(new Command.Stop());
        assertThat(parse("{\"command\": \"reset\"}")).isEqualTo(new Command.Reset());
        assertThat(parse("{\"command\": \"resume\", \"from\": \"best\"}"))
                .isEqualTo(new Command.Resume(Command.ResumeFrom.BEST));
        assertThat(parse("{\"command\": \"resume\", \"from\": \"last\"}"))
                .isEqualTo(new Command.Resume(Command.ResumeFrom.LAST));
        assertThat(parse("{\"command\": \"set-lr\", \"lr\": 0.01}")).isEqualTo(new Command.SetLr(0.01));
    }

    @Test
    void shouldResumeFromBestByDefault() {
        assertThat(parse("{\"command\": \"resume\"}")).isEqualTo(new Command.Resume(Command.ResumeFrom.BEST));
    }

    @Test
    void shouldAcceptFieldsInAnyOrderAndIgnoreUnknownOnes() {
        assertThat(parse("{\"lr\": 3, \"by\": {\"who\": [\"ops\"]}, \"command\": \"set-lr\"}"))
                .isEqualTo(new Command.SetLr(3.0));
        assertThat(parse("{\"from\": \"last\", \"command\": \"resume\", \"note\": null}"))
                .isEqualTo(new Command.Resume(Command.ResumeFrom.LAST));
    }

    @Test
    void shouldIgnoreFieldsTheCommandDoesNotTake() {
        assertThat(parse("{\"command\": \"stop\", \"lr\": \"fast\", \"from\": 7}"))
                .isEqualTo(new Command.Stop());
        assertThat(parse("{\"command\": \"reset\", \"lr\": -1}")).isEqualTo(new Command.Reset());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lifecycle", "labels"})
    void shouldParseEveryCommandOfAVectorFileAsTheFileMeansIt(final String file) {
        int commands = 0;
        for (final JsonNode event : SharedVector.named(file).root().path("events")) {
            if ("commands".equals(event.path("topic").asText())) {
                final JsonNode command = event.path("command");
                assertThat(parse(command.toString())).as(command.toString()).isEqualTo(SharedVector.command(command));
                commands++;
            }
        }
        assertThat(commands).as("commands in %s.json", file).isPositive();
    }

    @Test
    void shouldKeepALearningRateExactlyAsWritten() {
        assertThat(parse("{\"command\": \"set-lr\", \"lr\": 0.03}")).isEqualTo(new Command.SetLr(0.03));
        assertThat(parse("{\"command\": \"set-lr\", \"lr\": 1e-300}")).isEqualTo(new Command.SetLr(1e-300));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not json                                      | not valid JSON: Unrecognized token 'not'",
                "{\"command\": \"stop\"                        | not valid JSON",
                "''                                            | the value is empty",
                "{\"command\": \"stop\"} {}                    | trailing content after the JSON object",
                "{\"command\": \"stop\", \"command\": \"reset\"} | not valid JSON: Duplicate field 'command'",
                "[\"stop\"]                                    | expected a JSON object, found an array",
                "\"stop\"                                      | expected a JSON object, found a string",
                "{}                                            | the object has no field \"command\"",
                "{\"cmd\": \"stop\"}                           | the object has no field \"command\"",
                "{\"command\": null}                           | \"command\" must be a string: found null",
                "{\"command\": 1}                              | \"command\" must be a string: found a number",
                "{\"command\": {\"name\": \"stop\"}}           | \"command\" must be a string: found an object",
                "{\"command\": \"pause\"}                      | unknown command \"pause\": expected stop, resume, reset or set-lr",
                "{\"command\": \"STOP\"}                       | unknown command \"STOP\": expected stop, resume, reset or set-lr",
                "{\"command\": \"resume\", \"from\": \"first\"} | \"from\" must be \"best\" or \"last\": found \"first\"",
                "{\"command\": \"resume\", \"from\": \"Best\"}  | \"from\" must be \"best\" or \"last\": found \"Best\"",
                "{\"command\": \"resume\", \"from\": null}     | \"from\" must be \"best\" or \"last\": found null",
                "{\"command\": \"resume\", \"from\": 1}        | \"from\" must be \"best\" or \"last\": found a number",
                "{\"command\": \"set-lr\"}                     | set-lr needs a field \"lr\"",
                "{\"command\": \"set-lr\", \"lr\": \"0.01\"}   | \"lr\" must be a number: found a string",
                "{\"command\": \"set-lr\", \"lr\": null}       | \"lr\" must be a number: found null",
                "{\"command\": \"set-lr\", \"lr\": [0.01]}     | \"lr\" must be a number: found an array",
                "{\"command\": \"set-lr\", \"lr\": 0}          | \"lr\" must be finite and > 0: found 0",
                "{\"command\": \"set-lr\", \"lr\": -0.5}       | \"lr\" must be finite and > 0: found -0.5",
                "{\"command\": \"set-lr\", \"lr\": NaN}        | \"lr\" must be finite and > 0: found NaN",
                "{\"command\": \"set-lr\", \"lr\": Infinity}   | \"lr\" must be finite and > 0: found Infinity",
                "{\"command\": \"set-lr\", \"lr\": 1e400}      | \"lr\" must be finite and > 0: found 1e400",
                "{\"command\": \"stop\", \"n\": -Infinity}     | not valid JSON: -Infinity is not a JSON number",
                "{\"command\": \"stop\", \"n\": [NaN]}         | not valid JSON: NaN is not a JSON number",
                "{\"command\": \"stop\", \"lr\": NaN}          | not valid JSON: NaN is not a JSON number",
                "{\"lr\": -Infinity, \"command\": \"reset\"}   | not valid JSON: -Infinity is not a JSON number",
                "{\"command\": \"resume\", \"lr\": Infinity}   | not valid JSON: Infinity is not a JSON number",
                "{\"command\": \"stop\", \"from\": NaN}        | not valid JSON: NaN is not a JSON number",
                "{\"command\": \"stop\", \"lr\": [NaN]}        | not valid JSON: NaN is not a JSON number",
                "{\"command\": \"resume\", \"from\": NaN}      | not valid JSON: NaN is not a JSON number",
            })
    void shouldRejectEachMalformedCommandAsBadCommandWithAOneLineMessage(final String json, final String message) {
        final RecordRejectedException e = rejection(json);
        assertThat(e.reason()).isEqualTo(RejectionReason.BAD_COMMAND);
        assertThat(e.reason().code()).isEqualTo("bad-command");
        assertThat(e.getMessage()).startsWith(message).doesNotContain("\n");
    }

    @Test
    void shouldRejectANullValueAsBadCommand() {
        final RecordRejectedException e = rejection(null);
        assertThat(e.reason()).isEqualTo(RejectionReason.BAD_COMMAND);
        assertThat(e).hasMessage("the record has no value");
    }

    @Test
    void shouldRefuseACommandNameWithABadByteOnceTheNameIsKnown() {
        parse("{\"command\": \"reset\"}");
        final byte[] aliased = "{\"comm?and\": \"reset\"}".getBytes(StandardCharsets.US_ASCII);
        aliased[6] = (byte) 0xFF;
        final RecordRejectedException e =
                catchThrowableOfType(RecordRejectedException.class, () -> parser.parse(aliased));
        assertThat(e.reason()).isEqualTo(RejectionReason.BAD_COMMAND);
        assertThat(e).hasMessage("not valid JSON: the byte at 6 is not well-formed UTF-8");
    }

    @Test
    void shouldReadACommandWithALargeUnknownField() {
        assertThat(parse("{\"command\": \"stop\", \"pad\": \"" + "a".repeat(10_000) + "\"}"))
                .isEqualTo(new Command.Stop());
    }

    @Test
    void shouldKeepAnAbsurdCommandNameShortAndOnOneLine() {
        assertThat(rejection("{\"command\": \"" + "x".repeat(100) + "\\n\"}").getMessage())
                .hasSizeLessThan(120)
                .doesNotContain("\n");
    }
}
