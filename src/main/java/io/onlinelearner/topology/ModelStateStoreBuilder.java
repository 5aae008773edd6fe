package io.onlinelearner.topology;

import io.onlinelearner.learner.ModelState;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Builds a {@link ModelStateStore} over the store that Kafka Streams' own {@code below} builds, so
 * that the processor supplier still owns its store: name, changelog and caching settings are
 * {@code below}'s.
 */
final class ModelStateStoreBuilder implements StoreBuilder<ModelStateStore> {

    private final StoreBuilder<KeyValueStore<String, ModelState>> below;

    /** A builder of stores over what {@code below} builds. */
    ModelStateStoreBuilder(final StoreBuilder<KeyValueStore<String, ModelState>> below) {
        this.below = below;
    }

    @Override
    public StoreBuilder<ModelStateStore> withCachingEnabled() {
        below.withCachingEnabled();
        return this;
    }

    @Override
    public StoreBuilder<ModelStateStore> withCachingDisabled() {
        below.withCachingDisabled();
        return this;
    }

    @Override
    public StoreBuilder<ModelStateStore> withLoggingEnabled(final Map<String, String> config) {
        below.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<ModelStateStore> withLoggingDisabled() {
        below.withLoggingDisabled();
        return this;
    }

    @Override
    public ModelStateStore build() {
        return new ModelStateStore(below.build(), ModelStateStore.MAX_DIRTY_WEIGHT, ModelStateStore.MAX_CLEAN_WEIGHT);
    }

    @Override
    public Map<String, String> logConfig() {
        return below.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return below.loggingEnabled();
    }

    @Override
    public String name() {
        return below.name();
    }
}
