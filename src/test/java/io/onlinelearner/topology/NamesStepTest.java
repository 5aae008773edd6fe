package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.features.FeatureHash;
import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.features.HashedInputParser;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.model.InputParser;
import io.onlinelearner.model.Position;
import io.onlinelearner.serde.NamesFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The move of a format-4 state's texts: a state read in format 4 carries its texts
 * ({@link ModelState#names()}); the first record that writes the model's state writes them to the
 * store of texts (with what the record teaches), and once there the carried copy is ignored.
 */
class NamesStepTest {

    private static final String MODEL = "m";

    private final LearnerConfig config = config();
    private final Learner learner = new Learner(config.learnerSpec());
    private final InputParser parser = HashedInputParser.of(config.hashing().orElseThrow(), config.inputMaxBytes());
    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private final KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(Names.FEATURE_NAMES_STORE), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    private final NamesStep step = new NamesStep(2);

    private static LearnerConfig config() {
        final Properties properties = new Properties();
        properties.setProperty(LearnerSettings.FEATURES_MODE.key(), "hashed");
        properties.setProperty(LearnerSettings.FEATURES_HASH_BITS.key(), "8");
        return LearnerConfig.parse(properties);
    }

    private Example example(final String json) {
        return parser.parseExample(json.getBytes(StandardCharsets.UTF_8));
    }

    private static int index(final String text) {
        return FeatureHash.index(FeatureHash.hash(text, 0), 8);
    }

    @Test
    void shouldMoveTheTextsAFormat4StateCarriesAtItsNextWrite() {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        step.init(context);
        final Example first = example("{\"features\": {\"a\": 1}, \"y\": 1}");
        final FeatureNames carried = FeatureNames.of(new int[] {index("a")}, List.of(List.of("a", "old")));
        final ModelState format4 =
                learner.train(null, first, Position.train(0, 0)).state().withNames(carried);

        final Example validation = example("{\"features\": {\"b\": 1}, \"y\": 1}");
        final Outcome scored = learner.validate(format4, validation);
        assertThat(scored.write()).isTrue();
        step.after(MODEL, format4, scored, validation);
        assertThat(NamesFormat.decode(store.get(MODEL)))
                .as("moved, nothing learnt")
                .isEqualTo(carried);

        final Example taught = example("{\"features\": {\"a\": 1, \"c\": \"x\"}, \"y\": 1}");
        final Outcome trained = learner.train(scored.state(), taught, Position.train(0, 1));
        step.after(MODEL, scored.state(), trained, taught);
        assertThat(NamesFormat.decode(store.get(MODEL))).isEqualTo(carried.seen((HashedFeatures) taught.features(), 2));

        final byte[] before = store.get(MODEL);
        final Outcome again = learner.train(trained.state(), taught, Position.train(0, 2));
        step.after(MODEL, trained.state().withNames(FeatureNames.NONE), again, taught);
        assertThat(store.get(MODEL)).as("nothing new: not written").isSameAs(before);
    }
}
