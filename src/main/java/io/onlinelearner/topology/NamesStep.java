package io.onlinelearner.topology;

import io.onlinelearner.learner.ControlEvent;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.serde.NamesFormat;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The feature texts of hashed models ({@code learner.features.keep-names}), kept in their own
 * changelogged store ({@link Names#FEATURE_NAMES_STORE}, in the layout of {@link NamesFormat}) apart
 * from the models' states, so that the state written at every record never carries them and the
 * texts are written only when a record teaches one. After each record's outcome: a reset forgets
 * the model's texts; then an applied training step adds the example's texts that its indices lack
 * (the first {@code names-per-index} seen per index). A state read in format 4 still carries its
 * texts ({@link ModelState#names()}): the first record of such a model moves them to the store.
 * One instance per processor; not thread-safe.
 */
final class NamesStep {

    private final int perIndex;
    private KeyValueStore<String, byte[]> store;

    /** @param perIndex {@code learner.features.names-per-index} */
    NamesStep(final int perIndex) {
        this.perIndex = perIndex;
    }

    /** Finds the task's store. */
    void init(final ProcessorContext<?, ?> context) {
        store = context.getStateStore(Names.FEATURE_NAMES_STORE);
    }

    /**
     * Writes what {@code outcome}, from {@code before} (null: the model had no state) and the
     * record's {@code example} (null for a command), did to the model's texts: at most one write,
     * none when nothing changed. Texts that {@code before} carries from format 4 are written when
     * the store has none for the model and the state is written (in format 5, without them).
     */
    void after(final String model, final ModelState before, final Outcome outcome, final Example example) {
        final boolean reset = resets(outcome);
        final boolean learns = outcome.kind() == Outcome.Kind.APPLIED
                && example != null
                && example.features() instanceof HashedFeatures hashed
                && hashed.hasNames();
        final boolean moves = before != null && before.names().size() > 0 && outcome.write();
        if (!reset && !learns && !moves) {
            return;
        }
        final byte[] stored = store.get(model);
        final byte[] held = stored == null && before != null ? NamesFormat.encode(before.names()) : stored;
        final byte[] base = reset ? null : held;
        final byte[] after = learns ? NamesFormat.learn(base, (HashedFeatures) example.features(), perIndex) : base;
        if (after == null) {
            if (stored != null) {
                store.delete(model);
            }
        } else if (after != stored) {
            store.put(model, after);
        }
    }

    private static boolean resets(final Outcome outcome) {
        for (final ControlEvent event : outcome.events()) {
            if (event instanceof ControlEvent.Reset) {
                return true;
            }
        }
        return false;
    }

    /** Forgets {@code model}'s texts: it was evicted. */
    void forget(final String model) {
        store.delete(model);
    }
}
