package io.onlinelearner.config;

import static io.onlinelearner.config.LearnerSettings.ADAM_AMSGRAD;
import static io.onlinelearner.config.LearnerSettings.ADAM_EPSILON_PLACEMENT;
import static io.onlinelearner.config.LearnerSettings.ADAM_LR;
import static io.onlinelearner.config.LearnerSettings.ADAM_MAX_GRAD_NORM;
import static io.onlinelearner.config.LearnerSettings.HTTP_HOST;
import static io.onlinelearner.config.LearnerSettings.MODEL_FEATURES;
import static io.onlinelearner.config.LearnerSettings.MODEL_INITIAL_WEIGHTS;
import static io.onlinelearner.config.LearnerSettings.MODEL_LOSS;
import static io.onlinelearner.config.LearnerSettings.STOPPING_BASELINE;
import static io.onlinelearner.config.LearnerSettings.STOPPING_MIN_DELTA;
import static io.onlinelearner.config.LearnerSettings.TOPIC_MODELS;
import static io.onlinelearner.config.LearnerSettings.TOPIC_TRAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.model.Loss;
import io.onlinelearner.optim.AdamHyperparameters;
import io.onlinelearner.optim.EpsilonPlacement;
import io.onlinelearner.stopping.StoppingConfig;
import io.onlinelearner.store.BoundedMemoryRocksDBConfig;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The existing keys: defaults, Kafka Streams passthrough, parsing and the one wording of bad values. */
class LearnerConfigTest {

    @Test
    void shouldDefaultToTheContract() {
        final LearnerConfig config = LearnerConfig.defaults();
        assertThat(config.adam())
                .isEqualTo(new AdamHyperparameters(
                        0.001, 0.9, 0.999, 1e-8, EpsilonPlacement.OUTSIDE, false, 0.0, false, OptionalDouble.empty()));
        assertThat(config.model().features()).isEmpty();
        assertThat(config.model().intercept()).isTrue();
        assertThat(config.model().loss()).isEqualTo(Loss.SQUARED);
        assertThat(config.model().initialWeights()).isEmpty();
        assertThat(config.model().maxFeatures()).isEqualTo(10_000);
        assertThat(config.stopping()).isEqualTo(new StoppingConfig(100, 5, 0.0, OptionalDouble.empty(), 0, true));
        assertThat(config.topics())
                .isEqualTo(new Topics(
                        "train",
                        "validation",
                        "predict",
                        "commands",
                        "labels",
                        "models",
                        "control",
                        "predictions",
                        "outcomes",
                        "dead-letters"));
        assertThat(config.httpHost()).isEqualTo("127.0.0.1");
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.metricsMaxModels()).isEqualTo(100);
        assertThat(config.provisioning()).isEqualTo(new LearnerConfig.TopicProvisioning(true, 1, (short) 1));
        assertThat(config.streams().getProperty("processing.guarantee")).isEqualTo("exactly_once_v2");
        assertThat(config.streams().getProperty("application.id")).isEqualTo("online-learner");
        assertThat(config.hasBootstrapServers()).isFalse();
    }

    /**
     * Kafka Streams warns about, and ignores, a property it does not know; every one the learner
     * sets must be known to the Kafka Streams it runs on (only the RocksDB setter's own key is the
     * learner's). No processing exception handler is set: Kafka Streams' default fails the thread,
     * which resumes from the last commit, instead of dropping a record that the learner did not
     * dead-letter itself.
     */
    @Test
    void shouldSetOnlyKafkaStreamsPropertiesThatItsVersionKnows() {
        final Properties streams = LearnerConfig.defaults().streams();

        assertThat(streams.stringPropertyNames())
                .filteredOn(key -> !key.equals(BoundedMemoryRocksDBConfig.TOTAL_BYTES_CONFIG))
                .filteredOn(key -> !key.startsWith(StreamsConfig.PRODUCER_PREFIX))
                .filteredOn(key -> !key.startsWith(StreamsConfig.CONSUMER_PREFIX))
                .filteredOn(key -> !key.startsWith(StreamsConfig.MAIN_CONSUMER_PREFIX))
                .filteredOn(key -> !key.startsWith(StreamsConfig.TOPIC_PREFIX))
                .isNotEmpty()
                .isSubsetOf(StreamsConfig.configDef().names());
        assertThat(streams.stringPropertyNames())
                .filteredOn(key -> key.startsWith(StreamsConfig.PRODUCER_PREFIX))
                .extracting(key -> key.substring(StreamsConfig.PRODUCER_PREFIX.length()))
                .containsExactlyInAnyOrder(
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        ProducerConfig.BUFFER_MEMORY_CONFIG)
                .isSubsetOf(ProducerConfig.configNames());
        assertThat(streams.stringPropertyNames())
                .filteredOn(key -> key.startsWith(StreamsConfig.TOPIC_PREFIX))
                .containsExactly(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG));
        assertThat(streams.getProperty(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG)))
                .isEqualTo("131072");
        assertThat(streams.stringPropertyNames())
                .filteredOn(key -> key.startsWith(StreamsConfig.CONSUMER_PREFIX))
                .extracting(key -> key.substring(StreamsConfig.CONSUMER_PREFIX.length()))
                .containsExactly(ConsumerConfig.MAX_POLL_RECORDS_CONFIG);
        assertThat(streams.getProperty(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)))
                .isEqualTo("10000");
        assertThat(streams.stringPropertyNames())
                .filteredOn(key -> key.startsWith(StreamsConfig.MAIN_CONSUMER_PREFIX))
                .containsExactly(StreamsConfig.mainConsumerPrefix(LearnerConfig.LEAVE_GROUP_ON_CLOSE));
        assertThat(streams.getProperty(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isNull();
    }

    /**
     * The learner's client defaults reach the clients as Kafka Streams resolves them, and a key the
     * user set, plain or prefixed, wins over them: a plain {@code max.poll.records} would otherwise
     * lose to the default set under {@code consumer.}.
     */
    @ParameterizedTest
    @CsvSource({
        "'', 10000, 10000, 131072",
        "max.poll.records=500, 500, 500, 131072",
        "consumer.max.poll.records=700, 700, 700, 131072",
        "main.consumer.max.poll.records=800, 800, 10000, 131072",
        "batch.size=16384, 10000, 10000, 16384",
        "producer.batch.size=65536, 10000, 10000, 65536"
    })
    void shouldLetTheUsersClientKeysWinOverTheLearnersDefaults(
            final String set, final int mainPoll, final int restorePoll, final int batch) {
        final StreamsConfig resolved = resolvedWith(set);

        assertThat(resolved.getMainConsumerConfigs("g", "c", 0).get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG))
                .hasToString(String.valueOf(mainPoll));
        assertThat(resolved.getRestoreConsumerConfigs("c").get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG))
                .hasToString(String.valueOf(restorePoll));
        assertThat(resolved.getProducerConfigs("c").get(ProducerConfig.BATCH_SIZE_CONFIG))
                .hasToString(String.valueOf(batch));
    }

    /**
     * The main consumer leaves its group when it closes, which Kafka Streams turns off, unless the
     * user set the key, plain or prefixed; the restore consumer, in no group, keeps Kafka's default.
     */
    @ParameterizedTest
    @CsvSource({
        "'', true",
        "internal.leave.group.on.close=false, false",
        "consumer.internal.leave.group.on.close=false, false",
        "main.consumer.internal.leave.group.on.close=false, false"
    })
    void shouldLeaveTheGroupOnCloseUnlessTheUserSetsIt(final String set, final boolean leaves) {
        final StreamsConfig resolved = resolvedWith(set);

        assertThat(resolved.getMainConsumerConfigs("g", "c", 0).get(LearnerConfig.LEAVE_GROUP_ON_CLOSE))
                .hasToString(String.valueOf(leaves));
    }

    /**
     * Transactions time out after 60 s, above the 45 s session timeout, instead of Kafka Streams'
     * 10 s under exactly-once; a value the user set, plain or prefixed, wins.
     */
    @ParameterizedTest
    @CsvSource({"'', 60000", "transaction.timeout.ms=20000, 20000", "producer.transaction.timeout.ms=30000, 30000"})
    void shouldGiveTransactionsLongerThanASessionUnlessTheUserSetsTheirTimeout(final String set, final int timeout) {
        final StreamsConfig resolved = resolvedWith(set);

        assertThat(resolved.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(resolved.getProducerConfigs("c").get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG))
                .hasToString(String.valueOf(timeout));
    }

    /** The Kafka Streams configuration of a learner given {@code set} ("key=value", or empty: nothing). */
    private static StreamsConfig resolvedWith(final String set) {
        final LearnerConfigBuilder builder = LearnerConfig.builder().streams("application.id", "a");
        if (!set.isEmpty()) {
            builder.streams(set.substring(0, set.indexOf('=')), set.substring(set.indexOf('=') + 1));
        }
        return new StreamsConfig(builder.build().streamsWithBootstrap("b:9092"));
    }

    @Test
    void shouldParseEveryDefaultWithItsOwnDefinition() {
        for (final Setting<?> setting : LearnerSettings.all()) {
            assertThat(setting.defaultTyped()).as(setting.key()).isNotNull();
            assertThat(setting.key()).startsWith(LearnerSettings.PREFIX);
            assertThat(LearnerSettings.forKey(setting.key())).isSameAs(setting);
        }
        assertThat(LearnerSettings.all().stream().map(Setting::key).distinct()).hasSameSizeAs(LearnerSettings.all());
    }

    @Test
    void shouldPassEveryOtherKeyToKafkaStreamsUnchanged() {
        final LearnerConfig config = LearnerConfig.builder()
                .streams("bootstrap.servers", "b:9092")
                .streams("processing.guarantee", "at_least_once")
                .streams("sasl.jaas.config", "x y z;")
                .set(ADAM_LR, 0.5)
                .build();
        assertThat(config.streams().getProperty("bootstrap.servers")).isEqualTo("b:9092");
        assertThat(config.streams().getProperty("processing.guarantee")).isEqualTo("at_least_once");
        assertThat(config.streams().getProperty("sasl.jaas.config")).isEqualTo("x y z;");
        assertThat(config.streams().getProperty(ADAM_LR.key())).isNull();
        assertThat(config.adam().learningRate()).isEqualTo(0.5);
        assertThat(config.hasBootstrapServers()).isTrue();
    }

    @Test
    void shouldReadEveryHyperparameter() {
        final LearnerConfig config = LearnerConfig.builder()
                .set(ADAM_EPSILON_PLACEMENT, "HAT")
                .set(ADAM_AMSGRAD, true)
                .set(ADAM_MAX_GRAD_NORM, OptionalDouble.of(2.5))
                .set(MODEL_FEATURES, OptionalInt.of(3))
                .set(MODEL_INITIAL_WEIGHTS, "1, 2,3")
                .set(MODEL_LOSS, Loss.LOGISTIC)
                .set(STOPPING_BASELINE, 0.25)
                .set(STOPPING_MIN_DELTA, -0.1)
                .build();
        assertThat(config.adam().epsilonPlacement()).isEqualTo(EpsilonPlacement.HAT);
        assertThat(config.adam().amsgrad()).isTrue();
        assertThat(config.adam().maxGradNorm()).hasValue(2.5);
        assertThat(config.model().features()).hasValue(3);
        assertThat(config.model().initialWeights()).containsExactly(1, 2, 3);
        assertThat(config.model().loss()).isEqualTo(Loss.LOGISTIC);
        assertThat(config.stopping().baseline()).hasValue(0.25);
        assertThat(config.stopping().minDelta()).isEqualTo(-0.1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0.001, 0.001", "1e-3, 0.001", "1E-3, 0.001", "+.5, 0.5", "5., 5", "2, 2", "2.5e+1, 25"})
    void shouldReadEveryDecimalSpellingOfANumber(final String text, final double value) {
        assertThat(LearnerConfig.builder().set(ADAM_LR, text).build().adam().learningRate())
                .isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ADAM_LR                    | -1    | a finite number > 0",
                "ADAM_LR                    | abc   | a finite number > 0",
                "ADAM_LR                    | 0x1p-3 | a finite number > 0",
                "ADAM_LR                    | 1e-3f | a finite number > 0",
                "ADAM_LR                    | 1d    | a finite number > 0",
                "ADAM_LR                    | Infinity | a finite number > 0",
                "MODEL_INITIAL_WEIGHTS      | 1,0x2 | a comma-separated list of finite numbers, or empty",
                "ADAM_BETA1                 | 1     | a number in [0, 1)",
                "ADAM_EPSILON_PLACEMENT     | both  | one of outside, inside, hat",
                "ADAM_AMSGRAD               | yes   | true or false",
                "ADAM_MAX_GRAD_NORM         | 0     | a finite number > 0, or empty for no clipping",
                "MODEL_LOSS                 | hinge | one of squared, logistic",
                "MODEL_FEATURES             | 0     | an integer in [1, 1000000], or empty",
                "MODEL_FEATURES             | 20000 | an integer in [1, 10000] (learner.model.max-features), or empty",
                "MODEL_MAX_FEATURES         | -5    | an integer in [1, 1000000]",
                "MODEL_INITIAL_WEIGHTS      | 1,x   | a comma-separated list of finite numbers, or empty",
                "STOPPING_VALIDATION_WINDOW | 0     | an integer in [1, 2147483647]",
                "STOPPING_PATIENCE          | 1.5   | an integer in [0, 2147483647]",
                "STOPPING_BASELINE          | NaN   | a finite number, or empty for none",
                "HTTP_PORT                  | 70000 | an integer in [0, 65535]",
                "HTTP_PORT                  | １９５５０ | an integer in [0, 65535]",
                "METRICS_MAX_MODELS         | ٣     | an integer in [0, 2147483647]",
                "HTTP_PORT                  | 0x50  | an integer in [0, 65535]",
                "HTTP_HOST                  | ''    | a host name, an IPv4 address or an IPv6 address in brackets (e.g. [::1])",
                "HTTP_HOST                  | http://x | a host name, an IPv4 address or an IPv6 address in brackets (e.g. [::1])",
                "HTTP_HOST                  | ::1   | a host name, an IPv4 address or an IPv6 address in brackets (e.g. [::1])",
                "TOPIC_TRAIN                | a b   | a legal topic name (1 to 249 of a-z A-Z 0-9 . _ -)",
                "TOPIC_PARTITIONS           | 0     | an integer in [1, 100000]",
                "METRICS_MAX_MODELS         | -1    | an integer in [0, 2147483647]",
            })
    void shouldStopStartUpNamingKeyValueAndWhatIsAllowed(final String name, final String value, final String allowed) {
        ConfigAssertions.assertRefused(name, value, allowed);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"0.0.0.0", "localhost", "learner-1.example.com", "my_host", "[::1]", "[::]", "[fe80::1%eth0]"})
    void shouldAcceptEveryFormOfABindAddress(final String host) {
        assertThat(LearnerConfig.builder().set(HTTP_HOST, host).build().httpHost())
                .isEqualTo(host);
    }

    @Test
    void shouldRefuseInconsistentOrUnknownSettings() {
        assertThatThrownBy(() -> LearnerConfig.builder()
                        .set(MODEL_FEATURES, 2)
                        .set(MODEL_INITIAL_WEIGHTS, "1,2,3")
                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "invalid configuration: learner.model.initial-weights = '1,2,3': must be empty or exactly 2 "
                                + "numbers (learner.model.features)");
        final Properties unknown = new Properties();
        unknown.setProperty(LearnerSettings.PREFIX + "adam.learning-rate", "0.1");
        assertThatThrownBy(() -> LearnerConfig.parse(unknown))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key learner.adam.learning-rate");
    }

    @Test
    void shouldRefuseTwoTopicsWithOneNameNamingBothKeys() {
        assertThatThrownBy(
                        () -> LearnerConfig.builder().set(TOPIC_MODELS, "train").build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid configuration: learner.topic.models = 'train': must be different from "
                        + TOPIC_TRAIN.key() + " (every topic needs its own name)");
        assertThatThrownBy(() -> LearnerConfig.builder()
                        .set(TOPIC_TRAIN, "x")
                        .set(LearnerSettings.TOPIC_PREDICTIONS, "x")
                        .build())
                .hasMessageStartingWith("invalid configuration: learner.topic.predictions = 'x': must be different "
                        + "from learner.topic.train");
    }

    @Test
    void shouldKeepTheLearnerKeysOutOfTheBuildersStreamsProperties() {
        assertThatThrownBy(() -> LearnerConfig.builder().streams(ADAM_LR.key(), "0.1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LearnerConfig.builder().set(ADAM_LR, 0.1).properties()).containsEntry(ADAM_LR.key(), "0.1");
    }
}
