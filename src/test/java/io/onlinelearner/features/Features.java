package io.onlinelearner.features;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.onlinelearner.model.HashedFeatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads a {@code features} JSON text with a {@link FeatureReader}, as the learner's record parser does. */
final class Features {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Features() {}

    static HashingConfig config(final int bits, final String interactions) {
        return new HashingConfig(bits, 0, Interaction.parseAll(interactions), true, 2, 10_000);
    }

    static HashedFeatures read(final HashingConfig config, final String json) {
        return read(new FeatureReader(config), json);
    }

    static HashedFeatures read(final FeatureReader reader, final String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return reader.read(parser, parser.nextToken());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int index(final String text, final int bits) {
        return FeatureHash.index(FeatureHash.hash(text, 0), bits);
    }

    static List<String> names(final HashedFeatures x) {
        final java.util.ArrayList<String> all = new java.util.ArrayList<>();
        for (int k = 0; k < x.size(); k++) {
            all.addAll(x.names(k));
        }
        return all;
    }
}
