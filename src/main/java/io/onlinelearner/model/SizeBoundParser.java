package io.onlinelearner.model;

/**
 * An {@link InputParser} that refuses a value longer than {@code maxBytes} before the format's
 * parser reads it, for every input alike: {@code train}, {@code validation}, {@code predict},
 * {@code commands} and {@code labels}, JSON or Avro. A null value is left to the format's parser ({@code NULL_VALUE}).
 */
final class SizeBoundParser implements InputParser {

    private final InputParser parser;
    private final int maxBytes;

    SizeBoundParser(final InputParser parser, final int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes = " + maxBytes + ": must be >= 1");
        }
        this.parser = parser;
        this.maxBytes = maxBytes;
    }

    @Override
    public Example parseExample(final byte[] value) {
        return parser.parseExample(checked(value));
    }

    @Override
    public PredictRequest parsePredict(final byte[] value) {
        return parser.parsePredict(checked(value));
    }

    @Override
    public Command parseCommand(final byte[] value) {
        return parser.parseCommand(checked(value));
    }

    @Override
    public Label parseLabel(final byte[] value) {
        return parser.parseLabel(checked(value));
    }

    private byte[] checked(final byte[] value) {
        if (value != null && value.length > maxBytes) {
            throw new RecordRejectedException(
                    RejectionReason.TOO_LARGE,
                    "the value has " + value.length + " bytes, more than learner.input.max-bytes = " + maxBytes);
        }
        return value;
    }
}
