package io.onlinelearner.app;

import static org.awaitility.Awaitility.await;

import io.onlinelearner.broker.KafkaBrokerExtension;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The real-broker harness of the vector ITs ({@link SharedVectorsIT}, {@link LabelsVectorsIT}): a
 * learner configuration with its own topics, application id and state folder; producing records
 * with their timestamps; waiting until the learner has committed every input record; and reading
 * an output topic's committed records (one partition per topic) in offset order.
 */
final class VectorBroker {

    private VectorBroker() {}

    /** {@code learner}'s settings on the broker, with topics, application id and state folder of their own. */
    static LearnerConfig config(
            final KafkaBrokerExtension kafka, final Path dir, final String name, final Properties learner) {
        final Properties props = new Properties();
        props.putAll(learner);
        props.setProperty("bootstrap.servers", kafka.bootstrapServers());
        final String prefix = KafkaBrokerExtension.unique("vectors-" + name);
        props.setProperty("application.id", prefix);
        props.setProperty("state.dir", dir.resolve("state-" + name).toString());
        for (final Map.Entry<String, String> topic : TestTopics.settings(prefix).entrySet()) {
            props.setProperty(topic.getKey(), topic.getValue());
        }
        return LearnerConfig.parse(props);
    }

    /** Creates the configuration's topics (with labels that come later when they are on). */
    static void provision(final KafkaBrokerExtension kafka, final LearnerConfig config) {
        new TopicProvisioner(kafka.admin(), Duration.ofSeconds(30))
                .provision(
                        config.topics(), config.provisioning(), config.labels().enabled());
    }

    /** Produces {@code records} in order, each with its own timestamp, idempotently, and waits for every ack. */
    static void produce(final KafkaBrokerExtension kafka, final List<ProducerRecord<String, byte[]>> records)
            throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all", "enable.idempotence", "true"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            final List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (final ProducerRecord<String, byte[]> r : records) {
                sent.add(producer.send(r));
            }
            producer.flush();
            for (final Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
    }

    /** {@code records} with increasing timestamps ending now, in their order. */
    static List<ProducerRecord<String, byte[]>> stamped(final List<ProducerRecord<String, byte[]>> records) {
        long timestamp = System.currentTimeMillis() - records.size();
        final List<ProducerRecord<String, byte[]>> stamped = new ArrayList<>(records.size());
        for (final ProducerRecord<String, byte[]> r : records) {
            stamped.add(new ProducerRecord<>(r.topic(), null, timestamp++, r.key(), r.value()));
        }
        return stamped;
    }

    /** Waits until the learner has committed every record of every input topic. */
    static void awaitCommitted(final KafkaBrokerExtension kafka, final LearnerConfig config) {
        await().atMost(Duration.ofSeconds(60)).until(() -> committedEverything(kafka, config));
    }

    private static boolean committedEverything(final KafkaBrokerExtension kafka, final LearnerConfig config)
            throws Exception {
        final List<TopicPartition> inputs = config
                .topics()
                .inputs(config.labels().enabled())
                .stream()
                .map(t -> new TopicPartition(t, 0))
                .toList();
        final Map<TopicPartition, OffsetAndMetadata> committed = kafka.admin()
                .listConsumerGroupOffsets(config.streams().getProperty("application.id"))
                .partitionsToOffsetAndMetadata()
                .get();
        final Map<TopicPartition, Long> ends = kafka
                .admin()
                .listOffsets(inputs.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                .all()
                .get()
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        return inputs.stream()
                .allMatch(tp -> ends.get(tp) == 0
                        || committed.get(tp) != null && committed.get(tp).offset() == ends.get(tp));
    }

    /** Every committed record of each of {@code topics} (partition 0), in offset order, by topic. */
    static Map<String, List<ConsumerRecord<String, byte[]>>> read(
            final KafkaBrokerExtension kafka, final List<String> topics) {
        final List<TopicPartition> partitions =
                topics.stream().map(t -> new TopicPartition(t, 0)).toList();
        final Map<String, List<ConsumerRecord<String, byte[]>>> byTopic = new LinkedHashMap<>();
        topics.forEach(t -> byTopic.put(t, new ArrayList<>()));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        kafka.bootstrapServers(),
                        "isolation.level",
                        "read_committed",
                        "enable.auto.commit",
                        "false"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (final ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    byTopic.get(r.topic()).add(r);
                }
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
            });
        }
        return byTopic;
    }
}
