package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.RecordLimits;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.model.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * A dead letter's own headers are bounded, so that the dead letter of any record an input topic of
 * the learner's accepts fits within the limit the learner writes records up to.
 */
class DeadLetterHeadersTest {

    private static final Record<byte[], byte[]> INPUT =
            new Record<>(new byte[] {1}, new byte[] {2}, 0L, new RecordHeaders());
    private static final Origin ORIGIN = new Origin("train", 0, 7L);

    private static int headerBytes(final Record<byte[], byte[]> letter) {
        int bytes = 0;
        for (final Header header : letter.headers()) {
            bytes += header.key().getBytes(StandardCharsets.UTF_8).length
                    + (header.value() == null ? 0 : header.value().length);
        }
        return bytes;
    }

    @Test
    void shouldBoundAHugeFailureWithinTheRoomLeftAboveTheInputs() {
        final String huge = "€".repeat(1_000_000);
        final RuntimeException failure = new IllegalStateException(huge, new IllegalArgumentException(huge));
        final Record<byte[], byte[]> letter = DeadLetters.ofFailure(INPUT, ORIGIN, failure);

        final String message =
                new String(letter.headers().lastHeader(DeadLetters.MESSAGE).value(), StandardCharsets.UTF_8);
        assertThat(message).hasSize(DeadLetters.MAX_MESSAGE_CHARS).endsWith("€…");
        final String trace =
                new String(letter.headers().lastHeader(DeadLetters.STACKTRACE).value(), StandardCharsets.UTF_8);
        assertThat(trace).hasSize(DeadLetters.MAX_STACKTRACE_CHARS).startsWith("java.lang.IllegalStateException: €");
        assertThat(headerBytes(letter)).isLessThan(RecordLimits.HEADER_ROOM_BYTES);
        assertThat(letter.value()).isEqualTo(INPUT.value());
    }

    @Test
    void shouldBoundARejectionsMessageAndKeepAShortOneWhole() {
        final Record<byte[], byte[]> huge = DeadLetters.of(
                INPUT, ORIGIN, new RecordRejectedException(RejectionReason.BAD_FEATURES, "x".repeat(100_000)));
        assertThat(huge.headers().lastHeader(DeadLetters.MESSAGE).value()).hasSize(DeadLetters.MAX_MESSAGE_CHARS + 2);
        assertThat(headerBytes(huge)).isLessThan(RecordLimits.HEADER_ROOM_BYTES);
        final Record<byte[], byte[]> small =
                DeadLetters.of(INPUT, ORIGIN, new RecordRejectedException(RejectionReason.NOT_JSON, "not JSON"));
        assertThat(new String(small.headers().lastHeader(DeadLetters.MESSAGE).value(), StandardCharsets.UTF_8))
                .isEqualTo("not JSON");
    }

    @Test
    void shouldNeverSplitASurrogatePair() {
        final String text = "a".repeat(8) + "😀".repeat(10);
        for (int max = 3; max < text.length(); max++) {
            final String cut = DeadLetters.bounded(text, max);
            assertThat(cut.length()).isLessThanOrEqualTo(max);
            assertThat(cut).endsWith("…");
            assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
        }
        assertThat(DeadLetters.bounded(text, text.length())).isEqualTo(text);
        assertThat(DeadLetters.bounded(null, 5)).isNull();
    }

    @Test
    void shouldKeepTheValueOfEveryLetterWhoseInputTheLearnersTopicsAccept() {
        final int limit = RecordLimits.DEFAULT_BYTES;
        final byte[] largest = new byte[RecordLimits.inputTopicBytes(limit) - 100];
        final Record<byte[], byte[]> input = new Record<>(new byte[] {1}, largest, 0L, new RecordHeaders());
        final Record<byte[], byte[]> letter = DeadLetters.ofFailure(
                input, ORIGIN, new IllegalStateException("€".repeat(100_000), new IllegalStateException("x")));
        assertThat(DeadLetters.fitted(letter, limit)).isSameAs(letter);
    }

    @Test
    void shouldDropOnlyTheValueOfALetterTheProducerWouldRefuseAndSayItsLength() {
        final byte[] value = new byte[2_000];
        final Record<byte[], byte[]> letter = DeadLetters.of(
                new Record<>(new byte[] {1}, value, 5L, new RecordHeaders()),
                ORIGIN,
                new RecordRejectedException(RejectionReason.TOO_LARGE, "too large"));
        final Record<byte[], byte[]> fitted = DeadLetters.fitted(letter, 1_000);
        assertThat(fitted.value()).isNull();
        assertThat(fitted.key()).isEqualTo(new byte[] {1});
        assertThat(fitted.timestamp()).isEqualTo(5L);
        assertThat(new String(
                        fitted.headers().lastHeader(DeadLetters.VALUE_BYTES).value(), StandardCharsets.UTF_8))
                .isEqualTo("2000");
        assertThat(new String(fitted.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                .isEqualTo("too-large");
        assertThat(DeadLetters.fitted(letter, 3_000)).isSameAs(letter);
    }

    @Test
    void shouldReadTheProducersEffectiveMaxRequestSize() {
        assertThat(RecordLimits.producerMaxRequestBytes(Map.of())).isEqualTo(1 << 20);
        assertThat(RecordLimits.producerMaxRequestBytes(Map.of("max.request.size", "5000")))
                .isEqualTo(5000);
        assertThat(RecordLimits.producerMaxRequestBytes(
                        Map.of("max.request.size", "5000", "producer.max.request.size", " 7000")))
                .isEqualTo(7000);
    }

    /** A dead letter sent back to an input and refused again says why this time, once. */
    @Test
    void shouldReplaceTheHeadersOfAnEarlierDeadLetterAndKeepTheOthers() {
        final RecordHeaders earlier = new RecordHeaders();
        earlier.add(DeadLetters.REASON, "wrong-dimension".getBytes(StandardCharsets.UTF_8));
        earlier.add(DeadLetters.TOPIC, "elsewhere".getBytes(StandardCharsets.UTF_8));
        earlier.add(DeadLetters.OFFSET, "99".getBytes(StandardCharsets.UTF_8));
        earlier.add(DeadLetters.STACKTRACE, "old".getBytes(StandardCharsets.UTF_8));
        earlier.add("mine", "1".getBytes(StandardCharsets.UTF_8));
        final Record<byte[], byte[]> input = new Record<>(new byte[] {1}, new byte[] {2}, 0L, earlier);

        final Record<byte[], byte[]> letter =
                DeadLetters.of(input, ORIGIN, new RecordRejectedException(RejectionReason.NOT_JSON, "not JSON"));

        assertThat(letter.headers().toArray())
                .extracting(
                        h -> h.key() + "=" + (h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8)))
                .containsExactly(
                        "mine=1",
                        DeadLetters.EXCEPTION + "=" + RecordRejectedException.class.getName(),
                        DeadLetters.MESSAGE + "=not JSON",
                        DeadLetters.REASON + "=not-json",
                        DeadLetters.TOPIC + "=train",
                        DeadLetters.PARTITION + "=0",
                        DeadLetters.OFFSET + "=7");
        assertThat(DeadLetters.ofFailure(input, ORIGIN, new IllegalStateException("bug"))
                        .headers()
                        .headers(DeadLetters.REASON))
                .isEmpty();
    }
}
