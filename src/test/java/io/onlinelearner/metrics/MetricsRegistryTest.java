package io.onlinelearner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.labels.LabelJoiner;
import io.onlinelearner.labels.LabelSettings;
import io.onlinelearner.labels.MemoryPending;
import io.onlinelearner.labels.Remembered;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Loss;
import io.onlinelearner.model.Position;
import io.onlinelearner.topology.Source;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MetricsRegistryTest {

    @Test
    void shouldScrapeLearnerJvmAndProcessMetersUnderTheirPrometheusNames() {
        final LearnerObservations learner = new LearnerObservations(10);
        final LearnerConfig config = LearnerConfig.defaults();
        final Outcome outcome = new Learner(config.model(), config.adam(), config.stopping())
                .train(null, new Example(new double[] {1.0}, 2.0), Position.train(0, 0L));
        learner.onOutcome("m1", Source.TRAIN, outcome);
        try (MetricsRegistry metrics = MetricsRegistry.create(learner, false)) {
            final String text = metrics.scrape();
            assertThat(text)
                    .contains("learner_records_total{outcome=\"applied\",topic=\"train\"} 1.0")
                    .contains("learner_records_total{outcome=\"rejected\",topic=\"validation\"} 0.0")
                    .contains("learner_train_loss{model=\"m1\"} " + outcome.loss())
                    .contains("learner_round_loss{model=\"m1\"} NaN")
                    .contains("learner_best_loss{model=\"m1\"}")
                    .contains("learner_patience_wait_rounds{model=\"m1\"} 0.0")
                    .contains("learner_stops_total 0.0")
                    .contains("learner_predictions_total{outcome=\"answered\",parameters=\"frozen\"} 0.0")
                    .contains("learner_predictions_total{outcome=\"rejected\",parameters=\"none\"} 0.0")
                    .contains("learner_events_total{cause=\"drift\",event=\"DRIFT\"} 0.0")
                    .contains("learner_events_total{cause=\"early-stopping\",event=\"STOPPED\"} 0.0")
                    .contains("learner_learning_rate{model=\"m1\"} ")
                    .contains("learner_drift_statistic{model=\"m1\"} 0.0")
                    .contains("learner_drift_nonfinite_records_total{model=\"m1\"} 0.0")
                    .contains("learner_models{status=\"training\"} 1.0")
                    .contains("# HELP learner_records_total Input records handled")
                    .contains("jvm_memory_used_bytes")
                    .contains("process_cpu_usage")
                    .contains("process_uptime_seconds");
        }
    }

    @Test
    void shouldDescribeEveryFamilyEvenAKafkaMeterRegisteredWithoutADescription() {
        try (MetricsRegistry metrics = MetricsRegistry.create(new LearnerObservations(10), false)) {
            Gauge.builder("kafka.consumer.node.request.latency.avg", () -> 1.5)
                    .tags("node.id", "node-1")
                    .register(metrics.registry());
            Gauge.builder("kafka.producer.node.request.latency.max", () -> 2.0)
                    .description("")
                    .register(metrics.registry());
            final List<String> lines = metrics.scrape().lines().toList();
            assertThat(lines)
                    .contains(
                            "# HELP kafka_consumer_node_request_latency_avg Kafka's own metric"
                                    + " kafka.consumer.node.request.latency.avg (Kafka gives it no description)",
                            "# HELP kafka_producer_node_request_latency_max Kafka's own metric"
                                    + " kafka.producer.node.request.latency.max (Kafka gives it no description)",
                            "kafka_consumer_node_request_latency_avg{node_id=\"node-1\"} 1.5");
            final Set<String> typed = families(lines, "# TYPE ");
            assertThat(families(lines, "# HELP ")).isEqualTo(typed).isNotEmpty();
        }
    }

    /** The metric families named by the lines that start with {@code prefix}. */
    private static Set<String> families(final List<String> lines, final String prefix) {
        return lines.stream()
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()).split(" ", 2)[0])
                .collect(Collectors.toSet());
    }

    @Test
    void shouldExposeTheLabelMetersOnlyWithLabelsEnabled() {
        final LearnerObservations learner = new LearnerObservations(10);
        final LearnerConfig config = LearnerConfig.defaults();
        learner.onOutcome(
                "m1",
                Source.TRAIN,
                new Learner(config.model(), config.adam(), config.stopping())
                        .train(null, new Example(new double[] {1.0}, 2.0), Position.train(0, 0L)));
        learner.onLabels(new LabelJoiner(new LabelSettings(true, 1000, 10, 0, 10), Loss.SQUARED)
                .remember(
                        new MemoryPending(),
                        "m1",
                        new Remembered("\"r1\"", new double[] {1.0}, 0.5, Prediction.Answering.LIVE, 1, 0, 5, 0),
                        5));
        try (MetricsRegistry off = MetricsRegistry.create(learner, false);
                MetricsRegistry on = MetricsRegistry.create(learner, true)) {
            assertThat(off.scrape())
                    .contains("learner_train_loss{model=\"m1\"}")
                    .doesNotContain("learner_served_loss")
                    .doesNotContain("learner_pending_predictions")
                    .doesNotContain("learner_labels_total");
            assertThat(on.scrape())
                    .contains("learner_served_loss{model=\"m1\"} NaN")
                    .contains("learner_pending_predictions{model=\"m1\"} 1.0")
                    .contains("learner_labels_total{outcome=\"joined\"} 0.0");
        }
    }
}
