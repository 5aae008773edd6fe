package io.onlinelearner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class NarratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringWriter text = new StringWriter();
    private final Narrator narrator = new Narrator(new PrintWriter(text, true), 0.002);

    @Test
    void shouldSayWhyALowerLossIsNotAnImprovement() throws Exception {
        show(snapshot(13, 0.008471, 13, 0.008471, "TRAINING"));
        show(snapshot(14, 0.007041, 13, 0.008471, "TRAINING"));
        show(snapshot(16, 0.011101, 13, 0.008471, "STOPPED"));

        assertThat(text.toString().lines().toList())
                .containsExactly(
                        "round  13  loss   0.008471  best   0.008471 (round 13)  wait 0  lr 0.05  new concept",
                        "round  14  loss   0.007041  best   0.008471 (round 13)  wait 1  lr 0.05  new concept"
                                + "  not better than the best by min-delta 0.002",
                        "round  16  loss   0.011101  best   0.008471 (round 13)  wait 3  lr 0.05  new concept  STOP");
    }

    @Test
    void shouldShowOnlyTheAnswersOfFollowedQuestionsNextToTheirTruth() throws Exception {
        narrator.asked(new Scenario.Question("2", "x [1.0, 1.0, 1.0]", 0.3));

        narrator.prediction(JSON.readTree("{\"model\":\"demo\",\"id\":2,\"prediction\":0.29745,\"status\":\"STOPPED\","
                + "\"parameters\":\"frozen\",\"updates\":150}"));
        narrator.prediction(JSON.readTree("{\"model\":\"demo\",\"id\":\"other\",\"prediction\":1.0,"
                + "\"status\":\"TRAINING\",\"parameters\":\"live\",\"updates\":7}"));

        assertThat(text.toString().lines().toList())
                .containsExactly(
                        "  x [1.0, 1.0, 1.0]  prediction   0.297450   true   0.300000   (frozen parameters, 150 updates)");
    }

    @Test
    void shouldShowTheFirstOutcomesAndThenThoseOfFollowedQuestions() throws Exception {
        narrator.asked(new Scenario.Question("\"q1\"", "x [1.0, 0.0, 0.0]", 1.8));
        for (int i = 0; i < Narrator.OUTCOMES_SHOWN + 2; i++) {
            narrator.outcome(outcome("\"0-" + i + "\"", 0.0, 1.0, 1.0, "initial", 0, 1300));
        }
        narrator.outcome(outcome("\"q1\"", 1.79, 1.81, 0.0004, "frozen", 512, 1201));

        assertThat(text.toString().lines().toList())
                .containsExactly(
                        "  outcome id \"0-0\"    served   0.000000   label   1.000000   loss   1.000000   (initial "
                                + "parameters, 0 updates; label 1300 ms after the request)",
                        "  outcome id \"0-1\"    served   0.000000   label   1.000000   loss   1.000000   (initial "
                                + "parameters, 0 updates; label 1300 ms after the request)",
                        "  outcome id \"0-2\"    served   0.000000   label   1.000000   loss   1.000000   (initial "
                                + "parameters, 0 updates; label 1300 ms after the request)",
                        "  outcome id \"q1\"     served   1.790000   label   1.810000   loss   0.000400   (frozen "
                                + "parameters, 512 updates; label 1201 ms after the request)");
    }

    @Test
    void shouldShowTheServedLossOnARoundLineWhenTheSnapshotHasOne() throws Exception {
        final String json = "{\"model\":\"demo\",\"status\":\"TRAINING\",\"round\":4,\"roundLoss\":0.02,"
                + "\"bestRound\":4,\"bestLoss\":0.02,\"lr\":0.05,\"servedLoss\":0.125}";
        narrator.snapshot(JSON.readTree(json), json, "");

        assertThat(text.toString().lines().toList())
                .containsExactly(
                        "round   4  loss   0.020000  served   0.125000  best   0.020000 (round  4)  wait 0  lr 0.05");
    }

    @Test
    void shouldListTheTopFeaturesWithTheirTextsLargestFirstAsTheApiAnswers() throws Exception {
        narrator.topFeatures(JSON.readTree("[{\"index\":29242,\"weight\":2.2284718,\"names\":"
                + "[\"user^plan=pro*item^cat=games\"]},{\"index\":7,\"weight\":-0.5,\"names\":[\"a\",\"b\"]},"
                + "{\"index\":9,\"weight\":0.25,\"names\":[]}]"));

        assertThat(text.toString().lines().toList())
                .containsExactly(
                        "   +2.228472  user^plan=pro*item^cat=games  (index 29242)",
                        "   -0.500000  a | b  (index 7)",
                        "   +0.250000  -  (index 9)");
    }

    @Test
    void shouldCountTheTouchedWeightsOfAHashedModelAndShowNoDenseTruth() throws Exception {
        final String stopped = "{\"model\":\"demo\",\"event\":\"STOPPED\",\"cause\":\"early-stopping\","
                + "\"generation\":0,\"status\":\"STOPPED\",\"stoppedRound\":14,\"bestRound\":11,"
                + "\"bestLoss\":0.0631,\"updates\":600,\"features\":262144,\"weights\":{\"17\":0.5,\"4854\":1.01},"
                + "\"bias\":1.012,\"trainedThrough\":null}";
        narrator.event(JSON.readTree(stopped), stopped);
        text.getBuffer().setLength(0);

        narrator.conclude(null, "control", "models");

        assertThat(text.toString().lines().toList())
                .startsWith(
                        "",
                        "Stopped at round 14; the frozen model is the best round's (round 11, loss 0.063100):",
                        "  2 weights touched of 262144  bias 1.012  updates 600  generation 0",
                        "Events on control: STOPPED (early-stopping)");
    }

    private static JsonNode outcome(
            final String id,
            final double prediction,
            final double y,
            final double loss,
            final String parameters,
            final long updates,
            final long delayMs)
            throws Exception {
        return JSON.readTree("{\"model\":\"demo\",\"id\":" + id + ",\"prediction\":" + prediction + ",\"y\":" + y
                + ",\"loss\":" + loss + ",\"parameters\":\"" + parameters + "\",\"updates\":" + updates
                + ",\"generation\":0,\"delayMs\":" + delayMs + "}");
    }

    @Test
    void shouldTellEveryEventAndConcludeWithTheLastStopAndBothOutputsVerbatim() throws Exception {
        final String stopped =
                "{\"model\":\"demo\",\"event\":\"STOPPED\",\"cause\":\"early-stopping\",\"generation\":1,"
                        + "\"status\":\"STOPPED\",\"stoppedRound\":16,\"bestRound\":13,\"bestLoss\":0.0084706,\"updates\":548,"
                        + "\"weights\":[-0.97,1.0,1.99],\"bias\":-0.49,\"trainedThrough\":null}";
        final String snapshot = snapshot(16, 0.011101, 13, 0.0084706, "STOPPED");
        narrator.event(
                JSON.readTree("{\"model\":\"demo\",\"event\":\"DRIFT\",\"cause\":\"drift\",\"generation\":0,"
                        + "\"status\":\"STOPPED\",\"records\":303,\"statistic\":65.14}"),
                "");
        narrator.event(
                JSON.readTree("{\"model\":\"demo\",\"event\":\"RESUMED\",\"cause\":\"drift\",\"generation\":1,"
                        + "\"status\":\"TRAINING\",\"from\":\"best\",\"updates\":150}"),
                "");
        narrator.snapshot(JSON.readTree(snapshot), snapshot, "new concept");
        narrator.event(JSON.readTree(stopped), stopped);

        narrator.conclude(Scenarios.CHANGED, "control", "models");

        assertThat(text.toString().lines().toList())
                .containsExactly(
                        "event DRIFT (drift): Page-Hinkley statistic 65.1 after 303 training losses; the model is "
                                + "STOPPED",
                        "event RESUMED (drift): from best (150 updates), generation 1, TRAINING",
                        "round  16  loss   0.011101  best   0.008471 (round 13)  wait 3  lr 0.05  new concept  STOP",
                        "event STOPPED (early-stopping): stopped at round 16, frozen to the best round 13 (loss "
                                + "0.008471, 548 updates), generation 1",
                        "",
                        "Stopped at round 16; the frozen model is the best round's (round 13, loss 0.008471):",
                        "  weights [-0.97,1.0,1.99]  bias -0.49  updates 548  generation 1",
                        "  (true: weights [-1.0, 1.0, 2.0]  bias -0.5)",
                        "Events on control: DRIFT (drift), RESUMED (drift), STOPPED (early-stopping)",
                        "Frozen snapshot on models: " + snapshot,
                        "Stop signal on control: " + stopped);
    }

    @Test
    void shouldSayWhenTheModelNeverStopped() {
        narrator.conclude(Scenarios.ORIGINAL, "control", "models");

        assertThat(text.toString().lines().toList()).containsExactly("", "The model did not stop. Events on control: ");
    }

    private void show(final String snapshot) throws Exception {
        narrator.snapshot(JSON.readTree(snapshot), snapshot, "new concept");
    }

    private static String snapshot(
            final int round, final double loss, final int bestRound, final double best, final String status) {
        return "{\"model\":\"demo\",\"status\":\"" + status + "\",\"updates\":548,\"features\":3,"
                + "\"weights\":[-0.97,1.0,1.99],\"bias\":-0.49,\"round\":" + round + ",\"roundLoss\":" + loss
                + ",\"bestRound\":" + bestRound + ",\"bestLoss\":" + best + ",\"lr\":0.05,\"generation\":1}";
    }
}
