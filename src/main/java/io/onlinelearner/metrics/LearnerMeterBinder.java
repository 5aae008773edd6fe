package io.onlinelearner.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.onlinelearner.learner.ModelStatus;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.topology.Source;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Exposes {@link LearnerObservations} to a Micrometer registry, as Micrometer's own binders expose
 * what they watch: every meter reads the observations when scraped and keeps nothing itself.
 * Models with their own series (the first {@code learner.metrics.max-models}) get the
 * {@link #PER_MODEL} meters (and with labels {@link #PER_MODEL_LABELS}) tagged {@code model}, also when
 * first seen after binding, until they are forgotten (evicted by {@code learner.models.idle-ttl-ms},
 * or their partition's task closed on this instance): then their meters are removed. A new
 * per-model meter is one line in {@link #PER_MODEL} reading one {@link ModelTrack} accessor.
 */
public final class LearnerMeterBinder implements MeterBinder {

    private static final String PREDICTIONS = "learner.predictions";
    private static final String DEAD_LETTER_RECORDS = "learner.dead.letter.records";

    /** The meters every model with its own series gets, tagged {@code model}. */
    static final List<ModelMeter> PER_MODEL = List.of(
            ModelMeter.gauge(
                    "learner.round.loss",
                    "loss",
                    "Mean validation loss of the model's last completed round",
                    ModelTrack::roundLoss),
            ModelMeter.gauge(
                    "learner.best.loss",
                    "loss",
                    "Best round loss so far (early stopping's best)",
                    ModelTrack::bestLoss),
            ModelMeter.gauge(
                    "learner.train.loss",
                    "loss",
                    "Exponentially weighted mean of the training loss",
                    ModelTrack::trainLoss),
            ModelMeter.gauge(
                    "learner.patience.wait",
                    "rounds",
                    "Rounds counted by early stopping since the last improvement",
                    ModelTrack::patienceWait),
            ModelMeter.gauge(
                    "learner.learning.rate",
                    "rate",
                    "The model's learning rate now (set-lr and the plateau schedule change it)",
                    ModelTrack::learningRate),
            ModelMeter.gauge(
                    "learner.drift.statistic",
                    "statistic",
                    "The Page-Hinkley statistic of the model's training losses (0 while drift detection is off)",
                    ModelTrack::driftStatistic),
            ModelMeter.counter(
                    "learner.drift.nonfinite",
                    "records",
                    "Training records whose loss under the parameters in force was not finite (or would have made "
                            + "the statistic overflow), kept from the drift detector",
                    ModelTrack::nonFiniteLosses));

    /** The meters every model with its own series also gets when labels that come later are on. */
    static final List<ModelMeter> PER_MODEL_LABELS = List.of(
            ModelMeter.gauge(
                    "learner.served.loss",
                    "loss",
                    "Mean loss of the model's last learner.labels.window served predictions that got their label",
                    ModelTrack::servedLoss),
            ModelMeter.gauge(
                    "learner.pending.predictions",
                    "predictions",
                    "Predictions the model remembers, waiting for their label",
                    ModelTrack::pending));

    private final LearnerObservations observations;
    private final List<ModelMeter> perModel;
    private final boolean labels;

    /**
     * A binder of {@code observations}' meters; the label meters ({@code learner.labels} and
     * {@link #PER_MODEL_LABELS}) only when {@code labels} (learner.labels.enabled) is true, so that a
     * learner without labels exposes no series that could only ever read 0 or NaN.
     */
    public LearnerMeterBinder(final LearnerObservations observations, final boolean labels) {
        this.observations = observations;
        this.labels = labels;
        this.perModel = labels
                ? Stream.concat(PER_MODEL.stream(), PER_MODEL_LABELS.stream()).toList()
                : PER_MODEL;
    }

    @Override
    public void bindTo(final MeterRegistry registry) {
        bindDeadLetters(registry);
        for (final Source source : Source.read(labels)) {
            for (final RecordOutcome outcome : RecordOutcome.values()) {
                FunctionCounter.builder("learner.records", observations, o -> o.records(source, outcome))
                        .description("Input records handled, by topic and outcome (applied: trained on, scored, "
                                + "answered or a command applied; skipped: a stopped model's, or an ignored command; "
                                + "rejected: bad input, dead-lettered with its reason; failed: the learner failed on "
                                + "it, dead-lettered without a reason)")
                        .baseUnit("records")
                        .tags("topic", source.tag(), "outcome", outcome.tag())
                        .register(registry);
            }
            FunctionCounter.builder("learner.misrouted.records", observations, o -> o.misrouted(source))
                    .description("Input records in another partition than Kafka's murmur2 partitioner gives their "
                            + "key (a null or empty key: the key default), e.g. written by a librdkafka client "
                            + "with its CRC32 default; processed where they are")
                    .baseUnit("records")
                    .tags("topic", source.tag())
                    .register(registry);
        }
        if (labels) {
            bindLabels(registry);
        }
        FunctionCounter.builder("learner.stops", observations, LearnerObservations::stops)
                .description("Models stopped by early stopping")
                .baseUnit("stops")
                .register(registry);
        for (final Prediction.Answering parameters : Prediction.Answering.values()) {
            FunctionCounter.builder(PREDICTIONS, observations, o -> o.predictions(parameters))
                    .description("Predictions: answered (by the parameters that answered) or rejected (dead letters)")
                    .baseUnit("predictions")
                    .tags("outcome", "answered", "parameters", parameters.wireName())
                    .register(registry);
        }
        FunctionCounter.builder(PREDICTIONS, observations, o -> o.records(Source.PREDICT, RecordOutcome.REJECTED))
                .description("Predictions: answered (by the parameters that answered) or rejected (dead letters)")
                .baseUnit("predictions")
                .tags("outcome", "rejected", "parameters", "none")
                .register(registry);
        for (final EventCounts.Key key : observations.eventKeys()) {
            FunctionCounter.builder("learner.events", observations, o -> o.events(key))
                    .description("Events emitted on the control topic, by event and cause")
                    .baseUnit("events")
                    .tags("event", key.event(), "cause", key.cause())
                    .register(registry);
        }
        for (final ModelStatus status : ModelStatus.values()) {
            Gauge.builder("learner.models", observations, o -> o.models(status))
                    .description("Models seen by this instance, by status")
                    .baseUnit("models")
                    .tag("status", status.name().toLowerCase(Locale.ROOT))
                    .strongReference(true)
                    .register(registry);
        }
        final Map<String, ModelTrack> bound = new HashMap<>();
        observations.watchSeries(track -> bindSeries(registry, bound, track));
        observations.watchRemovals(track -> unbindSeries(registry, bound, track));
    }

    /**
     * Registers the per-model meters of {@code track}, reading it; meters of the same model bound
     * to an earlier track (forgotten since, its model tracked anew) are replaced. One model's
     * meters change on one thread at a time, so that a removal never takes a newer track's meters.
     */
    private synchronized void bindSeries(
            final MeterRegistry registry, final Map<String, ModelTrack> bound, final ModelTrack track) {
        final ModelTrack before = bound.put(track.model(), track);
        if (before == track) {
            return;
        }
        if (before != null) {
            perModel.forEach(meter -> meter.remove(registry, before));
        }
        perModel.forEach(meter -> meter.register(registry, track));
    }

    /** Removes the per-model meters of {@code track}, unless its model's meters read a newer track. */
    private synchronized void unbindSeries(
            final MeterRegistry registry, final Map<String, ModelTrack> bound, final ModelTrack track) {
        if (bound.remove(track.model(), track)) {
            perModel.forEach(meter -> meter.remove(registry, track));
        }
    }

    private void bindLabels(final MeterRegistry registry) {
        for (final LabelOutcome outcome : LabelOutcome.values()) {
            FunctionCounter.builder("learner.labels", observations, o -> o.labels(outcome))
                    .description("Labels joined to their prediction or unknown, and remembered predictions expired "
                            + "without a label")
                    .baseUnit("labels")
                    .tags("outcome", outcome.tag())
                    .register(registry);
        }
    }

    /**
     * One per-model meter: how it is named and described, and what it reads from a model's track.
     *
     * @param name        the dot-separated lowercase meter name
     * @param baseUnit    the base unit
     * @param description the description ({@code # HELP} in Prometheus)
     * @param counter     true for a monotonic count, false for a gauge
     * @param value       what the meter reads
     */
    record ModelMeter(
            String name, String baseUnit, String description, boolean counter, ToDoubleFunction<ModelTrack> value) {

        /** A gauge reading {@code value}. */
        static ModelMeter gauge(
                final String name,
                final String baseUnit,
                final String description,
                final ToDoubleFunction<ModelTrack> value) {
            return new ModelMeter(name, baseUnit, description, false, value);
        }

        /** A monotonic count reading {@code value}. */
        static ModelMeter counter(
                final String name,
                final String baseUnit,
                final String description,
                final ToDoubleFunction<ModelTrack> value) {
            return new ModelMeter(name, baseUnit, description, true, value);
        }

        /** Removes this meter of {@code track}'s model from {@code registry}, if registered. */
        void remove(final MeterRegistry registry, final ModelTrack track) {
            registry.find(name).tag("model", track.model()).meters().forEach(registry::remove);
        }

        void register(final MeterRegistry registry, final ModelTrack track) {
            final Tags tags = Tags.of("model", track.model());
            if (counter) {
                FunctionCounter.builder(name, track, value)
                        .tags(tags)
                        .baseUnit(baseUnit)
                        .description(description)
                        .register(registry);
            } else {
                Gauge.builder(name, track, value)
                        .tags(tags)
                        .baseUnit(baseUnit)
                        .description(description)
                        .register(registry);
            }
        }
    }

    private static final String DEAD_LETTERS =
            "Records sent to the dead-letter topic, by reason (failure: the learner failed on the record, a bug, "
                    + "not bad input)";

    private void bindDeadLetters(final MeterRegistry registry) {
        for (final RejectionReason reason : RejectionReason.values()) {
            if (reason.labelsOnly() && !labels) {
                continue;
            }
            FunctionCounter.builder(DEAD_LETTER_RECORDS, observations, o -> o.deadLetters(reason))
                    .description(DEAD_LETTERS)
                    .baseUnit("records")
                    .tags("reason", reason.code())
                    .register(registry);
        }
        FunctionCounter.builder(DEAD_LETTER_RECORDS, observations, LearnerObservations::failed)
                .description(DEAD_LETTERS)
                .baseUnit("records")
                .tags("reason", "failure")
                .register(registry);
    }
}
