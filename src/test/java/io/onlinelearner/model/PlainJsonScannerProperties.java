package io.onlinelearner.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The plain scanner changes nothing a parser answers: for values near and far from the plain
 * shape (numbers in every JSON form and many non-JSON ones, whitespace, field order, repeated,
 * unknown and escaped fields, ids of every kind, truncation and trailing bytes), a
 * {@link RecordParser} or {@link LabelParser} answers exactly what one that reads everything with Jackson answers, down to
 * the bits of each double and the words of each rejection. The coverage checks keep the property
 * from passing by the scanner declining everything.
 */
class PlainJsonScannerProperties {

    private static final int MAX_FEATURES = 10;

    private final RecordParser parser = new RecordParser(MAX_FEATURES);
    private final RecordParser jackson = RecordParser.jacksonOnly(MAX_FEATURES);
    private final LabelParser labels = new LabelParser(MAX_FEATURES);
    private final LabelParser labelsJackson = LabelParser.jacksonOnly(MAX_FEATURES);
    private final PlainJsonScanner scanner = new PlainJsonScanner(MAX_FEATURES);

    @Property(tries = 3000)
    void shouldAnswerEveryTrainingValueAsJacksonDoes(@ForAll("values") final String json) {
        final byte[] value = json.getBytes(StandardCharsets.UTF_8);
        assertSameAsJackson(
                () -> describe(parser.parse(value)),
                () -> describe(jackson.parse(value)),
                scanner.example(value) != null,
                15);
    }

    @Property(tries = 3000)
    void shouldAnswerEveryPredictionAsJacksonDoes(@ForAll("values") final String json) {
        final byte[] value = json.getBytes(StandardCharsets.UTF_8);
        assertSameAsJackson(
                () -> describe(parser.parsePredict(value)),
                () -> describe(jackson.parsePredict(value)),
                scanner.predict(value) != null,
                3);
    }

    @Property(tries = 3000)
    void shouldAnswerEveryLabelAsJacksonDoes(@ForAll("values") final String json) {
        final byte[] value = json.getBytes(StandardCharsets.UTF_8);
        assertSameAsJackson(
                () -> describe(labels.parse(value)),
                () -> describe(labelsJackson.parse(value)),
                scanner.label(value) != null,
                3);
    }

    /**
     * The parser with the scanner answers one value as the Jackson-only one does (the same doubles bit
     * for bit, the same id text, or the same rejection and words), and the scanner itself reads more
     * than {@code minPercent}% of the generated values, so that the property cannot hold by
     * declining everything.
     */
    private static void assertSameAsJackson(
            final Supplier<String> withScanner,
            final Supplier<String> jacksonOnly,
            final boolean scanned,
            final double minPercent) {
        assertThat(outcome(withScanner)).isEqualTo(outcome(jacksonOnly));
        Statistics.label("scanned").collect(scanned);
        Statistics.label("scanned").coverage(coverage -> coverage.check(true).percentage(share -> share > minPercent));
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(plain("\"y\": ", number()), plain("\"id\": ", id()), label(), noisy());
    }

    /** An object of {@code id} and {@code y}, in either order: mostly the plain shape of a label. */
    private static Arbitrary<String> label() {
        return Combinators.combine(id(), number(), Arbitraries.of(true, false))
                .as((id, y, idFirst) ->
                        idFirst ? "{\"id\": " + id + ", \"y\": " + y + "}" : "{\"y\":" + y + ",\"id\":" + id + "}");
    }

    /**
     * An object of {@code x} and one more field, in either order, spaced either way, and now and
     * then other fields: mostly the plain shape.
     */
    private static Arbitrary<String> plain(final String name, final Arbitrary<String> value) {
        return Combinators.combine(
                        number().list().ofMinSize(1).ofMaxSize(MAX_FEATURES),
                        value,
                        Arbitraries.of(true, false),
                        Arbitraries.of("", " ", "\n  "),
                        other().list().ofMaxSize(3))
                .as((xs, second, xFirst, gap, others) -> {
                    final List<String> fields = new ArrayList<>(others);
                    final String x = "\"x\":" + gap + "[" + String.join("," + gap, xs) + "]";
                    fields.add(Math.min(others.size(), xFirst ? 0 : 1), x);
                    fields.add(xFirst ? fields.size() : 0, name + second);
                    return "{" + gap + String.join("," + gap, fields) + gap + "}";
                });
    }

    /** A field the parsers do not read: mostly a plain scalar, sometimes repeated, sometimes not plain. */
    private static Arbitrary<String> other() {
        return Combinators.combine(
                        Arbitraries.of("ts", "src", "z", "", "y", "id", "x", "long-name-" + "n".repeat(60)),
                        Arbitraries.frequencyOf(
                                Tuple.of(4, number()),
                                Tuple.of(3, id()),
                                Tuple.of(1, Arbitraries.of("[1]", "{}", "{\"a\": [2]}", "nul", "truex"))))
                .as((field, value) -> "\"" + field + "\": " + value);
    }

    /** Values of many shapes, most of them not plain and many not valid. */
    private static Arbitrary<String> noisy() {
        final Arbitrary<String> field = Arbitraries.frequencyOf(
                Tuple.of(6, features().map(x -> "\"x\" :" + x)),
                Tuple.of(5, number().map(y -> "\"y\":" + y)),
                Tuple.of(3, id().map(id -> "\"id\": " + id)),
                Tuple.of(1, Arbitraries.of("\"z\": [1, {\"a\": 2}]", "\"\\u0078\": [1]", "\"x \": 1", "\"i\": 1")));
        return Combinators.combine(
                        field.list().ofMinSize(0).ofMaxSize(4),
                        Arbitraries.of("", " ", "\n\t ", "\r\n"),
                        Arbitraries.of("", "", "", " ", "\n", "x", "}", ",", "{}", "\uFEFF"),
                        Arbitraries.integers().between(0, 40))
                .as((fields, gap, tail, cut) -> {
                    final String body = gap + "{" + gap + String.join("," + gap, fields) + gap + "}" + gap;
                    final String whole = cut == 0 ? body.substring(0, body.length() / 2) : body;
                    return cut == 1 ? tail + whole : whole + tail;
                });
    }

    private static Arbitrary<String> features() {
        return Arbitraries.frequencyOf(
                Tuple.of(
                        8,
                        number().list()
                                .ofMinSize(0)
                                .ofMaxSize(MAX_FEATURES + 2)
                                .map(xs -> "[" + String.join(", ", xs) + "]")),
                Tuple.of(2, number()),
                Tuple.of(1, Arbitraries.of("null", "\"1\"", "{}", "[[1]]", "[1,]", "[,1]", "[1 2]", "true")));
    }

    private static Arbitrary<String> number() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.doubles().map(String::valueOf)),
                Tuple.of(2, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(
                        2,
                        Combinators.combine(
                                        Arbitraries.longs(),
                                        Arbitraries.integers().between(-340, 340))
                                .as((m, e) -> m + (e % 2 == 0 ? "e" : "E+") + e)),
                Tuple.of(
                        2,
                        Arbitraries.strings()
                                .withChars("0123456789")
                                .ofMinLength(1)
                                .ofMaxLength(80)
                                .map(digits -> "0." + digits)),
                Tuple.of(
                        3,
                        Arbitraries.of(
                                "0",
                                "-0",
                                "-0.0",
                                "0.0",
                                "01",
                                "-01",
                                "1.",
                                ".5",
                                "-",
                                "+1",
                                "1e",
                                "1e+",
                                "1.5x",
                                "1e5",
                                "1E-5",
                                "1e-400",
                                "1e400",
                                "-1e400",
                                "NaN",
                                "Infinity",
                                "-Infinity",
                                "123456789012345678",
                                "-123456789012345678",
                                "1234567890123456789",
                                "99999999999999999999",
                                "9007199254740993",
                                "4.9e-324",
                                "1.7976931348623157e308",
                                "1.7976931348623159e308",
                                "2.2250738585072011e-308",
                                "0.1000000000000000055511151231257827021181583404541015625",
                                "null",
                                "\"2\"",
                                "true")));
    }

    private static Arbitrary<String> id() {
        return Arbitraries.frequencyOf(
                Tuple.of(
                        4,
                        Arbitraries.strings()
                                .withCharRange(' ', '~')
                                .ofMaxLength(12)
                                .map(s -> "\"" + s + "\"")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(6).map(s -> "\"" + s + "\"")),
                Tuple.of(
                        2,
                        Arbitraries.of(
                                "\"req-1\"",
                                "\"a\\\"b\"",
                                "\"\\u00e9\"",
                                "\"é\"",
                                "3.5",
                                "1e3",
                                "NaN",
                                "null",
                                "true",
                                "{\"a\": 1}",
                                "[1, 2]")));
    }

    private static String describe(final Example example) {
        return "example " + bits(example.x()) + " " + Double.doubleToRawLongBits(example.y());
    }

    private static String describe(final PredictRequest request) {
        return "request " + bits(request.x()) + " " + request.idJson();
    }

    private static String describe(final Label label) {
        return "label " + label.idJson() + " " + Double.doubleToRawLongBits(label.y());
    }

    private static List<Long> bits(final double[] x) {
        final List<Long> bits = new ArrayList<>();
        Arrays.stream(x).forEach(v -> bits.add(Double.doubleToRawLongBits(v)));
        return bits;
    }

    private static String outcome(final Supplier<String> read) {
        try {
            return read.get();
        } catch (RecordRejectedException e) {
            return "rejected " + e.reason() + ": " + e.getMessage();
        }
    }
}
