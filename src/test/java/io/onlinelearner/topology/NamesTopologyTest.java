package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.features.FeatureHash;
import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.serde.ModelStateSerde;
import io.onlinelearner.serde.NamesFormat;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.test.TestRecord;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The stores of texts through the whole topology: the recent texts ({@link
 * Names#FEATURE_NAMES_RECENT_STORE}) written only by a training record that teaches a text (its
 * changelog has one record per such record, the value in {@link NamesFormat}; a model's few texts
 * never reach the size at which they are merged into {@link Names#FEATURE_NAMES_STORE}), never by
 * validation records or a stopped model's training records, emptied with a tombstone at a reset
 * and at idle eviction (with {@code keep-names=false} too, where none is learnt); the model state itself never
 * carries texts (format 8).
 */
class NamesTopologyTest {

    private static final String MODEL = "m";
    private static final int BITS = 8;

    private static LearnerDriver driver(final String... more) {
        final Map<String, String> settings = new HashMap<>(Map.of(
                LearnerSettings.FEATURES_MODE.key(), "hashed",
                LearnerSettings.FEATURES_HASH_BITS.key(), String.valueOf(BITS),
                LearnerSettings.MODEL_MAX_FEATURES.key(), "8"));
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return new LearnerDriver(settings, LearnerListener.NONE);
    }

    private static int index(final String text) {
        return FeatureHash.index(FeatureHash.hash(text, 0), BITS);
    }

    private static List<TestRecord<byte[], byte[]>> changelog(final LearnerDriver driver) {
        assertThat(driver.changelog(Names.FEATURE_NAMES_STORE).readRecordsToList())
                .as("no merge into the base")
                .isEmpty();
        return driver.changelog(Names.FEATURE_NAMES_RECENT_STORE).readRecordsToList();
    }

    @Test
    void shouldWriteTheTextsOnlyWhenATrainingRecordTeachesOne() {
        try (LearnerDriver driver = driver()) {
            driver.train(MODEL, "{\"features\": {\"a\": 1, \"c\": \"x\"}, \"y\": 1}");
            final FeatureNames first = driver.featureNames(MODEL);
            assertThat(first.size()).isEqualTo(2);
            assertThat(first.names(index("a"))).containsExactly("a");
            assertThat(first.names(index("c=x"))).containsExactly("c=x");
            final List<TestRecord<byte[], byte[]>> written = changelog(driver);
            assertThat(written).hasSize(1);
            assertThat(new String(written.get(0).key(), StandardCharsets.UTF_8)).isEqualTo(MODEL);
            assertThat(NamesFormat.decode(written.get(0).value())).isEqualTo(first);

            driver.train(MODEL, "{\"features\": {\"a\": 2, \"c\": \"x\"}, \"y\": 0}");
            assertThat(changelog(driver)).as("nothing taught, nothing written").isEmpty();
            driver.validate(MODEL, "{\"features\": {\"d\": \"z\"}, \"y\": 0}");
            assertThat(changelog(driver)).as("validation records teach no text").isEmpty();
            assertThat(driver.featureNames(MODEL)).isEqualTo(first);

            driver.train(MODEL, "{\"features\": {\"a\": 1, \"c\": \"y\"}, \"y\": 1}");
            final List<TestRecord<byte[], byte[]>> taught = changelog(driver);
            assertThat(taught).hasSize(1);
            assertThat(NamesFormat.decode(taught.get(0).value()).names(index("c=y")))
                    .containsExactly("c=y");
            assertThat(driver.featureNames(MODEL).size()).isEqualTo(3);
            final byte[] state = new ModelStateSerde(0.001).serialize("", driver.state(MODEL));
            assertThat(state[0]).as("format 8: no texts").isEqualTo((byte) 8);
            assertThat(driver.state(MODEL).names()).isEqualTo(FeatureNames.NONE);
        }
    }

    @Test
    void shouldForgetTheTextsAtAResetAndLearnNoneWhileStopped() {
        try (LearnerDriver driver = driver()) {
            driver.train(MODEL, "{\"features\": {\"a\": 1}, \"y\": 1}");
            driver.command(MODEL, "{\"command\": \"stop\"}");
            driver.train(MODEL, "{\"features\": {\"b\": 1}, \"y\": 1}");
            assertThat(driver.featureNames(MODEL).names(index("b")))
                    .as("a stopped model skips training records")
                    .isEmpty();
            changelog(driver);
            driver.command(MODEL, "{\"command\": \"reset\"}");
            final List<TestRecord<byte[], byte[]>> reset = changelog(driver);
            assertThat(reset).hasSize(1);
            assertThat(reset.get(0).value()).as("a tombstone").isNull();
            assertThat(driver.<String, byte[]>store(Names.FEATURE_NAMES_RECENT_STORE)
                            .get(MODEL))
                    .isNull();
            driver.train(MODEL, "{\"features\": {\"b\": 1}, \"y\": 1}");
            assertThat(driver.featureNames(MODEL))
                    .isEqualTo(FeatureNames.of(new int[] {index("b")}, List.of(List.of("b"))));
        }
    }

    @Test
    void shouldDeleteTheTextsOfAnEvictedModel() {
        try (LearnerDriver driver = driver(LearnerSettings.MODELS_IDLE_TTL_MS.key(), "1000")) {
            driver.nextAt(1);
            driver.train(MODEL, "{\"features\": {\"a\": 1}, \"y\": 1}");
            assertThat(driver.featureNames(MODEL).size()).isEqualTo(1);
            changelog(driver);
            driver.nextAt(2_000);
            driver.train("other", "{\"features\": {\"b\": 1}, \"y\": 1}");
            assertThat(driver.state(MODEL)).isNull();
            assertThat(driver.<String, byte[]>store(Names.FEATURE_NAMES_RECENT_STORE)
                            .get(MODEL))
                    .isNull();
            assertThat(driver.changelog(Names.FEATURE_NAMES_RECENT_STORE).readRecordsToList())
                    .extracting(r -> new String(r.key(), StandardCharsets.UTF_8), r -> r.value() == null)
                    .contains(Tuple.tuple(MODEL, true));
        }
    }

    /**
     * With {@code keep-names=false} no text is learnt, but the texts kept from a time they were on
     * (put into the stores here) stay while their model trains, and go at its reset or eviction: a
     * model never shows the texts of an earlier model of its id once they are on again.
     */
    @Test
    void shouldLearnNoTextWithoutKeepNamesButForgetTheKeptOnesOfAResetOrEvictedModel() {
        try (LearnerDriver driver = driver(
                LearnerSettings.FEATURES_KEEP_NAMES.key(), "false",
                LearnerSettings.MODELS_IDLE_TTL_MS.key(), "1000")) {
            final byte[] kept = NamesFormat.encode(FeatureNames.of(new int[] {index("a")}, List.of(List.of("a"))));
            for (final String model : List.of(MODEL, "other")) {
                driver.<String, byte[]>store(Names.FEATURE_NAMES_STORE).put(model, kept);
            }
            driver.nextAt(1);
            driver.train(MODEL, "{\"features\": {\"a\": 1, \"b\": 1}, \"y\": 1}");
            driver.train("other", "{\"features\": {\"b\": 1}, \"y\": 1}");
            assertThat(driver.state(MODEL).updates()).isEqualTo(1);
            assertThat(driver.featureNames(MODEL))
                    .as("kept, none learnt")
                    .isEqualTo(FeatureNames.of(new int[] {index("a")}, List.of(List.of("a"))));

            driver.command(MODEL, "{\"command\": \"reset\"}");
            assertThat(driver.<String, byte[]>store(Names.FEATURE_NAMES_STORE).get(MODEL))
                    .as("forgotten at the reset")
                    .isNull();

            driver.nextAt(2_000);
            driver.train(MODEL, "{\"features\": {\"b\": 1}, \"y\": 1}");
            assertThat(driver.state("other")).as("evicted").isNull();
            assertThat(driver.<String, byte[]>store(Names.FEATURE_NAMES_STORE).get("other"))
                    .as("forgotten at the eviction")
                    .isNull();
        }
        assertThat(storeNames("false"))
                .contains(Names.FEATURE_NAMES_STORE, Names.FEATURE_NAMES_RECENT_STORE, Names.STORE);
        assertThat(storeNames("true"))
                .contains(Names.FEATURE_NAMES_STORE, Names.FEATURE_NAMES_RECENT_STORE, Names.STORE);
    }

    private static List<String> storeNames(final String keepNames) {
        final Properties properties = new Properties();
        properties.setProperty(LearnerSettings.FEATURES_MODE.key(), "hashed");
        properties.setProperty(LearnerSettings.FEATURES_KEEP_NAMES.key(), keepNames);
        final Learner learner = new Learner(LearnerConfig.parse(properties).learnerSpec());
        return new LearnerProcessorSupplier(
                        new ProcessorWiring(
                                learner,
                                InputFormat.JSON,
                                1024,
                                Map.of(),
                                LearnerListener.NONE,
                                null,
                                false,
                                OptionalLong.empty(),
                                TestTopics.DEFAULT_LINEAGE),
                        null)
                .stores().stream().map(StoreBuilder::name).toList();
    }
}
