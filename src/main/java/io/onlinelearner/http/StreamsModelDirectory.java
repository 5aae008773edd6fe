package io.onlinelearner.http;

import io.onlinelearner.learner.ModelState;
import io.onlinelearner.topology.Names;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The {@link ModelDirectory} of a running {@link KafkaStreams} client: interactive queries on the
 * local {@link Names#STORE} (every active partition of this instance) and the streams metadata,
 * which knows every instance's {@code application.server}, i.e. its HTTP address, and which
 * partitions each one runs. Its {@link #locate} is murmur2's answer, a hint only.
 */
public final class StreamsModelDirectory implements ModelDirectory {

    private final KafkaStreams streams;
    private final HostInfo self;

    /**
     * A directory over {@code streams}, whose {@code application.server} is {@code self}, or null
     * when it has none (a single instance: every model is then looked up locally).
     */
    public StreamsModelDirectory(final KafkaStreams streams, final HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    @Override
    public Optional<ModelState> find(final String id) {
        try {
            return Optional.ofNullable(store().get(id));
        } catch (InvalidStateStoreException e) {
            throw new NotReadyException("the model store is not available now: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, ModelState> local() {
        final Map<String, ModelState> models = new LinkedHashMap<>();
        try (KeyValueIterator<String, ModelState> all = store().all()) {
            while (all.hasNext()) {
                final KeyValue<String, ModelState> entry = all.next();
                models.put(entry.key, entry.value);
            }
        } catch (InvalidStateStoreException e) {
            throw new NotReadyException("the model store is not available now: " + e.getMessage(), e);
        }
        return models;
    }

    @Override
    public Location locate(final String id) {
        if (self == null) {
            return Location.LOCAL;
        }
        final KeyQueryMetadata metadata;
        try {
            metadata =
                    streams.queryMetadataForKey(Names.STORE, id, Serdes.String().serializer());
        } catch (StreamsException | IllegalStateException | InvalidTopicException e) {
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
    public boolean complete() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        if (self == null) {
            return true;
        }
        try {
            final Map<String, Set<Integer>> partitions = new HashMap<>();
            for (final StreamsMetadata instance : streams.streamsMetadataForStore(Names.STORE)) {
                if (instance.hostInfo().port() < 0) {
                    return false;
                }
                instance.topicPartitions()
                        .forEach(tp -> partitions
                                .computeIfAbsent(tp.topic(), t -> new HashSet<>())
                                .add(tp.partition()));
            }
            return !partitions.isEmpty()
                    && partitions.values().stream()
                            .allMatch(held -> held.size()
                                    == held.stream()
                                                    .mapToInt(Integer::intValue)
                                                    .max()
                                                    .orElse(-1)
                                            + 1)
                    && partitions.values().stream()
                                    .mapToInt(Set::size)
                                    .distinct()
                                    .count()
                            == 1;
        } catch (StreamsException | IllegalStateException e) {
            return false;
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

    private ReadOnlyKeyValueStore<String, ModelState> store() {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(
                    Names.STORE, QueryableStoreTypes.<String, ModelState>keyValueStore()));
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw new NotReadyException("the model store is not available now: " + e.getMessage(), e);
        }
    }
}
