package io.onlinelearner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.model.ModelSpec;
import io.onlinelearner.optim.AdamHyperparameters;
import io.onlinelearner.stopping.StoppingConfig;
import io.onlinelearner.topology.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LearnerConfigTest {

    private static Properties props(final String... keyValues) {
        final Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void shouldDefaultToTheContract() {
        final LearnerConfig config = LearnerConfig.defaults();
        assertThat(config.adam()).isEqualTo(AdamHyperparameters.DEFAULTS);
        assertThat(config.model()).isEqualTo(ModelSpec.DEFAULTS);
        assertThat(config.stopping()).isEqualTo(StoppingConfig.DEFAULTS);
        assertThat(config.topics()).isEqualTo(Topics.DEFAULTS);
        assertThat(config.httpHost()).isEqualTo("127.0.0.1");
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.streams().getProperty("processing.guarantee")).isEqualTo("exactly_once_v2");
        assertThat(config.streams().getProperty("application.id")).isEqualTo("online-learner");
        assertThat(config.streams().getProperty("errors.dead.letter.queue.topic.name")).isEqualTo("dead-letters");
        assertThat(config.hasBootstrapServers()).isFalse();
    }

    @Test
    void shouldPassEveryOtherKeyToKafkaStreamsUnchanged() {
        final LearnerConfig config = LearnerConfig.parse(props("bootstrap.servers", "b:9092",
                "processing.guarantee", "at_least_once", "sasl.jaas.config", "x y z;", "learner.adam.lr", "0.5"));
        assertThat(config.streams().getProperty("bootstrap.servers")).isEqualTo("b:9092");
        assertThat(config.streams().getProperty("processing.guarantee")).isEqualTo("at_least_once");
        assertThat(config.streams().getProperty("sasl.jaas.config")).isEqualTo("x y z;");
        assertThat(config.streams().getProperty("learner.adam.lr")).isNull();
        assertThat(config.adam().learningRate()).isEqualTo(0.5);
        assertThat(config.hasBootstrapServers()).isTrue();
    }

    @Test
    void shouldReadEveryHyperparameter() {
        final LearnerConfig config = LearnerConfig.parse(props("learner.adam.epsilon-placement", "HAT",
                "learner.adam.amsgrad", "true", "learner.adam.max-grad-norm", "2.5", "learner.model.features", "3",
                "learner.model.initial-weights", "1, 2,3", "learner.model.loss", "logistic",
                "learner.stopping.baseline", "0.25", "learner.stopping.min-delta", "-0.1"));
        assertThat(config.adam().epsilonPlacement().configName()).isEqualTo("hat");
        assertThat(config.adam().amsgrad()).isTrue();
        assertThat(config.adam().maxGradNorm()).hasValue(2.5);
        assertThat(config.model().initialWeights()).containsExactly(1, 2, 3);
        assertThat(config.model().loss().configName()).isEqualTo("logistic");
        assertThat(config.stopping().baseline()).hasValue(0.25);
        assertThat(config.stopping().minDelta()).isEqualTo(-0.1);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "learner.adam.lr                    | -1    | a finite number > 0",
        "learner.adam.lr                    | abc   | a finite number > 0",
        "learner.adam.beta1                 | 1     | a number in [0, 1)",
        "learner.adam.epsilon-placement     | both  | one of outside, inside, hat",
        "learner.adam.amsgrad               | yes   | true or false",
        "learner.adam.max-grad-norm         | 0     | a finite number > 0, or empty for no clipping",
        "learner.model.loss                 | hinge | one of squared, logistic",
        "learner.model.features             | 0     | an integer in [1, 10000]",
        "learner.model.max-features         | -5    | an integer in [1, 1000000]",
        "learner.model.initial-weights      | 1,x   | a comma-separated list of finite numbers, or empty",
        "learner.stopping.validation-window | 0     | an integer in [1, 2147483647]",
        "learner.stopping.patience          | 1.5   | an integer in [0, 2147483647]",
        "learner.stopping.baseline          | NaN   | a finite number, or empty for none",
        "learner.http.port                  | 70000 | an integer in [0, 65535]",
        "learner.topic.train                | a b   | a legal topic name (1 to 249 of a-z A-Z 0-9 . _ -)",
    })
    void shouldStopStartUpNamingKeyValueAndWhatIsAllowed(final String key, final String value, final String allowed) {
        assertThatThrownBy(() -> LearnerConfig.parse(props(key, value))).isInstanceOf(ConfigException.class)
                .hasMessage("invalid configuration: " + key + " = '" + value + "': must be " + allowed);
    }

    @Test
    void shouldRefuseInconsistentOrUnknownSettings() {
        assertThatThrownBy(() -> LearnerConfig.parse(props("learner.model.features", "2",
                "learner.model.initial-weights", "1,2,3"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("learner.model.initial-weights = '1,2,3'").hasMessageContaining("exactly 2");
        assertThatThrownBy(() -> LearnerConfig.parse(props("learner.adam.learning-rate", "0.1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key learner.adam.learning-rate");
        assertThatThrownBy(() -> LearnerConfig.parse(props("learner.topic.models", "train")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("five different names");
    }

    @Test
    void shouldListEveryKeyWithItsDefaultInTheShippedPropertiesFile() throws IOException {
        final Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/learner.properties"))) {
            file.load(reader);
        }
        for (final Setting setting : Setting.values()) {
            assertThat(file.getProperty(setting.key())).as(setting.key()).isEqualTo(setting.defaultValue());
        }
        assertThat(file.stringPropertyNames().stream().filter(k -> k.startsWith(Setting.PREFIX)))
                .hasSize(Setting.values().length);
        assertThat(LearnerConfig.parse(file).adam()).isEqualTo(LearnerConfig.defaults().adam());
    }

    @Test
    void shouldExplainEveryKeyInTheShippedPropertiesFileWithItsMeaning() throws IOException {
        final java.util.List<String> lines = Files.readAllLines(Path.of("config/learner.properties"));
        for (final Setting setting : Setting.values()) {
            final int at = lines.indexOf(setting.key() + "=" + setting.defaultValue());
            assertThat(at).as(setting.key()).isPositive();
            assertThat(lines.get(at - 1)).as(setting.key()).isEqualTo("# " + setting.meaning());
        }
    }
}
