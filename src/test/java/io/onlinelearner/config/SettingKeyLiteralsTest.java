package io.onlinelearner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keys are named by their {@link LearnerSettings} constants: no Java source spells one as a string. */
class SettingKeyLiteralsTest {

    private static final Pattern KEY_LITERAL = Pattern.compile("\"("
            + LearnerSettings.all().stream()
                    .map(setting -> Pattern.quote(setting.key()))
                    .collect(Collectors.joining("|"))
            + ")[\"=]");
    private static final Path DEFINITIONS = Path.of("src/main/java/io/onlinelearner/config/LearnerSettings.java");

    @Test
    void shouldSpellNoLearnerKeyAsAStringOutsideTheDefinitions() throws IOException {
        final List<String> offending;
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            offending = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.equals(DEFINITIONS))
                    .filter(f -> KEY_LITERAL.matcher(read(f)).find())
                    .map(Path::toString)
                    .toList();
        }
        assertThat(offending).isEmpty();
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
