package io.onlinelearner.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Gives a description to every meter registered without one, so that each family of {@code GET
 * /metrics} has its {@code # HELP} line. Kafka's clients leave some of their metrics undescribed
 * (e.g. the per-node {@code request-latency-avg}), and Micrometer's Kafka binder passes the empty
 * description on; the text given then says where the meter comes from.
 */
final class MissingDescriptions implements MeterFilter {

    @Override
    public Meter.Id map(final Meter.Id id) {
        final String description = id.getDescription();
        if (description != null && !description.isBlank()) {
            return id;
        }
        return new Meter.Id(
                id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), describe(id), id.getType());
    }

    /** The text for an undescribed meter, e.g. one of Kafka's clients or of Kafka Streams. */
    static String describe(final Meter.Id id) {
        return id.getName().startsWith("kafka.")
                ? "Kafka's own metric " + id.getName() + " (Kafka gives it no description)"
                : "The meter " + id.getName() + " (registered without a description)";
    }
}
