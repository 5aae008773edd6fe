package io.onlinelearner.metrics;

/**
 * What the learner did on this instance, summed at one moment: what the status line shows.
 *
 * @param records     input records handled (all topics and outcomes, dead letters included)
 * @param deadLetters of which sent to the dead-letter topic
 * @param models      models seen by this instance
 * @param stopped     of which stopped
 * @param rounds      validation rounds closed
 * @param stops       early stops
 * @param bestLoss    the lowest best round loss of any model; NaN before the first
 * @param predictions predictions answered
 * @param events      events emitted on {@code control}
 * @param joined      labels joined to their prediction
 * @param unknown     labels that joined nothing
 */
public record Totals(
        long records,
        long deadLetters,
        long models,
        long stopped,
        long rounds,
        long stops,
        double bestLoss,
        long predictions,
        long events,
        long joined,
        long unknown) {

    /** The totals without labels. */
    public Totals(
            final long records,
            final long deadLetters,
            final long models,
            final long stopped,
            final long rounds,
            final long stops,
            final double bestLoss,
            final long predictions,
            final long events) {
        this(records, deadLetters, models, stopped, rounds, stops, bestLoss, predictions, events, 0, 0);
    }
}
