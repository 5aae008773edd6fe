package io.onlinelearner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmupTest {

    /** A fake JIT and clock: each pass lasts one second and compiles for the next of {@code jitPerPass}. */
    private static final class Clocks {
        private final Deque<Double> jitPerPass;
        private double jit;
        private long nanos;
        private int passes;

        Clocks(final Double... jitPerPass) {
            this.jitPerPass = new ArrayDeque<>(List.of(jitPerPass));
        }

        void pass() {
            passes++;
            nanos += 1_000_000_000L;
            jit += jitPerPass.removeFirst();
        }
    }

    @Test
    void repeatsPassesUntilTheJitCompilesForAtMostTheQuietShare() throws Exception {
        final Clocks clocks = new Clocks(0.875, 0.375, 0.25, 0.125, 0.0625);

        final Warmup.Result result = Warmup.untilQuiet(clocks::pass, 10, 0.15, () -> clocks.jit, () -> clocks.nanos);

        assertThat(clocks.passes).isEqualTo(4);
        assertThat(result.shares()).containsExactly(0.875, 0.375, 0.25, 0.125);
        assertThat(result.settled()).isTrue();
        assertThat(result.describe())
                .isEqualTo("warm-up: 4 pass(es) until the JIT compiled for at most 15% of a pass's wall time"
                        + " (88%, 38%, 25%, 13%)");
    }

    @Test
    void stopsAtTheMostPassesAndSaysTheJitWasNotQuiet() throws Exception {
        final Clocks clocks = new Clocks(0.875, 0.75, 0.625, 0.5);

        final Warmup.Result result = Warmup.untilQuiet(clocks::pass, 3, 0.15, () -> clocks.jit, () -> clocks.nanos);

        assertThat(clocks.passes).isEqualTo(3);
        assertThat(result.settled()).isFalse();
        assertThat(result.describe())
                .isEqualTo("warm-up: the JIT still compiled for more than 15% of a pass's wall time after 3 pass(es)"
                        + " (88%, 75%, 63%): the first runs may pay for it");
    }

    @Test
    void runsOnePassWhenTheJvmDoesNotReportCompilationTime() throws Exception {
        final Clocks clocks = new Clocks(0.9, 0.9);

        final Warmup.Result result = Warmup.untilQuiet(clocks::pass, 5, 0.15, () -> Double.NaN, () -> clocks.nanos);

        assertThat(clocks.passes).isEqualTo(1);
        assertThat(result.shares()).hasSize(1);
        assertThat(result.shares().get(0)).isNaN();
        assertThat(result.settled()).isFalse();
    }

    @Test
    void noWarmUpSaysSo() {
        assertThat(Warmup.Result.NONE.describe()).isEqualTo("no warm-up");
        assertThat(Warmup.Result.NONE.settled()).isFalse();
    }
}
