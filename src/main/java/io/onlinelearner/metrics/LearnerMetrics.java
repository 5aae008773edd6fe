package io.onlinelearner.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.ModelStatus;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.topology.LearnerListener;
import io.onlinelearner.topology.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The learner's meters, fed by the topology as its {@link LearnerListener} and published to any
 * Micrometer registry it is bound to. Counts live in {@link LongAdder}s read by function counters,
 * so a record costs a few adds, one map lookup and one volatile write, and nothing is lost before
 * {@link #bindTo} is called. The first {@code maxModels} models seen get their own gauges and a
 * bounded loss history for the live page; the others count only in the totals.
 */
public final class LearnerMetrics implements MeterBinder, LearnerListener {

    /** Points kept per curve of the live page. */
    public static final int HISTORY_POINTS = 600;
    /** Initial sampling stride of the training-loss curve, in updates. */
    public static final long TRAIN_SAMPLE_EVERY = 10;

    private static final String[] OUTCOMES = {"applied", "skipped", "rejected"};
    private static final int APPLIED = 0;
    private static final int SKIPPED = 1;
    private static final int REJECTED = 2;

    private final int maxModels;
    private final LongAdder[] records = new LongAdder[Source.values().length * OUTCOMES.length];
    private final LongAdder stops = new LongAdder();
    private final LongAdder rounds = new LongAdder();
    private final AtomicLong training = new AtomicLong();
    private final AtomicLong stopped = new AtomicLong();
    private final AtomicInteger withSeries = new AtomicInteger();
    private final ConcurrentHashMap<String, ModelTrack> models = new ConcurrentHashMap<>();
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    /** Meters for a learner that gives its own series to at most {@code maxModels} models. */
    public LearnerMetrics(final int maxModels) {
        if (maxModels < 0) {
            throw new IllegalArgumentException("maxModels must be >= 0");
        }
        this.maxModels = maxModels;
        for (int i = 0; i < records.length; i++) {
            records[i] = new LongAdder();
        }
    }

    @Override
    public void bindTo(final MeterRegistry registry) {
        registries.add(registry);
        for (final Source source : Source.values()) {
            for (int o = 0; o < OUTCOMES.length; o++) {
                FunctionCounter.builder("learner.records", records[index(source, o)], LongAdder::doubleValue)
                        .description("Input records handled, by topic and outcome (applied: trained on or scored)")
                        .baseUnit("records").tags("topic", source.tag(), "outcome", OUTCOMES[o]).register(registry);
            }
        }
        FunctionCounter.builder("learner.stops", stops, LongAdder::doubleValue)
                .description("Models stopped by early stopping").baseUnit("stops").register(registry);
        for (final ModelStatus status : ModelStatus.values()) {
            Gauge.builder("learner.models", counter(status), AtomicLong::doubleValue)
                    .description("Models seen by this instance, by status").baseUnit("models")
                    .tag("status", status.name().toLowerCase(Locale.ROOT)).strongReference(true).register(registry);
        }
        models.values().stream().filter(ModelTrack::hasSeries).forEach(track -> registerModel(registry, track));
    }

    @Override
    public void onOutcome(final String model, final Source source, final Outcome outcome) {
        final Outcome.Kind kind = outcome.kind();
        records[index(source, kind == Outcome.Kind.SKIPPED ? SKIPPED : APPLIED)].increment();
        final ModelState state = outcome.state();
        final ModelTrack track = track(model);
        countStatus(track.update(state), state.status());
        if (kind == Outcome.Kind.APPLIED) {
            track.sampleTraining(state);
        } else if (kind.closesRound()) {
            rounds.increment();
            track.sampleRound(state);
            if (kind == Outcome.Kind.STOPPED) {
                stops.increment();
            }
        }
    }

    @Override
    public void onRejected(final String model, final Source source, final RejectionReason reason) {
        records[index(source, REJECTED)].increment();
    }

    /** The totals behind the status line, read now. */
    public Totals totals() {
        long all = 0;
        for (final LongAdder adder : records) {
            all += adder.sum();
        }
        double best = Double.NaN;
        for (final ModelTrack track : models.values()) {
            final double loss = track.bestLoss();
            if (!Double.isNaN(loss) && (Double.isNaN(best) || loss < best)) {
                best = loss;
            }
        }
        return new Totals(all, training.get() + stopped.get(), stopped.get(), rounds.sum(), stops.sum(), best);
    }

    /** The histories of the models with their own series, for the live page. */
    public List<ModelHistory> histories() {
        final List<ModelHistory> out = new ArrayList<>();
        for (final ModelTrack track : models.values()) {
            if (track.hasSeries() && track.state() != null) {
                out.add(track.history());
            }
        }
        out.sort((a, b) -> a.model().compareTo(b.model()));
        return out;
    }

    private ModelTrack track(final String model) {
        final ModelTrack known = models.get(model);
        if (known != null) {
            return known;
        }
        final ModelTrack created = models.computeIfAbsent(model, this::newTrack);
        if (created.hasSeries()) {
            registries.forEach(registry -> registerModel(registry, created));
        }
        return created;
    }

    private ModelTrack newTrack(final String model) {
        if (withSeries.get() < maxModels && withSeries.incrementAndGet() <= maxModels) {
            return ModelTrack.withSeries(model, HISTORY_POINTS, TRAIN_SAMPLE_EVERY);
        }
        return ModelTrack.totalsOnly(model);
    }

    private static void registerModel(final MeterRegistry registry, final ModelTrack track) {
        final Tags tags = Tags.of("model", track.model());
        Gauge.builder("learner.round.loss", track, ModelTrack::roundLoss).tags(tags).baseUnit("loss")
                .description("Mean validation loss of the model's last completed round").register(registry);
        Gauge.builder("learner.best.loss", track, ModelTrack::bestLoss).tags(tags).baseUnit("loss")
                .description("Best round loss so far (early stopping's best)").register(registry);
        Gauge.builder("learner.train.loss", track, ModelTrack::trainLoss).tags(tags).baseUnit("loss")
                .description("Exponentially weighted mean of the training loss").register(registry);
        Gauge.builder("learner.patience.wait", track, ModelTrack::patienceWait).tags(tags).baseUnit("rounds")
                .description("Rounds counted by early stopping since the last improvement").register(registry);
    }

    private void countStatus(final ModelStatus previous, final ModelStatus now) {
        if (previous == null) {
            counter(now).incrementAndGet();
        } else if (previous != now) {
            counter(previous).decrementAndGet();
            counter(now).incrementAndGet();
        }
    }

    private AtomicLong counter(final ModelStatus status) {
        return status == ModelStatus.STOPPED ? stopped : training;
    }

    private static int index(final Source source, final int outcome) {
        return source.ordinal() * OUTCOMES.length + outcome;
    }

    /**
     * The learner's totals at one moment.
     *
     * @param records  input records handled (all topics and outcomes)
     * @param models   models seen by this instance
     * @param stopped  of which stopped
     * @param rounds   validation rounds closed
     * @param stops    early stops
     * @param bestLoss the lowest best round loss of any model; NaN before the first
     */
    public record Totals(long records, long models, long stopped, long rounds, long stops, double bestLoss) {
    }
}
