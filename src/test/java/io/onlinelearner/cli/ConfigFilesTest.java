package io.onlinelearner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.config.ConfigException;
import io.onlinelearner.config.LearnerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadTheGivenFile() throws IOException {
        final Path file = Files.writeString(
                dir.resolve("a.properties"), LearnerSettings.ADAM_LR.key() + " = 0.5\nbootstrap.servers=k:9092\n");
        final Properties p = ConfigFiles.load(file);
        assertThat(p)
                .hasSize(2)
                .containsEntry(LearnerSettings.ADAM_LR.key(), "0.5")
                .containsEntry("bootstrap.servers", "k:9092");
    }

    @Test
    void shouldReadTheDefaultFileWhenNoneIsGivenAndItExists() throws IOException {
        assertThat(ConfigFiles.DEFAULT_FILE).exists();
        final Properties expected = new Properties();
        try (var reader = Files.newBufferedReader(ConfigFiles.DEFAULT_FILE)) {
            expected.load(reader);
        }
        assertThat(ConfigFiles.load(null)).isEqualTo(expected).containsEntry("application.id", "online-learner");
    }

    @Test
    void shouldRejectAFileThatIsNotUtf8() throws IOException {
        final Path file = Files.write(dir.resolve("latin1.properties"), new byte[] {'a', '=', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> ConfigFiles.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cannot read config file " + file + ": not UTF-8 text");
    }
}
