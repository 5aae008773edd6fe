package io.onlinelearner.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
                        + "\"key\":\"m1\",\"value\":{\"x\":[1.0],\"y\":2},"
                        + "\"headers\":{\"__streams.errors.reason\":\"wrong-dimension\",\"empty\":null}}");
    }

    @Test
    void shouldWriteTextThatIsNotJsonAsTextAndOtherBytesAsBase64() {
        assertThat(TopicReader.line(record(null, utf8("{\"x\": 1} trailing"), new RecordHeaders())))
                .contains("\"key\":null,\"value\":\"{\\\"x\\\": 1} trailing\",\"headers\":{}");
        assertThat(TopicReader.line(record("k", new byte[] {(byte) 0xC3, 0x01, (byte) 0xFF}, new RecordHeaders())))
                .contains("\"key\":\"k\",\"valueBase64\":\"wwH/\",\"headers\":{}");
        assertThat(TopicReader.line(record("k", null, new RecordHeaders()))).contains("\"value\":null");
    }
}
