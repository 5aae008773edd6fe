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
import io.onlinelearner.model.Command;
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
    private final KeyValueStore<String, byte[]> store = store(Names.FEATURE_NAMES_STORE);
    private final KeyValueStore<String, byte[]> recent = store(Names.FEATURE_NAMES_RECENT_STORE);
    private final NamesStep step = new NamesStep(2);

    private static KeyValueStore<String, byte[]> store(final String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
    }

    private void init() {
        for (final KeyValueStore<String, byte[]> s : List.of(store, recent)) {
            s.init(context.getStateStoreContext(), s);
            context.addStateStore(s);
        }
        step.init(context);
    }

    private FeatureNames names() {
        return NamesFormat.decode(NamesFormat.merge(store.get(MODEL), recent.get(MODEL)));
    }

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
        init();
        final Example first = example("{\"features\": {\"a\": 1}, \"y\": 1}");
        final FeatureNames carried = FeatureNames.of(new int[] {index("a")}, List.of(List.of("a", "old")));
        final ModelState format4 =
                learner.train(null, first, Position.train(0, 0)).state().withNames(carried);

        final Example validation = example("{\"features\": {\"b\": 1}, \"y\": 1}");
        final Outcome scored = learner.validate(format4, validation);
        assertThat(scored.write()).isTrue();
        step.write(step.plan(MODEL, format4, scored, validation));
        assertThat(NamesFormat.decode(store.get(MODEL)))
                .as("moved, nothing learnt")
                .isEqualTo(carried);

        final Example taught = example("{\"features\": {\"a\": 1, \"c\": \"x\"}, \"y\": 1}");
        final Outcome trained = learner.train(scored.state(), taught, Position.train(0, 1));
        step.write(step.plan(MODEL, scored.state(), trained, taught));
        assertThat(names()).isEqualTo(carried.seen((HashedFeatures) taught.features(), 2));
        assertThat(NamesFormat.decode(store.get(MODEL)))
                .as("the base is not rewritten")
                .isEqualTo(carried);

        final byte[] before = store.get(MODEL);
        final byte[] recentBefore = recent.get(MODEL);
        final Outcome again = learner.train(trained.state(), taught, Position.train(0, 2));
        step.write(step.plan(MODEL, trained.state().withNames(FeatureNames.NONE), again, taught));
        assertThat(store.get(MODEL)).as("nothing new: not written").isSameAs(before);
        assertThat(recent.get(MODEL)).as("nothing new: not written").isSameAs(recentBefore);
    }

    @Test
    void shouldWriteOnlyTheRecentTextsUntilTheyAreDueThenMergeThemIntoTheBase() {
        init();
        ModelState state = null;
        FeatureNames expected = FeatureNames.NONE;
        int merges = 0;
        for (int i = 0; i < 200; i++) {
            final Example taught = example("{\"features\": {\"u\": \"user-" + i + "\", \"n\": 1}, \"y\": 1}");
            final Outcome trained = learner.train(state, taught, Position.train(0, i));
            final byte[] baseBefore = store.get(MODEL);
            final byte[] recentBefore = recent.get(MODEL);
            step.write(step.plan(MODEL, state, trained, taught));
            state = trained.state();
            expected = expected.seen((HashedFeatures) taught.features(), 2);
            assertThat(names()).isEqualTo(expected);
            final byte[] learnt = NamesFormat.learn(baseBefore, recentBefore, (HashedFeatures) taught.features(), 2);
            if (NamesFormat.due(baseBefore, learnt)) {
                merges++;
                assertThat(recent.get(MODEL)).as("merged at record %d", i).isNull();
                assertThat(store.get(MODEL)).isEqualTo(NamesFormat.merge(baseBefore, learnt));
            } else {
                assertThat(store.get(MODEL))
                        .as("the base untouched at record %d", i)
                        .isSameAs(baseBefore);
                assertThat(recent.get(MODEL)).isEqualTo(learnt);
            }
        }
        assertThat(merges).as("merges in 200 records").isEqualTo(3);

        final Outcome reset = learner.command(state, new Command.Reset());
        step.write(step.plan(MODEL, state, reset, null));
        assertThat(store.get(MODEL)).isNull();
        assertThat(recent.get(MODEL)).isNull();
    }

    @Test
    void shouldPlanWithoutWritingSoThatARecordThatFailsLaterLeavesTheTextsAsTheyWere() {
        init();
        final Example taught = example("{\"features\": {\"u\": \"user-1\"}, \"y\": 1}");
        final Outcome first = learner.train(null, taught, Position.train(0, 0));
        final NamesStep.Plan plan = step.plan(MODEL, null, first, taught);
        assertThat(store.get(MODEL)).isNull();
        assertThat(recent.get(MODEL)).isNull();

        step.write(plan);
        assertThat(names()).isEqualTo(FeatureNames.NONE.seen((HashedFeatures) taught.features(), 2));
        final Outcome scored = learner.validate(first.state(), taught);
        assertThat(step.plan(MODEL, first.state(), scored, taught))
                .as("a scored record teaches nothing")
                .isNull();
    }
}
