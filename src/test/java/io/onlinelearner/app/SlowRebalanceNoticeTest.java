package io.onlinelearner.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SlowRebalanceNoticeTest {

    private final List<Runnable> scheduled = new ArrayList<>();
    private KafkaStreams.State state = KafkaStreams.State.CREATED;
    private final List<Duration> delays = new ArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(LearnerApplication.class);

    @BeforeEach
    void capture() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
    }

    private SlowRebalanceNotice notice(final boolean staticMember) {
        return new SlowRebalanceNotice(
                (task, delay) -> {
                    scheduled.add(task);
                    delays.add(delay);
                },
                () -> state,
                "6000",
                staticMember);
    }

    private void change(final SlowRebalanceNotice notice, final KafkaStreams.State now) {
        state = now;
        notice.stateChanged(now);
    }

    private List<String> messages() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void shouldExplainARebalanceStillGoingOnAfterTenSecondsOnce() {
        final SlowRebalanceNotice notice = notice(false);
        change(notice, KafkaStreams.State.REBALANCING);
        assertThat(delays).containsExactly(Duration.ofSeconds(10));
        scheduled.get(0).run();
        assertThat(messages())
                .containsExactly("Still rebalancing after 10 s: the group may be waiting for a "
                        + "member that stopped or died without leaving it (a previous run of this instance, or "
                        + "another one) to time out after session.timeout.ms = 6000 ms (a distinct "
                        + "group.instance.id per instance lets a restarted one take its place at once); or "
                        + "partitions are being restored");
    }

    @Test
    void shouldSayNothingOfARebalanceThatEndedOrOfAnEarlierOne() {
        final SlowRebalanceNotice notice = notice(true);
        change(notice, KafkaStreams.State.REBALANCING);
        change(notice, KafkaStreams.State.RUNNING);
        scheduled.get(0).run();
        change(notice, KafkaStreams.State.REBALANCING);
        change(notice, KafkaStreams.State.RUNNING);
        change(notice, KafkaStreams.State.REBALANCING);
        scheduled.get(1).run();
        assertThat(messages()).isEmpty();
        scheduled.get(2).run();
        assertThat(messages())
                .singleElement()
                .asString()
                .endsWith("time out after session.timeout.ms = 6000 ms; or partitions are being restored");
    }

    @Test
    void shouldGoByTheClientsStateNowNotByTheLastChangeHeard() {
        final SlowRebalanceNotice notice = notice(false);
        change(notice, KafkaStreams.State.REBALANCING);
        state = KafkaStreams.State.RUNNING;
        scheduled.get(0).run();
        assertThat(messages()).isEmpty();
    }

    @Test
    void shouldReadTheSessionTimeoutOfTheMainConsumerMostSpecificFirst() {
        final Properties props = new Properties();
        assertThat(LearnerApplication.sessionTimeoutMs(props)).isEqualTo("45000");
        props.setProperty("session.timeout.ms", "30000");
        assertThat(LearnerApplication.sessionTimeoutMs(props)).isEqualTo("30000");
        props.setProperty("consumer.session.timeout.ms", "20000");
        assertThat(LearnerApplication.sessionTimeoutMs(props)).isEqualTo("20000");
        props.setProperty("main.consumer.session.timeout.ms", "10000");
        assertThat(LearnerApplication.sessionTimeoutMs(props)).isEqualTo("10000");
    }
}
