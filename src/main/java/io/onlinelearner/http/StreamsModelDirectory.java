package io.onlinelearner.http;

import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.labels.LabelSettings;
import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.serde.NamesFormat;
import io.onlinelearner.serde.PendingFormat;
import io.onlinelearner.store.ReadableEntries;
import io.onlinelearner.topology.Names;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ModelDirectory} of a running {@link KafkaStreams} client: interactive queries on the
 * local {@link Names#STORE} (every active partition of this instance; a listing page reads each
 * partition's sorted store from its start id, as RocksDB seeks, and merges) and the streams metadata,
 * which knows every instance's {@code application.server}, i.e. its HTTP address, and which
 * partitions each one runs. Its {@link #locate} is murmur2's answer, a hint only. With labels that
 * come later, a model's label bookkeeping is read from {@link Names#LABELS_STORE}, which the same
 * task holds next to the model's state; a hashed model's feature texts likewise from
 * {@link Names#FEATURE_NAMES_STORE} and {@link Names#FEATURE_NAMES_RECENT_STORE}.
 */
public final class StreamsModelDirectory implements ModelDirectory {

    private static final int MAX_NAME_READS = 16;

    private static final Logger LOG = LoggerFactory.getLogger(StreamsModelDirectory.class);

    private final KafkaStreams streams;
    private final AtomicLong unreadable = new AtomicLong();
    private final HostInfo self;
    private final LabelSettings labels;
    private final boolean featureNames;
    private final OptionalInt storeSubtopology;
    private final RestoringPartitions restoring;

    /**
     * A directory over {@code streams}, whose {@code application.server} is {@code self}, or null
     * when it has none (a single instance: every model is then looked up locally); labels that
     * come later are off, texts are not kept, and every task holds the store.
     */
    public StreamsModelDirectory(final KafkaStreams streams, final HostInfo self) {
        this(streams, self, null, false, OptionalInt.empty(), new RestoringPartitions());
    }

    /**
     * A directory over {@code streams}, whose {@code application.server} is {@code self} (null: a
     * single instance).
     *
     * @param labels           reads the models' label bookkeeping when enabled (null or disabled: off)
     * @param featureNames     reads hashed models' feature texts from {@link Names#FEATURE_NAMES_STORE}
     *                         and {@link Names#FEATURE_NAMES_RECENT_STORE} ({@code learner.features.keep-names}
     *                         in hashed mode): recent, base, recent, until both reads of the recent
     *                         texts agree, so that a merge of the recent texts into the base on the
     *                         stream thread in between is never seen half done
     * @param storeSubtopology the sub-topology whose tasks hold the stores (see {@code
     *                         LearnerTopology.storeSubtopology}; empty: every task): with re-keyed
     *                         inputs an instance may run a partition's re-keying task without its
     *                         learner task, so a listing must read only the learner's tasks
     * @param restoring        the store partitions being restored, told by the global restore
     *                         listener of {@code streams}: not ready while they are
     */
    public StreamsModelDirectory(
            final KafkaStreams streams,
            final HostInfo self,
            final LabelSettings labels,
            final boolean featureNames,
            final OptionalInt storeSubtopology,
            final RestoringPartitions restoring) {
        this.restoring = restoring;
        this.streams = streams;
        this.self = self;
        this.labels = labels != null && labels.enabled() ? labels : null;
        this.featureNames = featureNames;
        this.storeSubtopology = storeSubtopology;
    }

    /**
     * The model in this instance's partitions of the store, each read apart, so that a partition
     * being restored (which refuses reads) does not hide the models of the others; not ready when
     * no partition has it and some could not be read.
     */
    @Override
    public Optional<ModelState> find(final String id) {
        NotReadyException unavailable = null;
        for (final int partition : localPartitions()) {
            if (restoring.restoring(partition)) {
                unavailable = new NotReadyException(
                        "the model store's partition " + partition + " is being restored here", null);
                continue;
            }
            try {
                final ModelState state = store(partition).get(id);
                if (state != null) {
                    return Optional.of(state);
                }
            } catch (SerializationException e) {
                throw new UnreadableException(id, e);
            } catch (InvalidStateStoreException | NotReadyException e) {
                unavailable = new NotReadyException(
                        "the model store's partition " + partition + " is not available now: " + e.getMessage(), e);
            }
        }
        if (unavailable != null) {
            throw unavailable;
        }
        return Optional.empty();
    }

    @Override
    public Optional<ModelLabels> labels(final String id) {
        if (labels == null) {
            return Optional.empty();
        }
        try {
            final ReadOnlyKeyValueStore<Bytes, byte[]> store = store(StoreQueryParameters.fromNameAndType(
                    Names.LABELS_STORE, QueryableStoreTypes.<Bytes, byte[]>keyValueStore()));
            final ModelLabels value = PendingFormat.labels(key -> store.get(Bytes.wrap(key)), id, labels.window());
            return Optional.of(value == null ? ModelLabels.none(labels.window()) : value);
        } catch (InvalidStateStoreException e) {
            throw new NotReadyException("the labels store is not available now: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<FeatureNames> featureNames(final String id) {
        if (!featureNames) {
            return Optional.empty();
        }
        try {
            final ReadOnlyKeyValueStore<String, byte[]> bases = namesStore(Names.FEATURE_NAMES_STORE);
            final ReadOnlyKeyValueStore<String, byte[]> recents = namesStore(Names.FEATURE_NAMES_RECENT_STORE);
            byte[] recent = recents.get(id);
            for (int read = 0; read < MAX_NAME_READS; read++) {
                final byte[] base = bases.get(id);
                final byte[] again = recents.get(id);
                if (Arrays.equals(recent, again)) {
                    return Optional.ofNullable(NamesFormat.merge(base, recent)).map(NamesFormat::decode);
                }
                recent = again;
            }
            throw new NotReadyException(
                    "the feature texts of " + id + " changed during " + MAX_NAME_READS + " reads", null);
        } catch (InvalidStateStoreException e) {
            throw new NotReadyException("the feature names store is not available now: " + e.getMessage(), e);
        }
    }

    private ReadOnlyKeyValueStore<String, byte[]> namesStore(final String name) {
        return store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }

    @Override
    public Page<ModelState> page(final String after, final int limit) {
        final List<Page<ModelState>> parts = new ArrayList<>();
        final SortedSet<Integer> partitions = localPartitions();
        if (restoring.anyRestoring(partitions)) {
            throw new NotReadyException("a partition of the model store is being restored here", null);
        }
        try {
            for (final int partition : partitions) {
                final ReadOnlyKeyValueStore<String, ModelState> store = store(partition);
                try (KeyValueIterator<String, ModelState> sorted =
                        after == null ? store.all() : store.range(after, null)) {
                    parts.add(Page.of(entries(sorted), after, limit));
                }
            }
        } catch (InvalidStateStoreException e) {
            throw new NotReadyException("the model store is not available now: " + e.getMessage(), e);
        }
        return Page.merge(parts, limit);
    }

    @Override
    public Location locate(final String id) {
        if (self == null) {
            return Location.LOCAL;
        }
        return locate(
                () -> streams.queryMetadataForKey(
                        Names.STORE, id, Serdes.String().serializer()),
                self);
    }

    /**
     * Where {@code lookup}'s metadata puts a model, seen from {@code self}: unavailable whenever
     * Kafka Streams cannot tell, which includes a lookup that fails because it is not running or
     * is rebalancing, and one that divides by a partition count of 0 while a source topic has no
     * metadata (its key partitioner's answer then, as in KAFKA-9651).
     */
    static Location locate(final Supplier<KeyQueryMetadata> lookup, final HostInfo self) {
        final KeyQueryMetadata metadata;
        try {
            metadata = lookup.get();
        } catch (StreamsException | IllegalStateException | InvalidTopicException | ArithmeticException e) {
            return Location.UNAVAILABLE;
        }
        if (metadata == null
                || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
                || metadata.activeHost() == null
                || metadata.activeHost().port() < 0) {
            return Location.UNAVAILABLE;
        }
        final HostInfo owner = metadata.activeHost();
        return owner.equals(self) ? Location.LOCAL : Location.remote(owner.host() + ":" + owner.port());
    }

    @Override
    public Optional<Assignment> assignment() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return Optional.empty();
        }
        try {
            final List<TaskMetadata> tasks = activeTasks().toList();
            if (restoring.anyRestoring(storePartitions(tasks.stream(), storeSubtopology))) {
                return Optional.empty();
            }
            final Set<TopicPartition> local = tasks.stream()
                    .flatMap(task -> task.topicPartitions().stream())
                    .collect(Collectors.toSet());
            if (self == null) {
                return Optional.of(new Assignment(Map.of(), local));
            }
            final Map<HostInfo, Set<TopicPartition>> owners = new HashMap<>();
            for (final StreamsMetadata instance : streams.streamsMetadataForStore(Names.STORE)) {
                owners.computeIfAbsent(instance.hostInfo(), h -> new HashSet<>())
                        .addAll(instance.topicPartitions());
            }
            if (!Coverage.complete(owners, self, local)) {
                return Optional.empty();
            }
            final Map<String, Set<TopicPartition>> byAddress = new HashMap<>();
            owners.forEach((host, partitions) -> byAddress.put(host.host() + ":" + host.port(), partitions));
            return Optional.of(new Assignment(byAddress, local));
        } catch (StreamsException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> peers() {
        if (self == null) {
            return List.of();
        }
        try {
            return streams.streamsMetadataForStore(Names.STORE).stream()
                    .map(StreamsMetadata::hostInfo)
                    .filter(host -> !host.equals(self) && host.port() >= 0)
                    .map(host -> host.host() + ":" + host.port())
                    .distinct()
                    .sorted()
                    .toList();
        } catch (StreamsException | IllegalStateException e) {
            return List.of();
        }
    }

    private ReadOnlyKeyValueStore<String, ModelState> store(final int partition) {
        return store(StoreQueryParameters.fromNameAndType(
                        Names.STORE, QueryableStoreTypes.<String, ModelState>keyValueStore())
                .withPartition(partition));
    }

    /** The partitions of this instance's active tasks that hold one partition of the store each. */
    private SortedSet<Integer> localPartitions() {
        return storePartitions(activeTasks(), storeSubtopology);
    }

    /** The partitions of those {@code tasks} that belong to {@code subtopology} (empty: all of them). */
    static SortedSet<Integer> storePartitions(final Stream<TaskMetadata> tasks, final OptionalInt subtopology) {
        return tasks.map(TaskMetadata::taskId)
                .filter(task -> subtopology.isEmpty() || task.subtopology() == subtopology.getAsInt())
                .map(TaskId::partition)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Stream<TaskMetadata> activeTasks() {
        return streams.metadataForLocalThreads().stream().flatMap(thread -> thread.activeTasks().stream());
    }

    /** The readable entries of {@code sorted}; see {@link ReadableEntries}. */
    private Iterator<Map.Entry<String, ModelState>> entries(final KeyValueIterator<String, ModelState> sorted) {
        return new ReadableEntries<>(sorted, this::skipped);
    }

    private void skipped(final SerializationException e) {
        final long count = unreadable.incrementAndGet();
        if (Long.bitCount(count) == 1) {
            LOG.warn(
                    "Listing models: left out a stored model state that cannot be read ({} so far): {}",
                    count,
                    e.getMessage());
        }
    }

    private <T> T store(final StoreQueryParameters<T> parameters) {
        try {
            return streams.store(parameters);
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw new NotReadyException(
                    "the store " + parameters.storeName() + " is not available now: " + e.getMessage(), e);
        }
    }
}
