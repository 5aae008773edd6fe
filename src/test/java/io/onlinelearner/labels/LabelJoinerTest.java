package io.onlinelearner.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.onlinelearner.learner.Prediction.Answering;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Label;
import io.onlinelearner.model.Loss;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.model.RejectionReason;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** {@link LabelJoiner}: which requests are remembered, which label joins which, and when they are forgotten. */
class LabelJoinerTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long TTL = 60_000;

    private final LabelJoiner joiner = new LabelJoiner(new LabelSettings(true, TTL, 3, 2, 4), Loss.SQUARED);
    private final MemoryPending pending = new MemoryPending();

    private static Remembered request(final String idJson, final long timestamp, final long sequence) {
        return new Remembered(idJson, new double[] {1.0, 2.0}, 0.5, Answering.LIVE, 7, 1, timestamp, sequence);
    }

    private void remember(final String model, final Remembered request, final long streamTime) {
        pending.apply(joiner.remember(pending, model, request, streamTime));
    }

    private static RejectionReason reasonOf(final ThrowingCallable call) {
        return catchThrowableOfType(RecordRejectedException.class, call).reason();
    }

    @Test
    void shouldJoinALabelToItsRequestAndForgetTheRequest() {
        remember("m", request("\"r1\"", T0, 0), T0);

        final LabelJoiner.Joined joined = joiner.join(pending, "m", new Label("\"r1\"", 2.5), T0 + 1250, T0 + 1250);

        assertThat(joined.outcome())
                .isEqualTo(new ServedOutcome("m", "\"r1\"", 0.5, 2.5, 4.0, Answering.LIVE, 7, 1, 1250));
        assertThat(joined.example()).isEqualTo(new Example(new double[] {1.0, 2.0}, 2.5));
        assertThat(joined.validates()).isFalse();
        assertThat(joined.labels().pending()).isZero();
        assertThat(joined.labels().joined()).isEqualTo(1);
        assertThat(joined.labels().servedLoss()).isEqualTo(4.0);
        assertThat(pending.count("m")).isEqualTo(1);
        pending.apply(joined.changes());
        assertThat(pending.count("m")).isZero();
        assertThat(pending.labels("m")).isEqualTo(joined.labels());
    }

    @Test
    void shouldRefuseASecondLabelForOneRequest() {
        remember("m", request("\"r1\"", T0, 0), T0);
        pending.apply(joiner.join(pending, "m", new Label("\"r1\"", 1.0), T0 + 5, T0 + 5)
                .changes());

        assertThat(reasonOf(() -> joiner.join(pending, "m", new Label("\"r1\"", 1.0), T0 + 6, T0 + 6)))
                .isEqualTo(RejectionReason.UNKNOWN_PREDICTION);
    }

    @Test
    void shouldRefuseALabelBeforeItsRequestAndKeepTheRequestForItsLabel() {
        remember("m", request("\"r1\"", T0 + 100, 0), T0 + 100);

        assertThat(reasonOf(() -> joiner.join(pending, "m", new Label("\"r1\"", 1.0), T0 + 99, T0 + 100)))
                .isEqualTo(RejectionReason.UNKNOWN_PREDICTION);
        assertThat(pending.count("m")).isEqualTo(1);
        assertThat(joiner.join(pending, "m", new Label("\"r1\"", 1.0), T0 + 100, T0 + 100)
                        .outcome()
                        .delayMs())
                .isZero();
    }

    @Test
    void shouldRefuseALabelOfAnUnknownIdOrOfAnotherModel() {
        remember("m", request("\"r1\"", T0, 0), T0);

        assertThat(reasonOf(() -> joiner.join(pending, "m", new Label("\"r2\"", 1.0), T0, T0)))
                .isEqualTo(RejectionReason.UNKNOWN_PREDICTION);
        assertThat(reasonOf(() -> joiner.join(pending, "other", new Label("\"r1\"", 1.0), T0, T0)))
                .isEqualTo(RejectionReason.UNKNOWN_PREDICTION);
    }

    @Test
    void shouldCompareIdsByTheirJsonTextSoANumberIsNotAString() {
        remember("m", request("7", T0, 0), T0);

        assertThat(reasonOf(() -> joiner.join(pending, "m", new Label("\"7\"", 1.0), T0, T0)))
                .isEqualTo(RejectionReason.UNKNOWN_PREDICTION);
        assertThat(joiner.join(pending, "m", new Label("7", 1.0), T0, T0)
                        .outcome()
                        .idJson())
                .isEqualTo("7");
    }

    @Test
    void shouldJoinUpToTheTtlByStreamTimeTheLabelsOwnTimestampIncluded() {
        remember("m", request("\"r1\"", T0, 0), T0);

        assertThat(joiner.join(pending, "m", new Label("\"r1\"", 1.0), T0 + TTL, T0 + TTL)
                        .outcome()
                        .delayMs())
                .isEqualTo(TTL);
        assertThat(reasonOf(() -> joiner.join(pending, "m", new Label("\"r1\"", 1.0), T0 + TTL + 1, T0 + TTL)))
                .isEqualTo(RejectionReason.UNKNOWN_PREDICTION);
        assertThat(reasonOf(() -> joiner.join(pending, "m", new Label("\"r1\"", 1.0), T0 + 10, T0 + TTL + 1)))
                .as("a label on time by its own timestamp, but the stream has moved past the ttl")
                .isEqualTo(RejectionReason.UNKNOWN_PREDICTION);
    }

    @Test
    void shouldForgetRequestsOlderThanTheTtlByStreamTimeCountingThemExpired() {
        remember("m", request("\"a\"", T0, 0), T0);
        remember("n", request("\"b\"", T0 + 5, 1), T0 + 5);
        remember("m", request("\"c\"", T0 + 9, 2), T0 + 9);

        assertThat(joiner.expire(pending, T0 + TTL)).isSameAs(Changes.NONE);
        final Changes expired = joiner.expire(pending, T0 + TTL + 6);

        assertThat(expired.expired()).isEqualTo(2);
        assertThat(expired.forgotten()).extracting(e -> e.request().idJson()).containsExactly("\"a\"", "\"b\"");
        pending.apply(expired);
        assertThat(pending.labels("m").pending()).isEqualTo(1);
        assertThat(pending.labels("n").pending()).isZero();
        assertThat(pending.count("m")).isEqualTo(1);
        assertThat(reasonOf(() -> joiner.join(pending, "m", new Label("\"a\"", 1.0), T0 + TTL, T0 + TTL + 6)))
                .isEqualTo(RejectionReason.UNKNOWN_PREDICTION);
    }

    @Test
    void shouldNotRememberARequestAlreadyOlderThanTheTtl() {
        final Changes changes = joiner.remember(pending, "m", request("\"late\"", T0, 0), T0 + TTL + 1);

        assertThat(changes.remembered()).isEmpty();
        assertThat(changes.expired()).isEqualTo(1);
        pending.apply(changes);
        assertThat(pending.count("m")).isZero();
        assertThat(pending.labels("m").pending()).isZero();
    }

    @Test
    void shouldForgetTheOldestBeyondMaxPendingCountingItExpired() {
        remember("m", request("\"a\"", T0, 0), T0);
        remember("m", request("\"b\"", T0 + 1, 1), T0 + 1);
        remember("m", request("\"c\"", T0 + 2, 2), T0 + 2);
        remember("n", request("\"x\"", T0 + 2, 3), T0 + 2);

        final Changes fourth = joiner.remember(pending, "m", request("\"d\"", T0 + 3, 4), T0 + 3);

        assertThat(fourth.expired()).isEqualTo(1);
        assertThat(fourth.forgotten()).extracting(e -> e.request().idJson()).containsExactly("\"a\"");
        pending.apply(fourth);
        assertThat(pending.all("m")).extracting(Remembered::idJson).containsExactly("\"b\"", "\"c\"", "\"d\"");
        assertThat(pending.labels("m").pending()).isEqualTo(3);
        assertThat(pending.count("n")).isEqualTo(1);
    }

    @Test
    void shouldForgetANewRequestBeyondMaxPendingWhenItIsTheOldest() {
        remember("m", request("\"a\"", T0 + 10, 0), T0 + 10);
        remember("m", request("\"b\"", T0 + 11, 1), T0 + 11);
        remember("m", request("\"c\"", T0 + 12, 2), T0 + 12);

        final Changes older = joiner.remember(pending, "m", request("\"old\"", T0 + 5, 3), T0 + 12);

        assertThat(older.remembered()).isEmpty();
        assertThat(older.forgotten()).isEmpty();
        assertThat(older.expired()).isEqualTo(1);
        pending.apply(older);
        assertThat(pending.all("m")).extracting(Remembered::idJson).containsExactly("\"a\"", "\"b\"", "\"c\"");
    }

    @Test
    void shouldReplaceARequestWithTheSameIdWithoutCountingItOrPushingAnotherOut() {
        remember("m", request("\"a\"", T0, 0), T0);
        remember("m", request("\"b\"", T0 + 1, 1), T0 + 1);
        remember("m", request("\"c\"", T0 + 2, 2), T0 + 2);

        final Changes again = joiner.remember(pending, "m", request("\"a\"", T0 + 3, 3), T0 + 3);

        assertThat(again.expired()).isZero();
        pending.apply(again);
        assertThat(pending.all("m")).extracting(Remembered::sequence).containsExactly(1L, 2L, 3L);
        assertThat(pending.labels("m").pending()).isEqualTo(3);
        assertThat(joiner.join(pending, "m", new Label("\"a\"", 0.5), T0 + 4, T0 + 4)
                        .outcome()
                        .delayMs())
                .isEqualTo(1);
    }

    @Test
    void shouldHoldOutEveryKthJoinedLabelOfAModelCountingOnlyJoinedLabels() {
        for (int i = 0; i < 5; i++) {
            remember("m", request("" + i, T0 + i, i), T0 + i);
            if (i == 1) {
                assertThat(reasonOf(() -> joiner.join(pending, "m", new Label("99", 1.0), T0 + 1, T0 + 1)))
                        .isEqualTo(RejectionReason.UNKNOWN_PREDICTION);
            }
            final LabelJoiner.Joined joined = joiner.join(pending, "m", new Label("" + i, 1.0), T0 + i, T0 + i);
            assertThat(joined.validates()).as("label %d", i + 1).isEqualTo((i + 1) % 2 == 0);
            pending.apply(joined.changes());
        }
        assertThat(pending.labels("m").joined()).isEqualTo(5);
    }

    @Test
    void shouldNeverHoldOutWithHoldoutEveryZero() {
        final LabelSettings never = new LabelSettings(true, TTL, 3, 0, 4);
        assertThat(never.holdsOut(1)).isFalse();
        assertThat(never.holdsOut(0)).isFalse();
        assertThat(never.holdsOut(1000)).isFalse();
        assertThat(new LabelSettings(true, TTL, 3, 1, 4).holdsOut(3)).isTrue();
    }

    @Test
    void shouldRefuseALabelTheLossDoesNotAcceptBeforeLookingItUp() {
        final LabelJoiner logistic = new LabelJoiner(new LabelSettings(true, TTL, 3, 0, 4), Loss.LOGISTIC);
        remember("m", request("\"r1\"", T0, 0), T0);

        assertThat(reasonOf(() -> logistic.join(pending, "m", new Label("\"r1\"", 0.5), T0, T0)))
                .isEqualTo(RejectionReason.INVALID_LABEL);
        assertThat(reasonOf(() -> logistic.join(pending, "m", new Label("\"unknown\"", 2.0), T0, T0)))
                .isEqualTo(RejectionReason.INVALID_LABEL);
        assertThat(pending.count("m")).isEqualTo(1);
    }

    @Test
    void shouldScoreTheServedPrediction() {
        assertThat(LabelJoiner.servedLoss(Loss.SQUARED, 0.5, 2.5)).isEqualTo(4.0);
        assertThat(LabelJoiner.servedLoss(Loss.LOGISTIC, 0.8, 1.0)).isEqualTo(-Math.log(0.8));
        assertThat(LabelJoiner.servedLoss(Loss.LOGISTIC, 0.8, 0.0)).isEqualTo(-Math.log1p(-0.8));
        assertThat(LabelJoiner.servedLoss(Loss.LOGISTIC, 1.0, 0.0)).isEqualTo(-Math.log1p(-Math.nextDown(1.0)));
        assertThat(LabelJoiner.servedLoss(Loss.LOGISTIC, 0.0, 1.0)).isEqualTo(-Math.log(Double.MIN_VALUE));
        assertThat(LabelJoiner.servedLoss(Loss.LOGISTIC, 1.0, 1.0)).isEqualTo(-Math.log(Math.nextDown(1.0)));
    }

    @Test
    void shouldJoinALabelWhoseServedLossOverflowsAndLeaveItOutOfTheMean() {
        remember("m", request("\"r1\"", T0, 0), T0);
        remember("m", request("\"r2\"", T0, 1), T0);
        pending.apply(
                joiner.join(pending, "m", new Label("\"r1\"", 2.5), T0, T0).changes());

        final LabelJoiner.Joined joined = joiner.join(pending, "m", new Label("\"r2\"", 1e200), T0, T0);

        assertThat(joined.outcome().loss()).isInfinite();
        assertThat(joined.example().y()).isEqualTo(1e200);
        assertThat(joined.labels().joined()).isEqualTo(2);
        assertThat(joined.labels().pending()).isZero();
        assertThat(joined.labels().servedLoss()).as("the finite loss alone").isEqualTo(4.0);
    }

    @Test
    void shouldForgetEverythingOfAnEvictedModel() {
        remember("m", request("\"a\"", T0, 0), T0);
        remember("m", request("\"b\"", T0 + 1, 1), T0 + 1);
        remember("n", request("\"a\"", T0 + 1, 2), T0 + 1);

        final Changes evicted = joiner.forgetModel(pending, "m");

        assertThat(evicted.expired()).isEqualTo(2);
        pending.apply(evicted);
        assertThat(pending.count("m")).isZero();
        assertThat(pending.labels("m")).isNull();
        assertThat(pending.count("n")).isEqualTo(1);
    }

    @Test
    void shouldKeepOnlyTheJoinedCountOfAnEvictedModelAsItBelongsToTheModelId() {
        remember("m", request("\"a\"", T0, 0), T0);
        pending.apply(joiner.join(pending, "m", new Label("\"a\"", 1.5), T0, T0).changes());
        remember("m", request("\"b\"", T0 + 1, 1), T0 + 1);

        final Changes evicted = joiner.forgetModel(pending, "m");

        assertThat(evicted.expired()).isEqualTo(1);
        assertThat(evicted.windows()).containsExactly("m");
        pending.apply(evicted);
        assertThat(pending.count("m")).isZero();
        assertThat(pending.labels("m").pending()).isZero();
        assertThat(pending.labels("m").joined()).isEqualTo(1);
        assertThat(pending.labels("m").served().losses()).isEmpty();
    }

    @Test
    void shouldKeepTheMeanServedLossOverTheWindow() {
        for (int i = 0; i < 6; i++) {
            remember("m", request("" + i, T0 + i, i), T0 + i);
            pending.apply(joiner.join(pending, "m", new Label("" + i, 0.5 + i), T0 + i, T0 + i)
                    .changes());
        }
        assertThat(pending.labels("m").served().losses()).containsExactly(4.0, 9.0, 16.0, 25.0);
        assertThat(pending.labels("m").servedLoss()).isEqualTo(13.5);
    }
}
