package io.onlinelearner.model;

/** {@link InputParser} for {@code learner.input.format=avro}: {@link AvroCodec}, and {@link CommandParser} for JSON commands. */
final class AvroInputParser implements InputParser {

    private final AvroCodec codec;
    private final CommandParser commands = new CommandParser();

    AvroInputParser(final int maxFeatures) {
        this.codec = new AvroCodec(maxFeatures);
    }

    @Override
    public Example parseExample(final byte[] value) {
        return codec.decodeExample(value);
    }

    @Override
    public PredictRequest parsePredict(final byte[] value) {
        return codec.decodePredict(value);
    }

    @Override
    public Label parseLabel(final byte[] value) {
        return codec.decodeLabel(value);
    }

    @Override
    public Command parseCommand(final byte[] value) {
        return commands.parse(value);
    }
}
