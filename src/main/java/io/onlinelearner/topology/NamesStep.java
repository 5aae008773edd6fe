package io.onlinelearner.topology;

import io.onlinelearner.learner.ControlEvent;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.serde.NamesFormat;
import io.onlinelearner.serde.NamesFormat.Texts;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The feature texts of hashed models ({@code learner.features.keep-names}), kept in their own
 * changelogged stores apart from the models' states, so that the state written at every record
 * never carries them and texts are written only when a record teaches one. A model's texts are a
 * base ({@link Names#FEATURE_NAMES_STORE}) and the recent texts that follow it
 * ({@link Names#FEATURE_NAMES_RECENT_STORE}), both in the layout of {@link NamesFormat}: a record
 * that teaches a text rewrites only the recent ones, which are merged into the base once they are
 * due ({@link NamesFormat#due}). A record's texts are planned before anything of it is written, and
 * written with its state ({@link #plan}, {@link #write}). After each record's outcome: a reset forgets the model's texts;
 * then an applied training step adds the example's texts that its indices lack (the first {@code
 * names-per-index} seen per index). A state read in format 4 still carries its texts ({@link
 * ModelState#names()}): the first record of such a model moves them to the base. With {@code
 * keep-names=false} the records carry no texts, so none is learnt, but a reset (and an eviction) still
 * forgets the model's texts kept from a time they were on: turned on again, a model never shows
 * the texts of an earlier model of its id. One instance per processor; not thread-safe.
 */
final class NamesStep {

    private final int perIndex;
    private KeyValueStore<String, byte[]> baseStore;
    private KeyValueStore<String, byte[]> recentStore;

    /** @param perIndex {@code learner.features.names-per-index} */
    NamesStep(final int perIndex) {
        this.perIndex = perIndex;
    }

    /** Finds the task's stores. */
    void init(final ProcessorContext<?, ?> context) {
        baseStore = context.getStateStore(Names.FEATURE_NAMES_STORE);
        recentStore = context.getStateStore(Names.FEATURE_NAMES_RECENT_STORE);
    }

    /**
     * Computes what {@code outcome}, from {@code before} (null: the model had no state) and the
     * record's {@code example} (null for a command), does to the model's texts, reading the stores
     * and writing nothing; null when nothing changes. Texts that {@code before} carries from format
     * 4 move to the base when the stores have none for the model and the state is written (in
     * format 6, without them).
     */
    Plan plan(final String model, final ModelState before, final Outcome outcome, final Example example) {
        final boolean reset = resets(outcome);
        final boolean learns = outcome.kind() == Outcome.Kind.APPLIED
                && example != null
                && example.features() instanceof HashedFeatures hashed
                && hashed.hasNames();
        final boolean moves = before != null && before.names().size() > 0 && outcome.write();
        if (!reset && !learns && !moves) {
            return null;
        }
        final byte[] storedBase = baseStore.get(model);
        final byte[] storedRecent = recentStore.get(model);
        final boolean carried = storedBase == null && storedRecent == null && before != null;
        Texts texts = reset
                ? Texts.NONE
                : carried ? new Texts(NamesFormat.encode(before.names()), null) : new Texts(storedBase, storedRecent);
        if (learns) {
            texts = texts.learn((HashedFeatures) example.features(), perIndex);
        }
        return new Plan(model, storedBase, storedRecent, texts);
    }

    /** Writes what {@link #plan} computed: at most one write per store, none when nothing changed. */
    void write(final Plan plan) {
        if (plan != null) {
            write(baseStore, plan.model, plan.storedBase, plan.after.base());
            write(recentStore, plan.model, plan.storedRecent, plan.after.recent());
        }
    }

    private static void write(
            final KeyValueStore<String, byte[]> store, final String model, final byte[] stored, final byte[] after) {
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

    /**
     * A model's texts as they are stored and as a record leaves them.
     *
     * @param model        the model id
     * @param storedBase   the stored base, or null
     * @param storedRecent the stored recent texts, or null
     * @param after        the texts after the record
     */
    record Plan(String model, byte[] storedBase, byte[] storedRecent, Texts after) {}

    /** Forgets {@code model}'s texts: it was evicted. */
    void forget(final String model) {
        baseStore.delete(model);
        recentStore.delete(model);
    }
}
