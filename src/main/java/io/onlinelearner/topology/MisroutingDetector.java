package io.onlinelearner.topology;

import io.onlinelearner.config.LearnerSettings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices input records that were not partitioned the way Kafka's Java clients and Kafka Streams
 * partition them: a record is misrouted when its partition is not
 * {@code Utils.toPositive(Utils.murmur2(key)) % partitions}, which is what happens when a
 * librdkafka client (Python, Go, .NET, Node, kcat) writes with its default CRC32 partitioner. Such
 * a record is still processed where it is; the detector only counts it (through
 * {@link LearnerListener#onMisrouted}) and logs one WARN per topic, on the first one, with the fix
 * for its kind (keyed or keyless); later ones of either kind on that topic are only counted.
 *
 * <p>A record with a null or empty key belongs to the model {@code default}, whose partition is
 * murmur2's for the key {@code default}. Clients put such records elsewhere: Java's producer
 * spreads null keys over partitions (sticky) and hashes an empty key to one partition of its own,
 * librdkafka's {@code consistent_random} spreads both. With more than one partition the model
 * {@code default} is then learned apart from the records keyed {@code default} (those of the
 * learner's own {@code produce} and {@code model} commands), or split into one state per task:
 * such records are counted and logged as misrouted, with the advice to key them {@code default}.
 *
 * <p>One detector is shared by every task of a topology: it keeps no per-record state, and costs
 * one murmur2 over the key bytes and one map lookup per record (tens of nanoseconds for short keys).
 * Thread-safe.
 */
public final class MisroutingDetector {

    private static final Logger LOG = LoggerFactory.getLogger(MisroutingDetector.class);
    private static final MisroutingDetector OFF = new MisroutingDetector(Map.of());
    private static final byte[] DEFAULT_KEY = Names.DEFAULT_MODEL.getBytes(StandardCharsets.UTF_8);

    private final Map<String, Integer> partitions;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * A detector for the input topics in {@code partitions} (topic to partition count). Topics it
     * has no count for are not checked.
     */
    public MisroutingDetector(final Map<String, Integer> partitions) {
        this.partitions = Map.copyOf(partitions);
    }

    /** A detector that checks nothing: for inputs re-keyed through the repartition topic, or unknown counts. */
    public static MisroutingDetector off() {
        return OFF;
    }

    /**
     * Checks one record read from {@code origin} with {@code key}, logging it (once per topic) when
     * misrouted; the caller counts it.
     *
     * @return true when the record is misrouted
     */
    public boolean check(final Source source, final Origin origin, final byte[] key) {
        if (origin == null) {
            return false;
        }
        final boolean keyless = key == null || key.length == 0;
        final byte[] modelKey = keyless ? DEFAULT_KEY : key;
        final Integer count = partitions.get(origin.topic());
        if (count == null || count <= 1 || origin.partition() == partitionOf(modelKey, count)) {
            return false;
        }
        if (!warned.add(origin.topic())) {
            return true;
        }
        if (keyless) {
            warnKeyless(origin, count);
        } else {
            warnKeyed(origin, key, count);
        }
        return true;
    }

    private static void warnKeyed(final Origin origin, final byte[] key, final int count) {
        LOG.warn(
                "Record with key '{}' is in partition {} of topic '{}', but Kafka's murmur2 partitioner puts "
                        + "that key in partition {} of {}: its producer partitions differently (librdkafka clients "
                        + "default to CRC32). It is processed where it is, so one model's records may be split across "
                        + "tasks. Fix: set {}=true, or partitioner=murmur2_random in librdkafka producers. Further "
                        + "misrouted records on this topic, keyed or not, are only counted (learner_misrouted_records_total).",
                new String(key, StandardCharsets.UTF_8),
                origin.partition(),
                origin.topic(),
                partitionOf(key, count),
                count,
                LearnerSettings.INPUT_REPARTITION.key());
    }

    private static void warnKeyless(final Origin origin, final int count) {
        LOG.warn(
                "Record with a null or empty key is in partition {} of topic '{}': it belongs to the model '{}', whose records "
                        + "Kafka's murmur2 partitioner puts in partition {} of {}. Producers put records without a key "
                        + "elsewhere (Java's spreads null keys and hashes an empty key apart), so that model is learned "
                        + "as more than one state. Fix: key the records '{}', or set {}=true. Further misrouted records on "
                        + "this topic, keyed or not, are only counted (learner_misrouted_records_total).",
                origin.partition(),
                origin.topic(),
                Names.DEFAULT_MODEL,
                partitionOf(DEFAULT_KEY, count),
                count,
                Names.DEFAULT_MODEL,
                LearnerSettings.INPUT_REPARTITION.key());
    }

    /** The partition Kafka's Java producer and Kafka Streams choose for {@code key} among {@code count}. */
    public static int partitionOf(final byte[] key, final int count) {
        return Utils.toPositive(Utils.murmur2(key)) % count;
    }
}
