package io.onlinelearner.model;

/**
 * Turns the value of an input record into what the learner acts on, whatever
 * {@code learner.input.format} is: the stream processor calls this and nothing format-specific.
 * {@code train}, {@code validation}, {@code predict} and {@code labels} values are in the configured format;
 * {@code commands} values are always JSON. Parsers are pure (no Kafka types) and every bad value
 * is a {@link RecordRejectedException} naming the contract's reason (a value longer than the
 * configured bound is {@code TOO_LARGE}, whatever the input); the model's dimension and,
 * for logistic loss, the label are checked later by the learner.
 *
 * <p>Implementations keep scratch buffers and are not thread-safe: use one per processor.
 */
public interface InputParser {

    /**
     * Parses a {@code train} or {@code validation} value.
     *
     * @param value the record's value; null is rejected as {@code NULL_VALUE}
     * @throws RecordRejectedException for every kind of bad value
     */
    Example parseExample(byte[] value);

    /**
     * Parses a {@code predict} value; a label, if the format carries one, is ignored.
     *
     * @param value the record's value; null is rejected as {@code NULL_VALUE}
     * @throws RecordRejectedException for every kind of bad value
     */
    PredictRequest parsePredict(byte[] value);

    /**
     * Parses a {@code labels} value.
     *
     * @param value the record's value; null is rejected as {@code NULL_VALUE}
     * @throws RecordRejectedException for every kind of bad value ({@code MISSING_ID} among them)
     */
    Label parseLabel(byte[] value);

    /**
     * Parses a {@code commands} value (always JSON).
     *
     * @param value the record's value
     * @throws RecordRejectedException with reason {@code BAD_COMMAND} for every malformed command
     */
    Command parseCommand(byte[] value);

    /**
     * A parser for the given format that first refuses any value longer than {@code maxBytes} as
     * {@code TOO_LARGE}, before reading it: below that bound, no value of a valid shape is refused
     * for its size, whatever unknown fields it carries.
     *
     * @param format      {@code learner.input.format}
     * @param maxFeatures {@code learner.model.max-features}: more features are {@code TOO_MANY_FEATURES}
     * @param maxBytes    {@code learner.input.max-bytes}: longer values are {@code TOO_LARGE}
     */
    static InputParser forFormat(final InputFormat format, final int maxFeatures, final int maxBytes) {
        final InputParser parser = switch (format) {
            case JSON -> new JsonInputParser(maxFeatures);
            case AVRO -> new AvroInputParser(maxFeatures);
        };
        return sizeBound(parser, maxBytes);
    }

    /**
     * {@code parser} behind the bound of {@code learner.input.max-bytes}: a value longer than
     * {@code maxBytes} is {@code TOO_LARGE} before {@code parser} reads it. For the parsers of
     * other packages (named features).
     */
    static InputParser sizeBound(final InputParser parser, final int maxBytes) {
        return new SizeBoundParser(parser, maxBytes);
    }
}
