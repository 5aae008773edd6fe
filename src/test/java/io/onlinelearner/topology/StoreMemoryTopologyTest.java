package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerSettings;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/** The learner's store runs with the bounded-memory RocksDB setter: its properties, read back from RocksDB, show the bound. */
class StoreMemoryTopologyTest {

    private static final int MODELS = 3_000;

    @Test
    void shouldReportTheBoundAsTheStoresBlockCacheCapacityAndChargeTheMemtablesToIt() {
        final Properties props = new Properties();
        props.setProperty(LearnerSettings.STORE_MEMORY_MB.key(), "64");
        try (LearnerDriver driver = new LearnerDriver(props)) {
            for (int i = 0; i < 50; i++) {
                driver.train("m" + i, "{\"x\":[1.0,2.0],\"y\":3.0}");
            }
            final Map<String, Object> rocks = rocksDbProperties(driver.metrics());
            assertThat(number(rocks, "block-cache-capacity")).isEqualTo(64L << 20);
            assertThat(number(rocks, "total-sst-files-size")).isZero();
            assertThat(number(rocks, "cur-size-all-mem-tables")).isPositive();
            assertThat(number(rocks, "block-cache-usage"))
                    .as("nothing was read from a table file: only the memtables charged to the cache use it")
                    .isPositive()
                    .isLessThanOrEqualTo(64L << 20);
        }
    }

    @Test
    void shouldShareOneCacheBetweenTheStoresOfTwoTopologiesWithTheSameBound() {
        final Properties props = new Properties();
        props.setProperty(LearnerSettings.STORE_MEMORY_MB.key(), "48");
        try (LearnerDriver first = new LearnerDriver(props);
                LearnerDriver second = new LearnerDriver(props)) {
            for (int i = 0; i < MODELS; i++) {
                first.train("a" + i, "{\"x\":[1.0],\"y\":1.0}");
            }
            final long usedByFirst = number(rocksDbProperties(first.metrics()), "block-cache-usage");
            for (int i = 0; i < MODELS; i++) {
                second.train("b" + i, "{\"x\":[1.0],\"y\":1.0}");
            }
            assertThat(number(rocksDbProperties(second.metrics()), "block-cache-capacity"))
                    .isEqualTo(48L << 20);
            assertThat(usedByFirst)
                    .as("the first store's memtables take several of the cache's charges")
                    .isGreaterThan(1L << 20);
            assertThat(number(rocksDbProperties(second.metrics()), "block-cache-usage"))
                    .as("one cache holds both stores' memtables (a cache of its own would hold about as much"
                            + " as the first's)")
                    .isGreaterThan(usedByFirst + usedByFirst / 2);
        }
    }

    private static long number(final Map<String, Object> properties, final String name) {
        assertThat(properties).containsKey(name);
        return ((Number) properties.get(name)).longValue();
    }

    private static Map<String, Object> rocksDbProperties(final Map<MetricName, ? extends Metric> metrics) {
        final Map<String, Object> values = new TreeMap<>();
        metrics.forEach((name, metric) -> {
            if (Names.STORE.equals(name.tags().get("rocksdb-state-id"))) {
                values.put(name.name(), metric.metricValue());
            }
        });
        return values;
    }
}
