package io.onlinelearner.topology;

import io.onlinelearner.labels.LabelJoiner;
import io.onlinelearner.labels.Labelling;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.optim.AdamHyperparameters;
import io.onlinelearner.serde.ModelStateSerde;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Supplies a new {@link LearnerProcessor} per task and owns its stores: a persistent (RocksDB),
 * changelogged key-value store of {@link ModelState} by model id under a {@link ModelStateStore}, with labels that
 * come later the store of the task's remembered requests ({@link #labelsStoreBuilder()}), the store
 * of the models by last-seen time for idle eviction ({@link #lastSeenStoreBuilder()}; kept empty while
 * eviction is off, see {@link IdleIndexWhileOff}), and
 * with hashed features the stores of the texts ({@link #namesStoreBuilder()}; with
 * {@code keep-names=false} no text is learnt, but a reset or an eviction still forgets a model's
 * texts, so that those kept from before never outlive their model).
 */
public final class LearnerProcessorSupplier implements ProcessorSupplier<byte[], byte[], byte[], byte[]> {

    private final ProcessorWiring wiring;
    private final LabelJoiner labels;

    /**
     * A supplier of processors built from {@code wiring}.
     *
     * @param labels the join of labels that come later; null when they are off
     */
    public LearnerProcessorSupplier(final ProcessorWiring wiring, final LabelJoiner labels) {
        this.wiring = wiring;
        this.labels = labels;
    }

    @Override
    public Processor<byte[], byte[], byte[], byte[]> get() {
        return new LearnerProcessor(
                wiring, labels == null ? null : new LabelsStep(new Labelling(wiring.learner(), labels)));
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        final Set<StoreBuilder<?>> stores = new HashSet<>();
        stores.add(storeBuilder(wiring.learner().settings().adam()));
        if (labels != null) {
            stores.add(labelsStoreBuilder());
        }
        stores.add(lastSeenStoreBuilder());
        if (wiring.learner().settings().hashing().isPresent()) {
            stores.add(namesStoreBuilder(Names.FEATURE_NAMES_STORE));
            stores.add(namesStoreBuilder(Names.FEATURE_NAMES_RECENT_STORE));
        }
        return Set.copyOf(stores);
    }

    /**
     * The builder of the store of models by last-seen time (idle eviction): persistent (RocksDB),
     * cached and changelogged like the model states, in the layout of {@link IdleIndex}.
     */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> lastSeenStoreBuilder() {
        return Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(Names.LAST_SEEN_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled();
    }

    /**
     * The builder of a store of hashed models' feature texts ({@code learner.features.keep-names}),
     * {@link Names#FEATURE_NAMES_STORE} or {@link Names#FEATURE_NAMES_RECENT_STORE}: persistent
     * (RocksDB), cached and changelogged, keyed by model id, in the layout of
     * {@link io.onlinelearner.serde.NamesFormat}.
     */
    public static StoreBuilder<KeyValueStore<String, byte[]>> namesStoreBuilder(final String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled();
    }

    /**
     * The builder of the store of remembered requests (labels that come later): a {@link
     * LabelsStore}, which holds the writes of a commit as values until the commit, over a persistent
     * (RocksDB), cached and changelogged store like the model states', keyed by the ordered bytes of
     * {@link io.onlinelearner.serde.PendingFormat}.
     */
    public static StoreBuilder<LabelsStore> labelsStoreBuilder() {
        return new WrappingStoreBuilder<>(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(Names.LABELS_STORE), Serdes.Bytes(), Serdes.ByteArray())
                        .withCachingEnabled(),
                below -> new LabelsStore(below, LabelsStore.MAX_HELD_WEIGHT));
    }

    /**
     * The builder of the model-state store: a {@link ModelStateStore}, which writes each model's
     * state once per commit, over a {@link BaseAndRecentStore}, which writes a hashed model as a base
     * and the entries changed since, over a persistent (RocksDB), changelogged key-value store of
     * bytes without Kafka Streams' record cache: the layer above already folds a busy model's writes
     * into one per commit, and under it the cache only added a sorted map of serialized states, and
     * its key comparisons, to every write (docs/performance.md). The states its tasks hold dirty,
     * clean and as written weigh at most an eighth of the JVM's heap each ({@link HeldBound}), the
     * last mostly the same objects as the others. {@code adam}'s learning
     * rate is the rate of models stored in format 1 (before models had their own); its β1 and β2 let
     * the serde store a hashed model's first-step moments as gradients.
     */
    public static StoreBuilder<ModelStateStore> storeBuilder(final AdamHyperparameters adam) {
        final ModelStateSerde serde = new ModelStateSerde(adam.learningRate(), adam.beta1(), adam.beta2());
        final long heap = Runtime.getRuntime().maxMemory();
        final HeldBound dirty = HeldBound.ofHeap(heap);
        final HeldBound clean = HeldBound.ofHeap(heap);
        final HeldBound kept = HeldBound.ofHeap(heap);
        return new WrappingStoreBuilder<>(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(Names.STORE), Serdes.Bytes(), Serdes.ByteArray())
                        .withCachingDisabled(),
                below -> new ModelStateStore(new BaseAndRecentStore(below, serde, kept), dirty, clean));
    }
}
