package io.onlinelearner.features;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.model.NamedRecordParser;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.model.RejectionReason;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads a record's {@code "features"} object, as the contract's "Named features" says, into
 * {@link HashedFeatures}: a number is a numeric feature, a string {@code v} the indicator
 * {@code name=v}, {@code true} the indicator {@code name}; {@code false} and 0 are absent; an
 * object is a namespace whose members follow the same rules one level deep, their texts prefixed
 * with {@code ns^}. Each text is hashed ({@link FeatureHash}), the configured interactions are
 * added, and features with the same index add up. Anything else is rejected as
 * {@code bad-features}, as is an object with no feature left; more than {@code max-features}
 * features, interactions included, as {@code too-many-features}.
 *
 * <p>It is the {@link NamedRecordParser.FeaturesReader} of hashed mode: {@link #records} parses whole
 * values with it. Instances keep scratch arrays and are not thread-safe: one per processor.
 */
public final class FeatureReader implements NamedRecordParser.FeaturesReader<HashedFeatures> {

    private static final String TOP = "";

    private final HashingConfig config;
    private final Scratch raw = new Scratch();
    private final Scratch all = new Scratch();

    /** A reader with the given settings. */
    public FeatureReader(final HashingConfig config) {
        this.config = config;
    }

    /** A parser of whole {@code train}, {@code validation} and {@code predict} values with a reader of {@code config}. */
    public static NamedRecordParser<HashedFeatures> records(final HashingConfig config) {
        return new NamedRecordParser<>(config.maxFeatures(), new FeatureReader(config));
    }

    /** The settings this reader hashes with. */
    public HashingConfig config() {
        return config;
    }

    /**
     * Reads the features value whose first token, {@code token}, the parser stands on, up to and
     * including its last token.
     *
     * @throws RecordRejectedException {@code BAD_FEATURES} or {@code TOO_MANY_FEATURES}
     */
    @Override
    public HashedFeatures read(final JsonParser parser, final JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw bad("\"features\" is not an object");
        }
        raw.clear();
        readMembers(parser, TOP);
        if (raw.count == 0) {
            throw bad("\"features\" has no feature (zeros and false are absent)");
        }
        all.clear();
        for (int k = 0; k < raw.count; k++) {
            all.add(raw.namespaces[k], raw.texts[k], raw.hashes[k], raw.values[k], -1, -1);
        }
        checkCount(interactionCount());
        for (final Interaction rule : config.interactions()) {
            cross(rule);
        }
        return all.merged(config.bits(), config.keepNames());
    }

    private void readMembers(final JsonParser parser, final String namespace) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            final String name = parser.currentName();
            final JsonToken value = parser.nextToken();
            if (name.isEmpty()) {
                throw bad("a feature or namespace has an empty name" + where(namespace));
            }
            switch (value) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(parser, namespace, name);
                case VALUE_STRING -> feature(namespace, name + "=" + parser.getText(), 1.0);
                case VALUE_TRUE -> feature(namespace, name, 1.0);
                case VALUE_FALSE -> {}
                case START_OBJECT -> {
                    if (!TOP.equals(namespace)) {
                        throw bad(
                                "\"" + namespace + "^" + name + "\" is an object inside a namespace (one level only)");
                    }
                    readMembers(parser, name);
                }
                default ->
                    throw bad("\"" + text(namespace, name) + "\" is " + describe(value)
                            + ": a feature is a number, a string, a boolean or (at the top) an object");
            }
        }
    }

    private void number(final JsonParser parser, final String namespace, final String name) throws IOException {
        final double value = parser.getDoubleValue();
        if (!Double.isFinite(value)) {
            throw bad("\"" + text(namespace, name) + "\" is not finite: " + parser.getText());
        }
        if (value != 0.0) {
            feature(namespace, name, value);
        }
    }

    private void feature(final String namespace, final String name, final double value) {
        checkCount(raw.count + 1L);
        final String text = text(namespace, name);
        raw.add(namespace, text, FeatureHash.hash(text, config.seed()), value, -1, -1);
    }

    private long interactionCount() {
        long count = raw.count;
        for (final Interaction rule : config.interactions()) {
            final long a = raw.countIn(rule.first());
            count += rule.withinOne() ? a * (a - 1) / 2 : a * raw.countIn(rule.second());
        }
        return count;
    }

    private void cross(final Interaction rule) {
        final boolean names = config.keepNames();
        for (int i = 0; i < raw.count; i++) {
            if (!raw.namespaces[i].equals(rule.first())) {
                continue;
            }
            for (int j = rule.withinOne() ? i + 1 : 0; j < raw.count; j++) {
                if (raw.namespaces[j].equals(rule.second())) {
                    all.add(
                            null,
                            names ? raw.texts[i] + "*" + raw.texts[j] : null,
                            FeatureHash.combine(raw.hashes[i], raw.hashes[j]),
                            raw.values[i] * raw.values[j],
                            i,
                            j);
                }
            }
        }
    }

    private void checkCount(final long count) {
        if (count > config.maxFeatures()) {
            throw new RecordRejectedException(
                    RejectionReason.TOO_MANY_FEATURES,
                    "\"features\" has more than learner.model.max-features = " + config.maxFeatures()
                            + " features, interactions included");
        }
    }

    private static String text(final String namespace, final String name) {
        return TOP.equals(namespace) ? name : namespace + "^" + name;
    }

    private static String where(final String namespace) {
        return TOP.equals(namespace) ? "" : " in namespace \"" + namespace + "\"";
    }

    private static String describe(final JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_NULL -> "null";
            default -> "not a feature value";
        };
    }

    private static RecordRejectedException bad(final String message) {
        return new RecordRejectedException(RejectionReason.BAD_FEATURES, message);
    }

    /**
     * The features found so far, in order: namespace, text, hash and value of each, and for an
     * interaction the positions of the two features it crosses (-1 for a feature of the record).
     */
    private static final class Scratch {
        String[] namespaces = new String[32];
        String[] texts = new String[32];
        int[] hashes = new int[32];
        double[] values = new double[32];
        int[] firsts = new int[32];
        int[] seconds = new int[32];
        int count;

        void clear() {
            Arrays.fill(namespaces, 0, count, null);
            Arrays.fill(texts, 0, count, null);
            count = 0;
        }

        void add(
                final String namespace,
                final String text,
                final int hash,
                final double value,
                final int first,
                final int second) {
            if (count == hashes.length) {
                final int size = 2 * count;
                namespaces = Arrays.copyOf(namespaces, size);
                texts = Arrays.copyOf(texts, size);
                hashes = Arrays.copyOf(hashes, size);
                values = Arrays.copyOf(values, size);
                firsts = Arrays.copyOf(firsts, size);
                seconds = Arrays.copyOf(seconds, size);
            }
            namespaces[count] = namespace;
            texts[count] = text;
            hashes[count] = hash;
            values[count] = value;
            firsts[count] = first;
            seconds[count] = second;
            count++;
        }

        long countIn(final String namespace) {
            long n = 0;
            for (int k = 0; k < count; k++) {
                if (namespaces[k].equals(namespace)) {
                    n++;
                }
            }
            return n;
        }

        /**
         * Sorted by index (stable: a record's order within one index), the same indices added up,
         * the same texts of an index kept once, and each interaction text's parts found among them.
         */
        HashedFeatures merged(final int bits, final boolean keepNames) {
            final long[] keys = new long[count];
            for (int k = 0; k < count; k++) {
                keys[k] = ((long) FeatureHash.index(hashes[k], bits) << 32) | k;
            }
            Arrays.sort(keys);
            final int[] indices = new int[count];
            final double[] sums = new double[count];
            final String[] sorted = keepNames ? new String[count] : null;
            final int[] starts = keepNames ? new int[count + 1] : null;
            final int[] slots = keepNames ? new int[count] : null;
            int distinct = 0;
            int textCount = 0;
            for (final long key : keys) {
                final int index = (int) (key >>> 32);
                final int k = (int) key;
                if (distinct == 0 || indices[distinct - 1] != index) {
                    indices[distinct] = index;
                    sums[distinct] = values[k];
                    if (keepNames) {
                        starts[distinct] = textCount;
                    }
                    distinct++;
                } else {
                    sums[distinct - 1] += values[k];
                }
                if (keepNames) {
                    final int at = find(sorted, starts[distinct - 1], textCount, texts[k]);
                    if (at < 0) {
                        slots[k] = textCount;
                        sorted[textCount++] = texts[k];
                    } else {
                        slots[k] = -at - 1;
                    }
                }
            }
            if (!keepNames) {
                return HashedFeatures.adopt(
                        Arrays.copyOf(indices, distinct), Arrays.copyOf(sums, distinct), null, null);
            }
            starts[distinct] = textCount;
            return HashedFeatures.adopt(
                    Arrays.copyOf(indices, distinct),
                    Arrays.copyOf(sums, distinct),
                    Arrays.copyOf(sorted, textCount),
                    Arrays.copyOf(starts, distinct + 1),
                    parts(slots, textCount));
        }

        /**
         * The parts of each kept interaction text, as positions among the kept texts; null when the
         * record has no interaction. {@code slots[k]} is where feature {@code k}'s text is kept, or
         * -(p + 1) when an earlier feature of the same index kept the same text at p.
         */
        private int[] parts(final int[] slots, final int textCount) {
            int[] parts = null;
            for (int k = 0; k < count; k++) {
                if (firsts[k] < 0 || slots[k] < 0) {
                    continue;
                }
                if (parts == null) {
                    parts = new int[2 * textCount];
                    Arrays.fill(parts, -1);
                }
                parts[2 * slots[k]] = slot(slots[firsts[k]]);
                parts[2 * slots[k] + 1] = slot(slots[seconds[k]]);
            }
            return parts;
        }

        private static int slot(final int slot) {
            return slot >= 0 ? slot : -slot - 1;
        }

        /** Where {@code text} is among {@code texts[from, to)}, or -1. */
        private static int find(final String[] texts, final int from, final int to, final String text) {
            for (int i = from; i < to; i++) {
                if (texts[i].equals(text)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
