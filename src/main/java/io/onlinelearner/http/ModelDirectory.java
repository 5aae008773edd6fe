package io.onlinelearner.http;

import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.store.KeyOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the HTTP API finds models: this instance's part of the state store, the other instances,
 * whether every partition has a running owner, and a hint of which instance owns a model id.
 * {@link ModelLocator} combines them. The Kafka Streams implementation is
 * {@link StreamsModelDirectory}; tests use fakes.
 */
public interface ModelDirectory {

    /**
     * The state of a model held by this instance.
     *
     * @throws NotReadyException while the store cannot be queried (starting, rebalancing)
     */
    Optional<ModelState> find(String id);

    /**
     * The label bookkeeping (labels that come later: remembered requests, served loss) of a model
     * held by this instance, that of a model with none yet when it has none, or empty when
     * {@code learner.labels.enabled=false}: a snapshot then shows {@code servedLoss} and
     * {@code pending} exactly when the snapshots on {@code models} do.
     *
     * @throws NotReadyException while the store cannot be queried
     */
    default Optional<ModelLabels> labels(final String id) {
        return Optional.empty();
    }

    /**
     * The feature texts kept for a hashed model held by this instance, in the store of texts
     * ({@code learner.features.keep-names}); empty when it has none there or the texts are not kept.
     *
     * @throws NotReadyException while the store cannot be queried
     */
    default Optional<FeatureNames> featureNames(final String id) {
        return Optional.empty();
    }

    /**
     * The first {@code limit} models held by this instance whose id follows {@code after} (null:
     * from the first), in {@link KeyOrder#UTF8}, and whether more follow; reads no more than that
     * page from each of the instance's store partitions.
     *
     * @throws NotReadyException while the store cannot be queried
     */
    Page<ModelState> page(String after, int limit);

    /**
     * Which instance would hold {@code id} if its records were partitioned by murmur2, as Kafka's
     * Java clients and Kafka Streams partition keys: a hint of whom to ask first, never an answer,
     * since producers may partition otherwise.
     */
    Location locate(String id);

    /**
     * Who holds which partitions of the store, as this instance sees it now: present when every
     * partition of the store has a running owner and this instance runs the tasks given to it, so
     * that "no instance holds it" means the model does not exist; empty while starting or
     * rebalancing. Two views are equal only when no partition moved between them: an answer of
     * "not found" compares the view taken before its first read with the one after its last, since
     * a partition that moves in between (an instance restarting and taking it over while it is
     * asked) can be missed by every read.
     */
    default Optional<Assignment> assignment() {
        return Optional.of(Assignment.SINGLE);
    }

    /** The other instances' HTTP addresses ({@code host:port}). */
    List<String> peers();

    /**
     * Which input partitions each instance holds, by its {@code host:port}, and which this
     * instance's active tasks read: compared for equality only.
     *
     * @param owners the partitions each instance holds, as the group's metadata names them
     * @param local  the input partitions of this instance's active tasks
     */
    record Assignment(Map<String, Set<TopicPartition>> owners, Set<TopicPartition> local) {

        /** The view of a directory that never moves: one instance that holds everything. */
        public static final Assignment SINGLE = new Assignment(Map.of(), Set.of());

        /** Copies both, so that a view never changes after it was taken. */
        public Assignment {
            owners = owners.entrySet().stream()
                    .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
            local = Set.copyOf(local);
        }
    }

    /**
     * Where a model lives.
     *
     * @param kind     this instance, another one, or not known now
     * @param hostPort the other instance's {@code host:port}; null unless {@code REMOTE}
     */
    record Location(Kind kind, String hostPort) {

        /** Held here. */
        public static final Location LOCAL = new Location(Kind.LOCAL, null);
        /** Not known now, e.g. during a rebalance. */
        public static final Location UNAVAILABLE = new Location(Kind.UNAVAILABLE, null);

        /** Held by the instance whose HTTP API is at {@code hostPort}. */
        public static Location remote(final String hostPort) {
            return new Location(Kind.REMOTE, hostPort);
        }

        /** The kinds of location. */
        public enum Kind {
            /** This instance. */
            LOCAL,
            /** Another instance. */
            REMOTE,
            /** Not known now. */
            UNAVAILABLE
        }
    }

    /**
     * A model's stored state that this build cannot read (a newer format, a corrupt value); the API
     * answers 500 with the message, and lists leave the model out.
     */
    final class UnreadableException extends RuntimeException {

        /** For model {@code id}, whose state failed to read with {@code cause}. */
        public UnreadableException(final String id, final RuntimeException cause) {
            super(
                    "the stored state of model '" + id + "' cannot be read (" + cause.getMessage()
                            + "); its records go to dead letters until a build that reads it runs, or its state is "
                            + "deleted",
                    cause);
        }
    }

    /** The store cannot be queried now; the API answers 503. */
    final class NotReadyException extends RuntimeException {

        /** With a message saying why. */
        public NotReadyException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }
}
