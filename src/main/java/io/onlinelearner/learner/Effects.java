package io.onlinelearner.learner;

import java.util.ArrayList;
import java.util.List;

/**
 * The control events and snapshots one record produces, collected in order while the learner
 * handles it. Lists are created only when something is added, so the common record allocates nothing
 * here. Not thread-safe; one per record.
 */
final class Effects {

    private List<ControlEvent> events = List.of();
    private List<ModelState> snapshots = List.of();

    /** Adds an event. */
    void event(final ControlEvent event) {
        if (events.isEmpty()) {
            events = new ArrayList<>(2);
        }
        events.add(event);
    }

    /** Adds a state to publish as a snapshot. */
    void snapshot(final ModelState state) {
        if (snapshots.isEmpty()) {
            snapshots = new ArrayList<>(2);
        }
        snapshots.add(state);
    }

    /** The outcome with these effects. */
    Outcome outcome(final Outcome.Kind kind, final ModelState state, final boolean write, final double loss) {
        return new Outcome(kind, state, write, events, snapshots, loss);
    }
}
