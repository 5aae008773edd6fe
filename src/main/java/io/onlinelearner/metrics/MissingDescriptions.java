package io.onlinelearner.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Gives a description to every Kafka meter registered without one, so that its family of {@code
 * GET /metrics} has a {@code # HELP} line like every other. Kafka's clients leave some of their
 * metrics undescribed (e.g. the per-node {@code request-latency-avg}), and Micrometer's Kafka binder
 * passes the empty description on. Other meters pass unchanged.
 */
final class MissingDescriptions implements MeterFilter {

    @Override
    public Meter.Id map(final Meter.Id id) {
        final String description = id.getDescription();
        if (!id.getName().startsWith("kafka.") || description != null && !description.isBlank()) {
            return id;
        }
        return new Meter.Id(
                id.getName(),
                Tags.of(id.getTagsAsIterable()),
                id.getBaseUnit(),
                "Kafka's own metric " + id.getName() + " (Kafka gives it no description)",
                id.getType());
    }
}
