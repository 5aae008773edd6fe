package io.onlinelearner.topology;

import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.serde.ModelStateSerde;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Supplies a new {@link LearnerProcessor} per task and owns its store: a persistent (RocksDB),
 * cached, changelogged key-value store of {@link ModelState} by model id.
 */
public final class LearnerProcessorSupplier implements ProcessorSupplier<byte[], byte[], byte[], byte[]> {

    private final Learner learner;
    private final Map<String, Source> sources;
    private final LearnerListener listener;
    private final MisroutingDetector misrouting;

    /**
     * A supplier of processors running {@code learner} on the input topics of {@code sources} (which
     * input each topic is), reporting to {@code listener} and checking partitioning with {@code misrouting}.
     */
    public LearnerProcessorSupplier(final Learner learner, final Map<String, Source> sources,
            final LearnerListener listener, final MisroutingDetector misrouting) {
        this.learner = learner;
        this.sources = Map.copyOf(sources);
        this.listener = listener;
        this.misrouting = misrouting;
    }

    @Override
    public Processor<byte[], byte[], byte[], byte[]> get() {
        return new LearnerProcessor(learner, sources, listener, misrouting);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(storeBuilder(learner.settings().adam().learningRate()));
    }

    /**
     * The builder of the model-state store; {@code lr}, the configured learning rate, is the rate of
     * models stored in format 1 (before models had their own).
     */
    public static StoreBuilder<KeyValueStore<String, ModelState>> storeBuilder(final double lr) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.STORE), Serdes.String(),
                new ModelStateSerde(lr)).withCachingEnabled();
    }
}
