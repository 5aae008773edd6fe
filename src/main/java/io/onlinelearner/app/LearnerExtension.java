package io.onlinelearner.app;

import io.onlinelearner.topology.LearnerListener;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * What plugs into a running learner from outside the topology, such as metrics and the HTTP API:
 * a listener told of every record, a chance to add Kafka Streams properties (e.g.
 * {@code application.server} once the HTTP port is bound), and a hook run once Kafka Streams has
 * started. The application calls them in the order {@link #listener()}, {@link #configure},
 * {@link #created}, {@link #started}, and closes the extension once Kafka Streams has closed.
 */
public interface LearnerExtension extends AutoCloseable {

    /** An extension that adds nothing. */
    LearnerExtension NONE = new LearnerExtension() {};

    /** The listener passed to the topology; called on stream threads for every record. */
    default LearnerListener listener() {
        return LearnerListener.NONE;
    }

    /** Called once, before Kafka Streams is created, with the properties it will get; may add to them. */
    default void configure(final Properties streamsProperties) {}

    /**
     * Called once, after Kafka Streams is created and before it starts, e.g. to set its global
     * restore listener.
     */
    default void created(final KafkaStreams streams) {}

    /**
     * Called once, right after {@link KafkaStreams#start()}, e.g. to serve interactive queries.
     *
     * @param topology the topology {@code streams} runs
     */
    default void started(final KafkaStreams streams, final Topology topology) {}

    /** Called at every state Kafka Streams enters, from the thread that changed it (it may precede {@link #started}). */
    default void stateChanged(final KafkaStreams.State state) {}

    /** Releases what {@link #started} acquired; must not throw. */
    @Override
    default void close() {}
}
