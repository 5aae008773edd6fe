package io.onlinelearner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code config/learner.properties} and the configuration table of docs/configuration.md agree with {@link LearnerSettings}. */
class SettingsDocsTest {

    private static final Path PROPERTIES = Path.of("config/learner.properties");
    private static final Path DOCUMENT = SettingsDocs.DOCUMENT;
    private static final Pattern TABLE_KEY = Pattern.compile("^\\| `(learner\\.[^`]+)` \\|");

    @Test
    void shouldListEveryKeyWithItsDefaultInTheShippedPropertiesFile() throws IOException {
        final Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(PROPERTIES)) {
            file.load(reader);
        }
        for (final Setting<?> setting : LearnerSettings.all()) {
            assertThat(file.getProperty(setting.key())).as(setting.key()).isEqualTo(setting.defaultValue());
        }
        assertThat(file.stringPropertyNames().stream().filter(k -> k.startsWith(LearnerSettings.PREFIX)))
                .hasSize(LearnerSettings.all().size());
        final LearnerConfig parsed = LearnerConfig.parse(file);
        final LearnerConfig defaults = LearnerConfig.defaults();
        assertThat(parsed.adam()).isEqualTo(defaults.adam());
        assertThat(parsed.model()).isEqualTo(defaults.model());
        assertThat(parsed.stopping()).isEqualTo(defaults.stopping());
        assertThat(parsed.topics()).isEqualTo(defaults.topics());
        assertThat(parsed.plateau()).isEqualTo(defaults.plateau());
        assertThat(parsed.drift()).isEqualTo(defaults.drift());
    }

    @Test
    void shouldExplainEveryKeyInTheShippedPropertiesFileWithItsMeaning() throws IOException {
        final List<String> lines = Files.readAllLines(PROPERTIES);
        for (final Setting<?> setting : LearnerSettings.all()) {
            final int at = lines.indexOf(setting.key() + "=" + setting.defaultValue());
            assertThat(at).as(setting.key()).isPositive();
            assertThat(lines.get(at - 1)).as(setting.key()).isEqualTo("# " + setting.meaning());
        }
    }

    @Test
    void shouldNameOnlyDefinedKeysInTheReadmesConfigurationTable() throws IOException {
        final List<String> lines = Files.readAllLines(DOCUMENT, StandardCharsets.UTF_8);
        final int start = lines.indexOf(SettingsDocs.TABLE_HEADER);
        assertThat(start).as("the configuration table of " + DOCUMENT).isPositive();
        final List<String> keys = lines.subList(start, lines.size()).stream()
                .takeWhile(line -> line.startsWith("|"))
                .map(TABLE_KEY::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .toList();
        assertThat(keys).isNotEmpty();
        assertThat(keys)
                .allSatisfy(
                        key -> assertThat(LearnerSettings.forKey(key)).as(key).isNotNull());
    }

    @Test
    void shouldKeepTheReadmesConfigurationTableAsTheDefinitionsRenderIt() throws IOException {
        final String readme = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        assertThat(readme)
                .as("refresh with: java -cp target/classes io.onlinelearner.config.SettingsDocs")
                .isEqualTo(SettingsDocs.withCurrentTable(readme));
        assertThat(readme).contains(SettingsDocs.table());
    }

    @Test
    void shouldNameTheUpperBoundOfEveryBoundedIntegerInItsMeaning() {
        final Pattern bounded = Pattern.compile("an integer in \\[-?\\d+, (\\d+)]");
        int checked = 0;
        for (final Setting<?> setting : LearnerSettings.all()) {
            final Matcher range = bounded.matcher(setting.allowed());
            if (range.matches() && Long.parseLong(range.group(1)) < Integer.MAX_VALUE) {
                assertThat(setting.meaning()).as(setting.key()).contains(range.group(1));
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldRenderOneRowPerKeyEscapingPipes() {
        final List<String> rows = SettingsDocs.table().lines().toList();
        assertThat(rows).hasSize(LearnerSettings.all().size() + 2);
        assertThat(rows.get(0)).isEqualTo(SettingsDocs.TABLE_HEADER);
        assertThat(rows)
                .contains(
                        "| `learner.adam.lr` | `0.001` | Adam's learning rate, > 0 |",
                        "| `learner.plateau.factor` | (unset) | " + LearnerSettings.PLATEAU_FACTOR.meaning() + " |",
                        "| `learner.stopping.min-delta` | `0` | an improvement must beat the best by more than \\|min-delta\\| |");
    }
}
