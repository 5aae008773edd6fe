package io.onlinelearner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code learner.input.max-bytes}: a value of a valid shape is never refused for its size up to the
 * bound, unknown fields included, and one byte more is {@code TOO_LARGE} on every input, in both
 * formats, before the value is read.
 */
class InputSizeTest {

    private static final int MAX_FEATURES = 4;
    private static final int MIB = 1 << 20;

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code object} (a JSON object) with an unknown string field added so that it has exactly {@code length} bytes. */
    private static byte[] padded(final String object, final int length) {
        final String open = object.substring(0, object.length() - 1) + ",\"pad\":\"";
        return bytes(open + "a".repeat(length - open.length() - 2) + "\"}");
    }

    private static RecordRejectedException rejection(final Function<byte[], ?> parse, final byte[] value) {
        return catchThrowableOfType(RecordRejectedException.class, () -> parse.apply(value));
    }

    private static void assertTooLarge(final Function<byte[], ?> parse, final byte[] value, final int bound) {
        final RecordRejectedException rejection = rejection(parse, value);
        assertThat(rejection).as("rejection of %d bytes", value.length).isNotNull();
        assertThat(rejection.reason()).isEqualTo(RejectionReason.TOO_LARGE);
        assertThat(rejection.reason().code()).isEqualTo("too-large");
        assertThat(rejection.getMessage())
                .isEqualTo("the value has " + value.length + " bytes, more than learner.input.max-bytes = " + bound);
    }

    @ParameterizedTest
    @EnumSource(InputFormat.class)
    void shouldReadEveryJsonInputAtTheBoundAndRefuseItOneByteOver(final InputFormat format) {
        final int bound = 4096;
        final InputParser parser = InputParser.forFormat(format, MAX_FEATURES, bound);
        final byte[] command = padded("{\"command\":\"set-lr\",\"lr\":0.5}", bound);
        assertThat(parser.parseCommand(command)).isEqualTo(new Command.SetLr(0.5));
        assertTooLarge(parser::parseCommand, padded("{\"command\":\"set-lr\",\"lr\":0.5}", bound + 1), bound);
        if (format == InputFormat.JSON) {
            final Example example = parser.parseExample(padded("{\"x\":[1,2],\"y\":3}", bound));
            assertThat(example.x()).containsExactly(1.0, 2.0);
            assertThat(example.y()).isEqualTo(3.0);
            assertTooLarge(parser::parseExample, padded("{\"x\":[1,2],\"y\":3}", bound + 1), bound);
            final PredictRequest request = parser.parsePredict(padded("{\"x\":[1,2],\"id\":7}", bound));
            assertThat(request.x()).containsExactly(1.0, 2.0);
            assertThat(request.idJson()).isEqualTo("7");
            assertTooLarge(parser::parsePredict, padded("{\"x\":[1,2],\"id\":7}", bound + 1), bound);
            assertThat(parser.parseLabel(padded("{\"id\":\"a\",\"y\":2}", bound)))
                    .isEqualTo(new Label("\"a\"", 2.0));
            assertTooLarge(parser::parseLabel, padded("{\"id\":\"a\",\"y\":2}", bound + 1), bound);
        }
    }

    @Test
    void shouldReadAvroValuesAtTheBoundAndRefuseThemOneByteOver() {
        final double[] x = new double[MAX_FEATURES];
        Arrays.fill(x, 0.5);
        final String id = "r".repeat(2000);
        final byte[] example = AvroEncoding.encodeExample(x, 2.0);
        final byte[] predict = AvroEncoding.encodePredict(x, id);
        assertThat(InputParser.forFormat(InputFormat.AVRO, MAX_FEATURES, example.length)
                        .parseExample(example)
                        .x())
                .containsExactly(x);
        assertTooLarge(
                InputParser.forFormat(InputFormat.AVRO, MAX_FEATURES, example.length - 1)::parseExample,
                example,
                example.length - 1);
        assertThat(InputParser.forFormat(InputFormat.AVRO, MAX_FEATURES, predict.length)
                        .parsePredict(predict)
                        .idJson())
                .isEqualTo("\"" + id + "\"");
        assertTooLarge(
                InputParser.forFormat(InputFormat.AVRO, MAX_FEATURES, predict.length - 1)::parsePredict,
                predict,
                predict.length - 1);
    }

    @Test
    void shouldRefuseATooLargeValueBeforeReadingItAndLeaveANullValueToTheFormat() {
        final InputParser parser = InputParser.forFormat(InputFormat.JSON, MAX_FEATURES, 1024);
        final byte[] garbage = bytes("not json ".repeat(200));
        assertTooLarge(parser::parseExample, garbage, 1024);
        assertTooLarge(parser::parseCommand, garbage, 1024);
        assertThat(rejection(parser::parseExample, null).reason()).isEqualTo(RejectionReason.NULL_VALUE);
        assertThat(rejection(parser::parseCommand, null).reason()).isEqualTo(RejectionReason.BAD_COMMAND);
    }

    @Test
    void shouldReadARecordOfNearlyAMebibyteWhoseBulkIsAnUnknownField() {
        final InputParser parser = InputParser.forFormat(InputFormat.JSON, MAX_FEATURES, MIB);
        final Example example = parser.parseExample(padded("{\"x\":[1,2],\"y\":3}", MIB));
        assertThat(example.x()).containsExactly(1.0, 2.0);
        final StringBuilder numbers = new StringBuilder("{\"y\":1,\"meta\":{\"seen\":[0");
        for (int i = 1; numbers.length() < MIB - 100; i++) {
            numbers.append(',').append(i);
        }
        final String nested = numbers.append("]},\"x\":[4]}").toString();
        assertThat(parser.parseExample(bytes(nested)).x()).containsExactly(4.0);
        assertThat(parser.parseCommand(padded("{\"command\":\"stop\"}", MIB))).isEqualTo(new Command.Stop());
        final String id = "\"" + "i".repeat(MIB - 100) + "\"";
        assertThat(parser.parsePredict(bytes("{\"x\":[1],\"id\":" + id + "}")).idJson())
                .isEqualTo(id);
    }

    @Test
    void shouldReadUnknownFieldsWithLongNames() {
        final InputParser parser = InputParser.forFormat(InputFormat.JSON, MAX_FEATURES, MIB);
        for (final int length :
                new int[] {JsonDocuments.KEPT_NAME_LENGTH, JsonDocuments.KEPT_NAME_LENGTH + 1, 900_000}) {
            final String name = "n".repeat(length);
            final Example example = parser.parseExample(bytes("{\"" + name + "\":true,\"x\":[1,2],\"y\":3}"));
            assertThat(example.x()).as("name of %d bytes", length).containsExactly(1.0, 2.0);
            final PredictRequest request = parser.parsePredict(bytes("{\"x\":[5],\"" + name + "\":1,\"id\":\"é\"}"));
            assertThat(request.idJson()).isEqualTo("\"é\"");
            assertThat(parser.parseCommand(bytes("{\"" + name + "\":[],\"command\":\"reset\"}")))
                    .isEqualTo(new Command.Reset());
        }
        final String deep = "[".repeat(1000) + "1" + "]".repeat(1000);
        assertThat(rejection(
                                parser::parseExample,
                                bytes("{\"" + "n".repeat(300) + "\":" + deep + ",\"x\":[1],\"y\":1}"))
                        .reason())
                .as("a long name and nesting over Jackson's limit of 1000")
                .isEqualTo(RejectionReason.NOT_JSON);
    }

    @Test
    void shouldSkipALargeUnknownFieldWithoutCopyingIt() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof ThreadMXBean);
        final ThreadMXBean allocation = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(allocation.isThreadAllocatedMemorySupported() && allocation.isThreadAllocatedMemoryEnabled());
        final InputParser parser = InputParser.forFormat(InputFormat.JSON, MAX_FEATURES, MIB);
        final byte[] value = padded("{\"x\":[1,2],\"y\":3}", MIB);
        parser.parseExample(value);
        final long before = allocation.getCurrentThreadAllocatedBytes();
        parser.parseExample(value);
        final long allocated = allocation.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated to read a 1 MiB record").isLessThan(64 * 1024);
    }
}
