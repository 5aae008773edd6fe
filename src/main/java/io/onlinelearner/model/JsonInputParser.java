package io.onlinelearner.model;

/** {@link InputParser} for {@code learner.input.format=json}: {@link RecordParser}, {@link LabelParser} and {@link CommandParser}. */
final class JsonInputParser implements InputParser {

    private final RecordParser records;
    private final LabelParser labels;
    private final CommandParser commands = new CommandParser();

    JsonInputParser(final int maxFeatures) {
        this.records = new RecordParser(maxFeatures);
        this.labels = new LabelParser(maxFeatures);
    }

    @Override
    public Example parseExample(final byte[] value) {
        return records.parse(value);
    }

    @Override
    public PredictRequest parsePredict(final byte[] value) {
        return records.parsePredict(value);
    }

    @Override
    public Label parseLabel(final byte[] value) {
        return labels.parse(value);
    }

    @Override
    public Command parseCommand(final byte[] value) {
        return commands.parse(value);
    }
}
