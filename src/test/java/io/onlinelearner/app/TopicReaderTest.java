package io.onlinelearner.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** A record as one JSON line: JSON values as JSON, text as text, other bytes as base64, headers as text. */
class TopicReaderTest {

    private static ConsumerRecord<byte[], byte[]> record(
            final String key, final byte[] value, final RecordHeaders headers) {
        return new ConsumerRecord<>(
                "dead-letters",
                2,
                7L,
                1_700_000_000_000L,
                TimestampType.CREATE_TIME,
                -1,
                -1,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value,
                headers,
                Optional.empty());
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteAJsonValueAsJsonWithItsHeaders() {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader("__streams.errors.reason", utf8("wrong-dimension")));
        headers.add(new RecordHeader("empty", null));
        assertThat(TopicReader.line(record("m1", utf8("{\"x\": [1.0], \"y\": 2}"), headers)))
                .isEqualTo("{\"topic\":\"dead-letters\",\"partition\":2,\"offset\":7,\"timestamp\":1700000000000,"
                        + "\"key\":\"m1\",\"value\":{\"x\": [1.0], \"y\": 2},"
                        + "\"headers\":{\"__streams.errors.reason\":\"wrong-dimension\",\"empty\":null}}");
    }

    @Test
    void shouldShowAJsonValueAsWrittenOnOneLine() {
        final String written = "{\"y\":1e400,\"n\":12345678901234567890123,\"f\":1.50,\"s\":\"a\\nb\"}";
        assertThat(TopicReader.line(record("k", utf8(written), new RecordHeaders())))
                .contains("\"value\":" + written + ",");
        assertThat(TopicReader.line(record("k", utf8("{\r\n  \"x\": [1,\n 2]\n}\n"), new RecordHeaders())))
                .contains("\"value\":{    \"x\": [1,  2] },")
                .doesNotContain("\n");
    }

    @Test
    void shouldWriteTextThatIsNotJsonAsTextAndOtherBytesAsBase64() {
        assertThat(TopicReader.line(record(null, utf8("{\"x\": 1} trailing"), new RecordHeaders())))
                .contains("\"key\":null,\"value\":\"{\\\"x\\\": 1} trailing\",\"headers\":{}");
        assertThat(TopicReader.line(record("k", new byte[] {(byte) 0xC3, 0x01, (byte) 0xFF}, new RecordHeaders())))
                .contains("\"key\":\"k\",\"valueBase64\":\"wwH/\",\"headers\":{}");
        assertThat(TopicReader.line(record("k", null, new RecordHeaders()))).contains("\"value\":null");
    }

    private static MockConsumer<byte[], byte[]> consumer(final long end) {
        final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        final TopicPartition partition = new TopicPartition("predictions", 0);
        consumer.updatePartitions(
                "predictions", List.of(new PartitionInfo("predictions", 0, null, new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
        consumer.updateEndOffsets(Map.of(partition, end));
        return consumer;
    }

    /** {@code consumer}, whose first poll hands over the records at offsets 0, 1 and 2. */
    private static MockConsumer<byte[], byte[]> withThreeRecords(final MockConsumer<byte[], byte[]> consumer) {
        consumer.schedulePollTask(() -> {
            consumer.addRecord(at(0));
            consumer.addRecord(at(1));
            consumer.addRecord(at(2));
        });
        return consumer;
    }

    private static ConsumerRecord<byte[], byte[]> at(final long offset) {
        return new ConsumerRecord<>("predictions", 0, offset, utf8("m"), utf8("{\"n\": " + offset + "}"));
    }

    @Test
    void shouldStopAtTheEndThePartitionHadWhenItBeganAndLeaveOutLaterRecords() {
        final MockConsumer<byte[], byte[]> consumer = withThreeRecords(consumer(2));
        final StringWriter out = new StringWriter();
        final long read = new TopicReader(consumer, "localhost:9092")
                .read("predictions", Long.MAX_VALUE, false, new PrintWriter(out), Duration.ofSeconds(30));
        assertThat(read).isEqualTo(2);
        assertThat(out.toString().lines()).hasSize(2).allMatch(line -> !line.contains("\"n\":2"));
    }

    @Test
    void shouldGiveUpWhenNoRecordComesBeforeTheEndWithinTheTimeout() {
        final MockConsumer<byte[], byte[]> consumer = consumer(1);
        final TopicReader reader = new TopicReader(consumer, "localhost:9092");
        assertThatThrownBy(() -> reader.read(
                        "predictions", Long.MAX_VALUE, false, new PrintWriter(new StringWriter()), Duration.ZERO))
                .isInstanceOf(ClusterUnavailableException.class)
                .hasMessage("Kafka at localhost:9092 handed over no record of predictions for 0 s before its end");
    }

    @Test
    void shouldStopAfterMaxRecords() {
        final MockConsumer<byte[], byte[]> consumer = withThreeRecords(consumer(3));
        final StringWriter out = new StringWriter();
        assertThat(new TopicReader(consumer, "localhost:9092")
                        .read("predictions", 1, false, new PrintWriter(out), Duration.ofSeconds(30)))
                .isEqualTo(1);
        assertThat(out.toString().lines())
                .containsExactly(
                        "{\"topic\":\"predictions\",\"partition\":0,\"offset\":0,\"timestamp\":-1,\"key\":\"m\","
                                + "\"value\":{\"n\": 0},\"headers\":{}}");
    }

    @Test
    void shouldReadWithoutAGroupOnlyCommittedRecordsAndNeverCreateTheTopic() {
        final Properties client = new Properties();
        client.setProperty("bootstrap.servers", "localhost:9092");
        client.setProperty("group.id", "someone-elses");
        client.setProperty("application.id", "online-learner");
        assertThat(CommandClient.consumerProperties(client))
                .containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("allow.auto.create.topics", "false")
                .doesNotContainKeys("group.id", "application.id");
    }
}
