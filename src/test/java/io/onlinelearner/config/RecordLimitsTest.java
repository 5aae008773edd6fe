package io.onlinelearner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The learner's record limit as its clients and Kafka Streams resolve it: the producer's request
 * and buffer, the changelog topics Kafka Streams creates ({@code topic.} properties are its
 * default topic configs), and the topics the learner creates; a key the user set wins.
 */
class RecordLimitsTest {

    private static final int MIB = 1 << 20;

    @Test
    void shouldBeSixtyFourMebibytesUnlessADeadLetterCouldBeLarger() {
        assertThat(RecordLimits.bytes(MIB)).isEqualTo(64 * MIB);
        assertThat(RecordLimits.bytes(64 * MIB - RecordLimits.HEADER_ROOM_BYTES))
                .isEqualTo(64 * MIB);
        assertThat(RecordLimits.bytes(100 * MIB)).isEqualTo(100 * MIB + 64 * 1024);
        assertThat(RecordLimits.bytes(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @CsvSource({
        "'', 67108864, 67108864, 67108864",
        "max.request.size=2097152, 2097152, 67108864, 67108864",
        "producer.max.request.size=3145728, 3145728, 67108864, 67108864",
        "buffer.memory=33554432, 67108864, 33554432, 67108864",
        "topic.max.message.bytes=1048588, 67108864, 67108864, 1048588"
    })
    void shouldReachTheProducerAndTheChangelogTopicsUnlessTheUserSetThem(
            final String set, final int request, final long buffer, final int changelog) {
        final LearnerConfigBuilder builder = LearnerConfig.builder().streams("application.id", "a");
        if (!set.isEmpty()) {
            builder.streams(set.substring(0, set.indexOf('=')), set.substring(set.indexOf('=') + 1));
        }
        final StreamsConfig resolved = new StreamsConfig(builder.build().streamsWithBootstrap("b:9092"));

        final Map<String, Object> producer = resolved.getProducerConfigs("c");
        assertThat(producer.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)).hasToString(String.valueOf(request));
        assertThat(producer.get(ProducerConfig.BUFFER_MEMORY_CONFIG)).hasToString(String.valueOf(buffer));
        assertThat(resolved.originalsWithPrefix(StreamsConfig.TOPIC_PREFIX))
                .containsEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(changelog));
    }

    @Test
    void shouldFollowTheLargestInputSoThatItsDeadLetterFits() {
        final LearnerConfig config = LearnerConfig.builder()
                .set(LearnerSettings.INPUT_MAX_BYTES, String.valueOf(128 * MIB))
                .build();
        final int limit = 128 * MIB + RecordLimits.HEADER_ROOM_BYTES;

        assertThat(config.provisioning().maxMessageBytes()).isEqualTo(limit);
        assertThat(config.streams().getProperty("producer.max.request.size")).isEqualTo(String.valueOf(limit));
        assertThat(config.streams().getProperty("topic.max.message.bytes")).isEqualTo(String.valueOf(limit));
        assertThat(LearnerConfig.defaults().provisioning().maxMessageBytes()).isEqualTo(64 * MIB);
    }
}
