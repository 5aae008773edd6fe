package io.onlinelearner.topology;

import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Builds one of the learner's own layers ({@link ModelStateStore}, {@link LabelsStore}) over the
 * store that Kafka Streams' own {@code below} builds, so that the processor supplier still owns its
 * store: name, changelog and caching settings are {@code below}'s.
 *
 * @param <B> the store Kafka Streams builds
 * @param <S> the layer over it
 */
final class WrappingStoreBuilder<B extends StateStore, S extends StateStore> implements StoreBuilder<S> {

    private final StoreBuilder<B> below;
    private final Function<B, S> wrap;

    /** A builder of {@code wrap}'s layers over what {@code below} builds. */
    WrappingStoreBuilder(final StoreBuilder<B> below, final Function<B, S> wrap) {
        this.below = below;
        this.wrap = wrap;
    }

    @Override
    public StoreBuilder<S> withCachingEnabled() {
        below.withCachingEnabled();
        return this;
    }

    @Override
    public StoreBuilder<S> withCachingDisabled() {
        below.withCachingDisabled();
        return this;
    }

    @Override
    public StoreBuilder<S> withLoggingEnabled(final Map<String, String> config) {
        below.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<S> withLoggingDisabled() {
        below.withLoggingDisabled();
        return this;
    }

    @Override
    public S build() {
        return wrap.apply(below.build());
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
