package io.onlinelearner.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Well-formed UTF-8 exactly as the JDK's strict decoder has it, and where the first bad byte is. */
class WellFormedUtf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"", "7b7d", "c3a9", "e282ac", "efbbbf7b7d", "f09f9880", "f48fbfbf", "ed9fbf", "ee8080"})
    void shouldAcceptWellFormedSequences(final String hex) {
        assertThat(WellFormedUtf8.firstInvalid(HexFormat.of().parseHex(hex))).isEqualTo(-1);
    }

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({
        "ff, 0",
        "7b80, 1",
        "c0af, 0",
        "c1bf, 0",
        "e080af, 0",
        "eda080, 0",
        "f4908080, 0",
        "f5808080, 0",
        "41e282, 1",
        "41c3, 1",
        "c3c3a9, 0",
        "f09f98, 0"
    })
    void shouldFindTheFirstByteThatIsNotWellFormed(final String hex, final int at) {
        assertThat(WellFormedUtf8.firstInvalid(HexFormat.of().parseHex(hex))).isEqualTo(at);
    }

    @Property(tries = 3000)
    void shouldAgreeWithTheJdksStrictDecoder(@ForAll @Size(max = 12) final byte[] bytes) {
        assertThat(WellFormedUtf8.firstInvalid(bytes) < 0).isEqualTo(jdkDecodes(bytes));
    }

    @Property(tries = 500)
    void shouldAcceptTheUtf8OfAnyText(@ForAll final String text) {
        final String wellFormed = text.codePoints()
                .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        assertThat(WellFormedUtf8.firstInvalid(wellFormed.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(-1);
    }

    private static boolean jdkDecodes(final byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
