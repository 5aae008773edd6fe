package io.onlinelearner.app;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ThreadReplacementPolicyTest {

    private final MutableClock clock = new MutableClock();
    private final ThreadReplacementPolicy policy = new ThreadReplacementPolicy(3, Duration.ofMinutes(10), clock);
    private final RuntimeException failure = new IllegalStateException("boom");

    @Test
    void shouldReplaceUpToTheLimitThenShutTheClientDown() {
        assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(failure)).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void shouldForgetFailuresOlderThanTheWindow() {
        policy.handle(failure);
        policy.handle(failure);
        policy.handle(failure);
        clock.advance(Duration.ofMinutes(10).plusMillis(1));
        assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
    }

    @Test
    void shouldCountFailuresStillInsideTheWindow() {
        policy.handle(failure);
        clock.advance(Duration.ofMinutes(9));
        policy.handle(failure);
        policy.handle(failure);
        clock.advance(Duration.ofMinutes(1).plusMillis(1));
        assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(failure)).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void shouldUseTheDocumentedDefaults() {
        final ThreadReplacementPolicy defaults = ThreadReplacementPolicy.defaults();
        for (int i = 0; i < ThreadReplacementPolicy.DEFAULT_MAX_REPLACEMENTS; i++) {
            assertThat(defaults.handle(failure)).isEqualTo(REPLACE_THREAD);
        }
        assertThat(defaults.handle(failure)).isEqualTo(SHUTDOWN_CLIENT);
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(final Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(final ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
