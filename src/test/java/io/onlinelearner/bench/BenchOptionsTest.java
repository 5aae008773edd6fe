package io.onlinelearner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.model.InputFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void shouldHoldTheDocumentedDefaults() {
        final BenchOptions d = BenchOptions.defaults();

        assertThat(d.bootstrap()).isNull();
        assertThat(d.records()).isEqualTo(1_000_000);
        assertThat(d.features()).isEqualTo(10);
        assertThat(d.models()).isEqualTo(100);
        assertThat(d.partitions()).isEqualTo(1);
        assertThat(d.guarantees()).containsExactly("exactly_once_v2", "at_least_once");
        assertThat(d.warmup()).isEqualTo(200_000);
        assertThat(d.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.streams()).isEmpty();
        assertThat(d.repetitions()).isEqualTo(BenchOptions.DEFAULT_REPETITIONS);
        assertThat(d.format()).isEqualTo(InputFormat.JSON);
        assertThat(d.workload()).isEqualTo(Workload.TRAIN);
    }

    @Test
    void shouldChangeOnlyWhatTheBuilderIsToldAndKeepTheRestThroughToBuilder() {
        final BenchOptions changed = BenchOptions.builder()
                .bootstrap("kafka:9092")
                .records(5)
                .streams(Map.of(LearnerSettings.ORDERING.key(), "arrival", "max.task.idle.ms", "-1"))
                .format(InputFormat.AVRO)
                .workload(Workload.MIXED)
                .build();

        final BenchOptions copy = changed.toBuilder().records(7).build();

        assertThat(copy.records()).isEqualTo(7);
        assertThat(copy.bootstrap()).isEqualTo("kafka:9092");
        assertThat(copy.features()).isEqualTo(10);
        assertThat(copy.format()).isEqualTo(InputFormat.AVRO);
        assertThat(copy.workload()).isEqualTo(Workload.MIXED);
        assertThat(copy.streams()).isEqualTo(changed.streams());
        assertThat(copy.streamsOnly()).containsExactly(Map.entry("max.task.idle.ms", "-1"));
        assertThat(changed.records()).isEqualTo(5);
    }

    @Test
    void shouldRefuseFewerThanOneRepetition() {
        assertThatThrownBy(() -> BenchOptions.builder()
                        .repetitions(0)
                        .guarantees(List.of("at_least_once"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("repetitions must be >= 1, not 0");
    }
}
