package io.onlinelearner.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerSettings;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

    @Test
    void shouldMaskPasswordsSecretsJaasConfigAndSslKeysButNothingElse() {
        final Properties p = new Properties();
        p.setProperty("bootstrap.servers", "kafka:9093");
        p.setProperty("security.protocol", "SASL_SSL");
        p.setProperty("sasl.mechanism", "PLAIN");
        p.setProperty(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required " + "username=\"u\" password=\"p\";");
        p.setProperty("ssl.truststore.password", "t-pass");
        p.setProperty("ssl.key.password", "k-pass");
        p.setProperty("ssl.keystore.key", "-----BEGIN PRIVATE KEY-----");
        p.setProperty("basic.auth.user.info.Secret", "s");
        p.setProperty(LearnerSettings.ADAM_LR.key(), "0.01");

        assertThat(Secrets.masked(p))
                .containsExactly(
                        Map.entry("basic.auth.user.info.Secret", Secrets.MASK),
                        Map.entry("bootstrap.servers", "kafka:9093"),
                        Map.entry(LearnerSettings.ADAM_LR.key(), "0.01"),
                        Map.entry("sasl.jaas.config", Secrets.MASK),
                        Map.entry("sasl.mechanism", "PLAIN"),
                        Map.entry("security.protocol", "SASL_SSL"),
                        Map.entry("ssl.key.password", Secrets.MASK),
                        Map.entry("ssl.keystore.key", Secrets.MASK),
                        Map.entry("ssl.truststore.password", Secrets.MASK));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "basic.auth.user.info",
                "schema.registry.basic.auth.user.info",
                "my.api.token",
                "sasl.oauthbearer.token.endpoint.credentials",
                "cloud.api.key",
                "vendor.apikey",
                "ssl.private.key"
            })
    void shouldHideTokensCredentialsApiKeysAndUserInfo(final String key) {
        assertThat(Secrets.isSecret(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bootstrap.servers", "application.id", "sasl.mechanism", "ssl.truststore.location"})
    void shouldShowWhatIsNoSecret(final String key) {
        assertThat(Secrets.isSecret(key)).isFalse();
    }

    @Test
    void shouldTreatKeysCaseInsensitively() {
        assertThat(Secrets.isSecret("SASL.JAAS.CONFIG")).isTrue();
        assertThat(Secrets.isSecret("Client.Password")).isTrue();
        assertThat(Secrets.isSecret("ssl.truststore.location")).isFalse();
    }

    @Test
    void shouldNotChangeTheGivenProperties() {
        final Properties p = new Properties();
        p.setProperty("sasl.jaas.config", "secret");
        Secrets.masked(p);
        assertThat(p.getProperty("sasl.jaas.config")).isEqualTo("secret");
    }
}
