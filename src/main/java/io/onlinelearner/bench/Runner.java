package io.onlinelearner.bench;

/** What an end-to-end measurement runs over the same records. */
public enum Runner {
    /** A plain KafkaConsumer that reads and parses every record: the raw limit. */
    RAW,
    /** A trivial stateful Kafka Streams app, a count per key in the same kind of store: the framework baseline. */
    BASELINE,
    /** The learner's topology. */
    LEARNER
}
