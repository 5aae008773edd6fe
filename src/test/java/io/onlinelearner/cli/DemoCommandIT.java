package io.onlinelearner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The demo command end to end, in-process: embedded broker, learner, synthetic stream, stop. */
class DemoCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SNAPSHOT = "Frozen snapshot on models: ";
    private static final String SIGNAL = "Stop signal on control: ";

    @Test
    void shouldCatchFlippedTrainingLabelsPrintTheFrozenModelAndTheStopSignalAndCleanUp() throws Exception {
        final Level learnerLevel = ((Logger) LoggerFactory.getLogger("io.onlinelearner")).getLevel();

        final CliRun run = CliRun.of("demo", "--scenario", "label-flip", "--pace", "0");

        assertThat(run.exitCode()).as(run.err()).isZero();
        final List<String> lines = run.outLines();
        final JsonNode snapshot = JSON.readTree(only(lines, SNAPSHOT));
        final JsonNode signal = JSON.readTree(only(lines, SIGNAL));

        assertThat(signal.path("model").asText()).isEqualTo(Scenarios.MODEL);
        assertThat(signal.path("event").asText()).isEqualTo("STOPPED");
        final int stoppedRound = signal.path("stoppedRound").asInt();
        final int bestRound = signal.path("bestRound").asInt();
        assertThat(bestRound).isLessThan(Scenarios.CLEAN_BLOCKS);
        assertThat(stoppedRound).isGreaterThanOrEqualTo(Scenarios.CLEAN_BLOCKS).isEqualTo(bestRound + 3);

        assertThat(snapshot.path("status").asText()).isEqualTo("STOPPED");
        assertThat(snapshot.path("round").asInt()).isEqualTo(stoppedRound);
        for (final String field : List.of("model", "updates", "weights", "bias", "bestRound", "bestLoss")) {
            assertThat(snapshot.path(field)).as(field).isEqualTo(signal.path(field));
        }
        assertThat(signal.path("updates").asLong()).isEqualTo((bestRound + 1L) * DemoStream.TRAIN_PER_BLOCK);
        assertThat(lines)
                .contains("  weights " + signal.path("weights") + "  bias "
                        + signal.path("bias").asDouble() + "  updates "
                        + signal.path("updates").asLong() + "  generation 0");

        final List<String> rounds =
                lines.stream().filter(l -> l.startsWith("round ")).toList();
        assertThat(rounds).hasSize(stoppedRound + 1);
        for (int r = 0; r < rounds.size(); r++) {
            assertThat(rounds.get(r)).startsWith(String.format("round %3d  loss ", r));
        }
        assertThat(rounds.subList(0, Scenarios.CLEAN_BLOCKS))
                .allSatisfy(r -> assertThat(r).contains("  clean labels"));
        assertThat(rounds.get(stoppedRound)).endsWith("wait 3  lr 0.01  training labels flipped  STOP");
        assertThat(lines).contains("Events on control: STOPPED (early-stopping)");
        assertThat(lines)
                .as("every run of seed 42 stops where docs/demo.md says")
                .contains("event STOPPED (early-stopping): stopped at round 14, frozen to the best round 11 "
                        + "(loss 0.062492, 600 updates), generation 0");

        final String header = lines.get(0);
        assertThat(header).startsWith("Embedded Kafka broker on localhost:").contains(", data in ");
        assertThat(Path.of(header.substring(header.indexOf(", data in ") + ", data in ".length())))
                .doesNotExist();
        assertThat(((Logger) LoggerFactory.getLogger("io.onlinelearner")).getLevel())
                .isEqualTo(learnerLevel);
    }

    @Test
    void shouldShowTheWholeLoopLearnStopServeDriftResumeAndStopAgain() throws Exception {
        final CliRun run = CliRun.of("demo", "--pace", "0");

        assertThat(run.exitCode()).as(run.err()).isZero();
        final List<String> lines = run.outLines();
        final List<String> story = lines.stream()
                .filter(l -> l.startsWith("event ")
                        || l.startsWith("The world")
                        || l.startsWith("Serving")
                        || l.endsWith("STOP"))
                .toList();
        assertThat(story).hasSize(8);
        assertThat(story.get(0)).startsWith("round ").endsWith("first concept  STOP");
        assertThat(story.get(1)).startsWith("event STOPPED (early-stopping): ").endsWith("generation 0");
        assertThat(story.get(2)).startsWith("Serving the frozen model: 3 records on predict");
        assertThat(story.get(3)).startsWith("The world changes: ");
        assertThat(story.get(4)).startsWith("event DRIFT (drift): ").endsWith("the model is STOPPED");
        assertThat(story.get(5)).startsWith("event RESUMED (drift): from best").endsWith("generation 1, TRAINING");
        assertThat(story.get(6)).startsWith("round ").endsWith("new concept  STOP");
        assertThat(story.get(7)).startsWith("event STOPPED (early-stopping): ").endsWith("generation 1");
        assertThat(lines.indexOf(story.get(5))).isLessThan(lines.indexOf(story.get(6)));
        final List<String> documented = Files.readAllLines(Path.of("docs", "demo.md"), StandardCharsets.UTF_8);
        assertThat(story)
                .as("every run of seed 42 prints the lines docs/demo.md shows")
                .allSatisfy(line -> assertThat(documented).contains("    " + line));

        final List<String> answers =
                lines.stream().filter(l -> l.startsWith("  x [")).toList();
        assertThat(answers).hasSize(Scenarios.QUESTIONS.length).allSatisfy(a -> {
            assertThat(a).contains("(frozen parameters, ");
            final String[] words = a.trim().split("\\s+");
            final double prediction = Double.parseDouble(words[words.length - 7]);
            final double truth = Double.parseDouble(words[words.length - 5]);
            assertThat(prediction).as(a).isCloseTo(truth, org.assertj.core.data.Offset.offset(0.1));
        });
        assertThat(lines)
                .contains("Events on control: STOPPED (early-stopping), DRIFT (drift), RESUMED (drift), "
                        + "STOPPED (early-stopping)");

        final List<String> rounds =
                lines.stream().filter(l -> l.startsWith("round ")).toList();
        for (int r = 0; r < rounds.size(); r++) {
            assertThat(rounds.get(r)).startsWith(String.format("round %3d  loss ", r));
        }
        assertThat(lines.get(2))
                .contains("min-delta 0.002 (a round improves on the best only when its loss is "
                        + "lower by more than 0.002)");
        assertThat(rounds).anyMatch(r -> r.endsWith("new concept  not better than the best by min-delta 0.002"));
        for (final String round : rounds) {
            final String[] words = round.trim().split("\\s+");
            final double loss = Double.parseDouble(words[3]);
            final double best = Double.parseDouble(words[5]);
            final boolean newBest = round.contains("wait 0 ");
            assertThat(round.contains("  not better than the best by min-delta 0.002"))
                    .as(round)
                    .isEqualTo(!newBest && loss < best);
        }
        final JsonNode signal = JSON.readTree(only(lines, SIGNAL));
        final JsonNode snapshot = JSON.readTree(only(lines, SNAPSHOT));
        assertThat(signal.path("generation").asLong()).isEqualTo(1);
        assertThat(snapshot.path("weights")).isEqualTo(signal.path("weights"));
        final String header = lines.get(0);
        assertThat(Path.of(header.substring(header.indexOf(", data in ") + ", data in ".length())))
                .doesNotExist();
    }

    @Test
    void shouldJoinLabelsThatComeLaterStopEarlyAndShowTheServedLossFalling() throws Exception {
        final CliRun run = CliRun.of("demo", "--scenario", "labels", "--pace", "0");

        assertThat(run.exitCode()).as(run.err()).isZero();
        final List<String> lines = run.outLines();
        final List<String> rounds =
                lines.stream().filter(l -> l.startsWith("round ")).toList();
        assertThat(rounds).hasSizeGreaterThan(4);
        final List<Double> served = rounds.stream()
                .map(r -> Double.parseDouble(r.trim().split("\\s+")[5]))
                .toList();
        assertThat(rounds).allSatisfy(r -> assertThat(r).contains("  served "));
        assertThat(served.get(served.size() - 1)).isLessThan(served.get(0) / 10);
        assertThat(rounds.get(rounds.size() - 1)).endsWith("STOP");

        final List<String> outcomes =
                lines.stream().filter(l -> l.startsWith("  outcome id ")).toList();
        assertThat(outcomes).hasSize(Narrator.OUTCOMES_SHOWN + Scenarios.QUESTIONS.length);
        assertThat(outcomes.get(0))
                .startsWith("  outcome id \"0-0\"    served   0.000000")
                .endsWith("(initial parameters, 0 updates; label 1100 ms after the request)");
        assertThat(outcomes.subList(Narrator.OUTCOMES_SHOWN, outcomes.size()))
                .allSatisfy(o -> assertThat(o).contains("(frozen parameters, "));

        final JsonNode snapshot = JSON.readTree(only(lines, SNAPSHOT));
        final JsonNode signal = JSON.readTree(only(lines, SIGNAL));
        assertThat(snapshot.path("trainedThrough").path("topic").asText()).isEqualTo("labels");
        assertThat(snapshot.path("servedLoss").asDouble()).isEqualTo(served.get(served.size() - 1), within(5e-7));
        assertThat(snapshot.path("pending").asInt()).isZero();
        assertThat(signal.path("updates").asLong())
                .isEqualTo((signal.path("bestRound").asLong() + 1) * DemoStream.REQUESTS_PER_BLOCK / 2);
    }

    @Test
    void shouldLearnNamedFeaturesAndShowTheLargestWeightsWithTheirTexts() throws Exception {
        final CliRun run = CliRun.of("demo", "--scenario", "features", "--pace", "0");

        assertThat(run.exitCode()).as(run.err()).isZero();
        final List<String> lines = run.outLines();
        assertThat(lines.stream().filter(l -> l.startsWith("round ")).toList())
                .isNotEmpty()
                .last()
                .asString()
                .endsWith("named features  STOP");
        final List<String> answers =
                lines.stream().filter(l -> l.startsWith("  {\"user\"")).toList();
        assertThat(answers).hasSize(Scenarios.NAMED_QUESTIONS.size()).allSatisfy(a -> {
            final String[] words = a.trim().split("\\s+");
            assertThat(Double.parseDouble(words[2]))
                    .as(a)
                    .isCloseTo(Double.parseDouble(words[4]), org.assertj.core.data.Offset.offset(0.5));
        });
        final int top = lines.indexOf(lines.stream()
                .filter(l -> l.startsWith("The frozen model's 8 largest weights"))
                .findFirst()
                .orElseThrow());
        final List<String> weights = lines.subList(top + 1, top + 1 + Scenarios.TOP);
        assertThat(weights).allSatisfy(w -> assertThat(w).matches("  +[+-]\\d+\\.\\d{6}  .+  \\(index \\d+\\)"));
        assertThat(weights.subList(0, 4))
                .anySatisfy(w -> assertThat(w).contains("  user^plan=pro*item^cat=games  "))
                .anySatisfy(w -> assertThat(w).contains("  promo  "));
        final JsonNode signal = JSON.readTree(only(lines, SIGNAL));
        assertThat(signal.path("weights").isObject()).isTrue();
        assertThat(lines)
                .contains("  " + signal.path("weights").size() + " weights touched"
                        + (signal.has("features") ? " of " + signal.path("features") : "") + "  bias "
                        + signal.path("bias").asDouble() + "  updates "
                        + signal.path("updates").asLong() + "  generation 0");
        assertThat(JSON.readTree(only(lines, SNAPSHOT)).path("features").asLong())
                .isEqualTo(1L << 18);
    }

    private static String only(final List<String> lines, final String prefix) {
        final List<String> matching =
                lines.stream().filter(l -> l.startsWith(prefix)).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0).substring(prefix.length());
    }
}
