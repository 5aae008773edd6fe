package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.learner.Lineage;
import java.util.List;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Bad records, whatever their mix with good ones, never touch a model. */
class DeadLetterProperties {

    private static final List<String> BAD = List.of(
            "not json",
            "[1, 2]",
            "{\"y\": 1}",
            "{\"x\": [1, 2]}",
            "{\"x\": [1, \"a\"], \"y\": 1}",
            "{\"x\": [NaN, 1], \"y\": 1}",
            "{\"x\": [1, 2], \"y\": Infinity}",
            "{\"x\": [], \"y\": 1}",
            "{\"x\": [1, 2, 3], \"y\": 1}",
            "{\"x\": 5, \"y\": 1}",
            "{\"x\": [1, 2, 3, 4, 5], \"y\": 1}",
            "");

    /**
     * One input: to the training or validation topic, good or bad.
     *
     * @param train true for the training topic
     * @param good  true when the record is valid
     * @param json  the value
     */
    record Input(boolean train, boolean good, String json) {}

    @Provide
    Arbitrary<Input> inputs() {
        final Arbitrary<Double> value = Arbitraries.doubles().between(-10, 10).ofScale(3);
        final Arbitrary<String> good = Combinators.combine(value, value, value)
                .as((a, b, y) -> "{\"x\": [" + a + ", " + b + "], \"y\": " + y + ", \"extra\": true}");
        final Arbitrary<Input> goodInput = Combinators.combine(Arbitraries.of(true, false), good)
                .as((train, json) -> new Input(train, true, json));
        final Arbitrary<Input> badInput = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(BAD))
                .as((train, json) -> new Input(train, false, json));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, goodInput), net.jqwik.api.Tuple.of(2, badInput));
    }

    @Property(tries = 40)
    void shouldDeadLetterExactlyTheBadRecordsAndLearnAsFromTheGoodOnesAlone(
            @ForAll @Size(min = 1, max = 60) final List<@net.jqwik.api.From("inputs") Input> inputs) {
        final Properties props = new Properties();
        props.setProperty(LearnerSettings.MODEL_FEATURES.key(), "2");
        props.setProperty(LearnerSettings.MODEL_MAX_FEATURES.key(), "4");
        props.setProperty(LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), "3");
        props.setProperty(LearnerSettings.STOPPING_PATIENCE.key(), "1");
        props.setProperty(LearnerSettings.ADAM_LR.key(), "0.05");
        try (LearnerDriver mixed = new LearnerDriver(props);
                LearnerDriver clean = new LearnerDriver(props)) {
            for (final Input input : inputs) {
                mixed.pipe(input.train(), LearnerDriver.bytes("m"), LearnerDriver.bytes(input.json()));
                if (input.good()) {
                    clean.pipe(input.train(), LearnerDriver.bytes("m"), LearnerDriver.bytes(input.json()));
                }
            }
            final long bad = inputs.stream().filter(i -> !i.good()).count();
            assertThat(mixed.deadLetters().readValuesToList().stream()
                            .map(v -> v == null ? "" : new String(v))
                            .toList())
                    .containsExactlyElementsOf(inputs.stream()
                            .filter(i -> !i.good())
                            .map(Input::json)
                            .toList())
                    .hasSize((int) bad);
            assertThat(clean.deadLetters().isEmpty()).isTrue();
            assertThat(Lineage.without(mixed.store().get("m")))
                    .isEqualTo(Lineage.without(clean.store().get("m")));
            assertThat(LearnerDriver.withoutLineage(mixed.models()))
                    .isEqualTo(LearnerDriver.withoutLineage(clean.models()));
            assertThat(LearnerDriver.withoutLineage(mixed.control()))
                    .isEqualTo(LearnerDriver.withoutLineage(clean.control()));
        }
    }
}
