package io.onlinelearner.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Warm-up passes repeated until the JIT is quiet, so that the measured runs find the code compiled.
 * A run measured while the JIT still compiles pays for it on the machine's cores, and on a small
 * machine the compiler can take most of a core for tens of seconds after a single warm-up pass
 * (docs/performance.md has the figures). A pass runs every runner once on the warm-up
 * records; passes repeat until the JIT compiled for at most {@link #QUIET} of a pass's wall time
 * ({@link ProcessCpu#jitSeconds()}), or {@link #MAX_PASSES} passes ran, which the report says.
 */
public final class Warmup {

    /** The JIT's compilation seconds per wall-clock second of a pass at which the code counts as compiled. */
    static final double QUIET = 0.15;

    /** The most passes run before measuring anyway. */
    static final int MAX_PASSES = 12;

    /** One warm-up pass: every runner once on the warm-up records. */
    @FunctionalInterface
    interface Pass {
        /** Runs the pass. */
        void run() throws Exception;
    }

    /**
     * What the warm-up did.
     *
     * @param shares the JIT's compilation seconds per wall-clock second of each pass, in order (NaN
     *               where the JVM does not report compilation time)
     * @param quiet  the share at which it stopped
     */
    public record Result(List<Double> shares, double quiet) {

        /** No warm-up. */
        public static final Result NONE = new Result(List.of(), QUIET);

        public Result {
            shares = List.copyOf(shares);
        }

        /** True when the last pass was quiet. */
        public boolean settled() {
            return !shares.isEmpty() && shares.get(shares.size() - 1) <= quiet;
        }

        /** One sentence for a report's header. */
        public String describe() {
            if (shares.isEmpty()) {
                return "no warm-up";
            }
            final String each = shares.stream()
                    .map(s -> String.format(Locale.ROOT, "%.0f%%", 100 * s))
                    .collect(Collectors.joining(", "));
            return settled()
                    ? String.format(
                            Locale.ROOT,
                            "warm-up: %d pass(es) until the JIT compiled for at most %.0f%% of a pass's wall time (%s)",
                            shares.size(),
                            100 * quiet,
                            each)
                    : String.format(
                            Locale.ROOT,
                            "warm-up: the JIT still compiled for more than %.0f%% of a pass's wall time after %d"
                                    + " pass(es) (%s): the first runs may pay for it",
                            100 * quiet,
                            shares.size(),
                            each);
        }
    }

    private Warmup() {}

    /** Runs {@code pass} until the JIT is quiet, with the process's JIT and wall clocks. */
    static Result untilQuiet(final Pass pass) throws Exception {
        return untilQuiet(pass, MAX_PASSES, QUIET, ProcessCpu::jitSeconds, System::nanoTime);
    }

    /**
     * Runs {@code pass} until the JIT compiled for at most {@code quiet} of a pass's wall time, at
     * most {@code maxPasses} times (at least once); stops after one pass where {@code jitSeconds}
     * is NaN (unknown).
     */
    static Result untilQuiet(
            final Pass pass,
            final int maxPasses,
            final double quiet,
            final DoubleSupplier jitSeconds,
            final LongSupplier nanoTime)
            throws Exception {
        final List<Double> shares = new ArrayList<>();
        do {
            final double jitStart = jitSeconds.getAsDouble();
            final long start = nanoTime.getAsLong();
            pass.run();
            final double wall = (nanoTime.getAsLong() - start) / 1e9;
            final double share = (jitSeconds.getAsDouble() - jitStart) / Math.max(wall, 1e-9);
            shares.add(share);
            if (Double.isNaN(share) || share <= quiet) {
                break;
            }
        } while (shares.size() < maxPasses);
        return new Result(shares, quiet);
    }
}
