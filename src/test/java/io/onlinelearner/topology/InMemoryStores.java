package io.onlinelearner.topology;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.serde.ModelStateSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** In-memory, unlogged versions of the learner's stores, initialised and added to a mock context. */
final class InMemoryStores {

    private InMemoryStores() {}

    /** The idle index's store ({@link Names#LAST_SEEN_STORE}). */
    static KeyValueStore<Bytes, byte[]> index(final MockProcessorContext<?, ?> context) {
        return added(
                context,
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(Names.LAST_SEEN_STORE), Serdes.Bytes(), Serdes.ByteArray())
                        .withLoggingDisabled()
                        .build());
    }

    /** The model states' store ({@link Names#STORE}), at the default learning rate. */
    static KeyValueStore<String, ModelState> models(final MockProcessorContext<?, ?> context) {
        return added(
                context,
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(Names.STORE),
                                Serdes.String(),
                                new ModelStateSerde(
                                        LearnerConfig.defaults().adam().learningRate()))
                        .withLoggingDisabled()
                        .build());
    }

    private static <K, V> KeyValueStore<K, V> added(
            final MockProcessorContext<?, ?> context, final KeyValueStore<K, V> store) {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}
