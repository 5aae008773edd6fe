package io.onlinelearner.topology;

import io.onlinelearner.config.Topics;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.serde.ModelStateSerde;
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
    private final Topics topics;
    private final LearnerListener listener;
    private final InputFormat format;

    /** A supplier of processors running {@code learner} on JSON {@code topics}, reporting to {@code listener}. */
    public LearnerProcessorSupplier(final Learner learner, final Topics topics, final LearnerListener listener) {
        this(learner, topics, InputFormat.JSON, listener);
    }

    /** A supplier of processors running {@code learner} on {@code topics} in {@code format}, reporting to {@code listener}. */
    public LearnerProcessorSupplier(final Learner learner, final Topics topics, final InputFormat format,
            final LearnerListener listener) {
        this.learner = learner;
        this.topics = topics;
        this.format = format;
        this.listener = listener;
    }

    @Override
    public Processor<byte[], byte[], byte[], byte[]> get() {
        return new LearnerProcessor(learner, topics, format, listener);
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
