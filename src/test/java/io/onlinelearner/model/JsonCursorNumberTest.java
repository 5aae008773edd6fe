package io.onlinelearner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers at the edges of exact doubles read as parseDouble reads them, and what the scanner leaves to Jackson. */
class JsonCursorNumberTest {

    private final RecordParser parser = new RecordParser(10);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "9007199254740992.0",
                "9007199254740993.0",
                "9007199254740992e22",
                "9007199254740992e-22",
                "1e22",
                "1e23",
                "1e-22",
                "1e-23",
                "-0.0",
                "0.0e-5",
                "0e0",
                "-0e+0",
                "1E+5",
                "1.5E-0",
                "1234567890123456.7",
                "0.000000000000000000000000000001",
                "123456789012345678e-3",
                "4.9e-324",
                "1.7976931348623157e308",
                "2.2250738585072014E-308",
                "0.1",
                "0.7309677873766576"
            })
    void shouldReadNumbersAtTheEdgesOfExactDoublesAsParseDouble(final String text) {
        RecordParserNumberProperties.assertReadAsParseDouble(parser, text);
    }

    @Test
    void shouldLeaveMalformedAndOverflowingNumbersToJackson() {
        for (final String text : new String[] {"01.5", "1.", "-.5", "1e", "1e+", "1e99999", "-"}) {
            final byte[] json = ("{\"x\": [" + text + "], \"y\": 1}").getBytes(StandardCharsets.UTF_8);
            final Throwable scanned = catchThrowable(() -> parser.parse(json));
            final Throwable jackson =
                    catchThrowable(() -> RecordParser.jacksonOnly(10).parse(json));
            assertThat(scanned).as(text).isNotNull();
            assertThat(scanned.getMessage()).as(text).isEqualTo(jackson.getMessage());
        }
    }
}
