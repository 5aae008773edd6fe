package io.onlinelearner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DemoProgressTest {

    private static final String STOPPED = "{\"model\":\"demo\",\"status\":\"STOPPED\",\"updates\":600,\"features\":3,"
            + "\"weights\":[1.441457621651436,-1.7962653712809695,0.5070358207181185],\"bias\":0.30351191014029805,"
            + "\"round\":14,\"roundLoss\":5.727776334162384,\"bestRound\":11,\"bestLoss\":0.062492212278882464}";
    private static final String SIGNAL =
            "{\"model\":\"demo\",\"event\":\"STOPPED\",\"stoppedRound\":14,\"bestRound\":11,"
                    + "\"bestLoss\":0.062492212278882464,\"updates\":600,"
                    + "\"weights\":[1.441457621651436,-1.7962653712809695,0.5070358207181185],\"bias\":0.30351191014029805}";

    @Test
    void shouldPrintTheStopRoundTheFrozenModelAndBothOutputsVerbatim() {
        final Topics topics = io.onlinelearner.config.LearnerConfig.defaults().topics();
        final MockConsumer<String, String> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        final TopicPartition models = new TopicPartition(topics.models(), 0);
        final TopicPartition control = new TopicPartition(topics.control(), 0);
        consumer.assign(List.of(models, control));
        consumer.updateBeginningOffsets(Map.of(models, 0L, control, 0L));
        consumer.addRecord(new ConsumerRecord<>(topics.models(), 0, 0, "demo", STOPPED));
        consumer.addRecord(new ConsumerRecord<>(topics.control(), 0, 0, "demo", SIGNAL));
        final StringWriter text = new StringWriter();
        final DemoProgress progress = new DemoProgress(consumer, topics, new PrintWriter(text, true));
        progress.poll(Duration.ZERO);
        assertThat(progress.stopped()).isTrue();
        progress.printResult();
        assertThat(text.toString().lines().toList())
                .containsExactly(
                        "round  14  loss   5.727776  best   0.062492 (round 11)  wait 3  training labels drifted  STOP",
                        "",
                        "Stopped at round 14; the frozen model is the best round's (round 11, loss 0.062492):",
                        "  weights [1.441457621651436,-1.7962653712809695,0.5070358207181185]  bias 0.30351191014029805"
                                + "  updates 600",
                        "  (true: weights [1.5, -2.0, 0.5]  bias 0.3)",
                        "Frozen snapshot on models: " + STOPPED,
                        "Stop signal on control: " + SIGNAL);
    }
}
