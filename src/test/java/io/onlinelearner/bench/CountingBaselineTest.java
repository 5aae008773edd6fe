package io.onlinelearner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The framework baseline's topologies: counting, counting while echoing each record, and keeping
 * state-sized values.
 */
class CountingBaselineTest {

    private static final String REQUESTS = "requests";
    private static final String LABELS = "labels";
    private static final String SINK = "echo";

    @Test
    void shouldCountEveryRecordPerKeyAndEchoItUnchanged() {
        final Progress progress = new Progress();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                CountingBaseline.echoing(List.of(REQUESTS, LABELS), SINK, progress), properties())) {
            final TestInputTopic<byte[], byte[]> requests = input(driver, REQUESTS);
            final TestInputTopic<byte[], byte[]> labels = input(driver, LABELS);
            final TestOutputTopic<byte[], byte[]> echo =
                    driver.createOutputTopic(SINK, new ByteArrayDeserializer(), new ByteArrayDeserializer());

            requests.pipeInput(bytes("m1"), bytes("{\"id\":\"a\"}"));
            labels.pipeInput(bytes("m1"), bytes("{\"id\":\"a\",\"y\":1}"));
            requests.pipeInput(bytes("m2"), bytes("{\"id\":\"b\"}"));

            assertThat(echo.readKeyValuesToList())
                    .extracting(kv -> text(kv.key) + "=" + text(kv.value))
                    .containsExactly("m1={\"id\":\"a\"}", "m1={\"id\":\"a\",\"y\":1}", "m2={\"id\":\"b\"}");
            assertThat(counts(driver)).containsExactly(KeyValue.pair("m1", 2L), KeyValue.pair("m2", 1L));
            assertThat(progress.count()).isEqualTo(3);
        }
    }

    @Test
    void shouldOnlyCountWithoutASink() {
        final Progress progress = new Progress();
        try (TopologyTestDriver driver =
                new TopologyTestDriver(CountingBaseline.topology(List.of(REQUESTS), progress), properties())) {
            final TestInputTopic<byte[], byte[]> requests = input(driver, REQUESTS);

            requests.pipeInput(bytes("m1"), bytes("{}"));
            requests.pipeInput(null, bytes("{}"));

            assertThat(driver.producedTopicNames())
                    .containsExactly("counting-baseline-test-" + CountingBaseline.STORE + "-changelog");
            assertThat(counts(driver)).containsExactly(KeyValue.pair("default", 1L), KeyValue.pair("m1", 1L));
            assertThat(progress.count()).isEqualTo(2);
        }
    }

    @Test
    void shouldKeepAValueOfTheGivenSizePerKeyWithItsCountInFront() {
        final Progress progress = new Progress();
        try (TopologyTestDriver driver =
                new TopologyTestDriver(CountingBaseline.sized(List.of(REQUESTS), 300, progress), properties())) {
            final TestInputTopic<byte[], byte[]> requests = input(driver, REQUESTS);

            requests.pipeInput(bytes("m1"), bytes("{}"));
            requests.pipeInput(bytes("m2"), bytes("{}"));
            requests.pipeInput(bytes("m1"), bytes("{}"));

            final KeyValueStore<String, byte[]> store = driver.getKeyValueStore(CountingBaseline.STORE);
            assertThat(store.get("m1")).hasSize(300);
            assertThat(ByteBuffer.wrap(store.get("m1")).getLong()).isEqualTo(2);
            assertThat(ByteBuffer.wrap(store.get("m2")).getLong()).isEqualTo(1);
            try (KeyValueIterator<String, byte[]> all = store.all()) {
                final List<String> keys = new ArrayList<>();
                all.forEachRemaining(entry -> keys.add(entry.key));
                assertThat(keys).containsExactly("m1", "m2");
            }
            assertThat(progress.count()).isEqualTo(3);
        }
    }

    @Test
    void shouldRefuseAValueTooSmallForItsCount() {
        assertThatThrownBy(() -> CountingBaseline.sized(List.of(REQUESTS), 7, new Progress()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("7 bytes");
    }

    private static List<KeyValue<String, Long>> counts(final TopologyTestDriver driver) {
        final KeyValueStore<String, Long> store = driver.getKeyValueStore(CountingBaseline.STORE);
        try (KeyValueIterator<String, Long> all = store.all()) {
            final List<KeyValue<String, Long>> counts = new ArrayList<>();
            all.forEachRemaining(counts::add);
            return counts;
        }
    }

    private static TestInputTopic<byte[], byte[]> input(final TopologyTestDriver driver, final String topic) {
        return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Properties properties() {
        final Properties properties = new Properties();
        properties.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, "counting-baseline-test");
        properties.setProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:1234");
        return properties;
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(final byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
