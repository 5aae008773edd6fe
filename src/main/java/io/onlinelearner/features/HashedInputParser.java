package io.onlinelearner.features;

import io.onlinelearner.model.Command;
import io.onlinelearner.model.CommandParser;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.model.InputParser;
import io.onlinelearner.model.Label;
import io.onlinelearner.model.LabelParser;
import io.onlinelearner.model.NamedRecordParser;
import io.onlinelearner.model.PredictRequest;

/**
 * The {@link InputParser} of {@code learner.features.mode=hashed} (JSON only): {@code train},
 * {@code validation} and {@code predict} values carry named {@code "features"}, read and hashed by
 * {@link FeatureReader}; {@code labels} and {@code commands} are read as in dense mode. Not
 * thread-safe: one per processor.
 */
public final class HashedInputParser implements InputParser {

    private final NamedRecordParser<HashedFeatures> records;
    private final LabelParser labels;
    private final CommandParser commands = new CommandParser();

    private HashedInputParser(final HashingConfig config) {
        this.records = FeatureReader.records(config);
        this.labels = new LabelParser(config.maxFeatures());
    }

    /** A parser hashing with {@code config}, refusing values over {@code maxBytes} as {@code TOO_LARGE}. */
    public static InputParser of(final HashingConfig config, final int maxBytes) {
        return InputParser.sizeBound(new HashedInputParser(config), maxBytes);
    }

    @Override
    public Example parseExample(final byte[] value) {
        final NamedRecordParser.Labelled<HashedFeatures> parsed = records.parse(value);
        return new Example(parsed.features(), parsed.y());
    }

    @Override
    public PredictRequest parsePredict(final byte[] value) {
        final NamedRecordParser.Request<HashedFeatures> parsed = records.parsePredict(value);
        return new PredictRequest(parsed.features(), parsed.idJson());
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
