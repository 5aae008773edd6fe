package io.onlinelearner.topology;

import io.onlinelearner.learner.ModelState;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads a model's state so that one state this build cannot read (a newer build's format, or
 * corrupt bytes) stops only that model, not its task. Kafka Streams would fail the task on the
 * {@link SerializationException} and meet it again after every restart, so no model of the task
 * would learn again; as an {@link Unreadable}, the record that read it goes to the dead-letter topic
 * with the cause, like any record the learner fails on, and changes nothing, while the task's other
 * models go on. The state stays as it is, for a build that reads it.
 */
final class StateReads {

    private StateReads() {}

    /**
     * {@code model}'s state in {@code store}, or null when it has none.
     *
     * @throws Unreadable when the stored state cannot be deserialized
     */
    static ModelState read(final KeyValueStore<String, ModelState> store, final String model) {
        try {
            return store.get(model);
        } catch (SerializationException e) {
            throw new Unreadable(model, e);
        }
    }

    /** A model's stored state that this build cannot read. */
    static final class Unreadable extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        Unreadable(final String model, final SerializationException cause) {
            super(
                    "the stored state of model '" + model + "' cannot be read (" + cause.getMessage()
                            + "); its records go to dead letters until a build that reads it runs, "
                            + "or its state is deleted",
                    cause);
        }
    }
}
