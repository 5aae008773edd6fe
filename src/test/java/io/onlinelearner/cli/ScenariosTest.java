package io.onlinelearner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.cli.Scenario.Batch;
import io.onlinelearner.cli.Scenario.Play;
import io.onlinelearner.cli.Scenario.Say;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerConfigBuilder;
import io.onlinelearner.drift.DriftAction;
import io.onlinelearner.topology.Source;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenariosTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldKnowTheThreeScenariosAndNoOther() {
        assertThat(Scenarios.NAMES).containsExactly("drift", "label-flip", "labels", "features");
        assertThat(Scenarios.NAMES)
                .allSatisfy(name -> assertThat(Scenarios.named(name, 1))
                        .get()
                        .extracting(Scenario::name)
                        .isEqualTo(name));
        assertThat(Scenarios.named("hashed", 1)).isEmpty();
    }

    @Test
    void shouldSendEachBlockOfRequestsThenTheirLabelsASecondLaterInLabels() {
        final Scenario labels = Scenarios.named("labels", 42).orElseThrow();

        final LearnerConfig config = config(labels);
        assertThat(config.labels().enabled()).isTrue();
        assertThat(config.labels().holdoutEvery()).isEqualTo(2);
        assertThat(config.labels().window()).isEqualTo(DemoStream.REQUESTS_PER_BLOCK);
        assertThat(labels.acts()).hasSize(3);
        final Play learn = (Play) labels.acts().get(1);
        assertThat(learn.untilStop()).isTrue();
        final Batch requests = learn.batches().next();
        final Batch answers = learn.batches().next();
        assertThat(requests.messages())
                .hasSize(DemoStream.REQUESTS_PER_BLOCK)
                .allSatisfy(m -> assertThat(m.source()).isEqualTo(Source.PREDICT));
        assertThat(requests.gapMs()).isZero();
        assertThat(new String(requests.messages().get(1).value(), StandardCharsets.UTF_8))
                .contains("\"id\":\"0-1\"");
        assertThat(answers.messages())
                .hasSize(DemoStream.REQUESTS_PER_BLOCK)
                .allSatisfy(m -> assertThat(m.source()).isEqualTo(Source.LABELS));
        assertThat(answers.gapMs()).isEqualTo(Scenarios.LABEL_DELAY_MS);
        assertThat(answers.note()).isEqualTo("labels of block 0");
        assertThat(new String(answers.messages().get(1).value(), StandardCharsets.UTF_8))
                .startsWith("{\"id\":\"0-1\",\"y\":");

        final Play serve = (Play) labels.acts().get(2);
        final Batch questions = serve.batches().next();
        assertThat(questions.messages())
                .extracting(m -> m.question().id())
                .containsExactly("\"q1\"", "\"q2\"", "\"q3\"");
        assertThat(serve.batches().next().messages())
                .hasSize(Scenarios.QUESTIONS.length)
                .allSatisfy(m -> assertThat(m.source()).isEqualTo(Source.LABELS));
        assertThat(serve.batches().hasNext()).isFalse();
    }

    @Test
    void shouldConfigureTheDriftScenarioThroughTheSettings() {
        final LearnerConfig config = config(Scenarios.named("drift", 42).orElseThrow());

        assertThat(config.adam().learningRate()).isEqualTo(0.05);
        assertThat(config.stopping().minDelta()).isEqualTo(0.002);
        assertThat(config.stopping().patience()).isEqualTo(Scenarios.PATIENCE);
        assertThat(config.stopping().validationWindow()).isEqualTo(DemoStream.VALIDATION_PER_BLOCK);
        assertThat(config.drift().orElseThrow().action()).isEqualTo(DriftAction.RESUME);
    }

    @Test
    void shouldPlayTheWholeLoopInDrift() {
        final Scenario drift = Scenarios.named("drift", 42).orElseThrow();

        assertThat(drift.acts()).hasSize(4);
        assertThat(((Say) drift.acts().get(0)).text())
                .contains("min-delta 0.002 (a round improves on the best only when its loss is lower by more than "
                        + "0.002)");
        final Play learn = (Play) drift.acts().get(1);
        final Play serve = (Play) drift.acts().get(2);
        final Play change = (Play) drift.acts().get(3);
        assertThat(learn.untilStop()).isTrue();
        assertThat(learn.batches().next().note()).isEqualTo("first concept");
        assertThat(serve.untilStop()).isFalse();
        final Batch questions = serve.batches().next();
        assertThat(questions.messages()).hasSize(Scenarios.QUESTIONS.length);
        assertThat(questions.messages().get(0).source()).isEqualTo(Source.PREDICT);
        assertThat(serve.batches().hasNext()).isFalse();
        assertThat(change.untilStop()).isTrue();
        final Batch first = change.batches().next();
        assertThat(first.narration()).startsWith("\nThe world changes: ");
        assertThat(first.note()).isEqualTo("new concept");
        assertThat(change.batches().next().narration()).isEmpty();
        assertThat(drift.truth()).isEqualTo(Scenarios.CHANGED);
    }

    @Test
    void shouldFlipTheTrainingLabelsFromTheTwelfthBlockInLabelFlip() {
        final Scenario flip = Scenarios.named("label-flip", 42).orElseThrow();

        final LearnerConfig config = config(flip);
        assertThat(config.adam().learningRate()).isEqualTo(0.01);
        assertThat(config.stopping().minDelta()).isZero();
        assertThat(config.drift()).isEmpty();
        assertThat(flip.acts()).hasSize(2);
        final Play play = (Play) flip.acts().get(1);
        final List<String> notes = new ArrayList<>();
        while (play.batches().hasNext()) {
            notes.add(play.batches().next().note());
        }
        assertThat(notes).hasSize(Scenarios.MAX_BLOCKS);
        assertThat(notes.subList(0, Scenarios.CLEAN_BLOCKS)).containsOnly("clean labels");
        assertThat(notes.subList(Scenarios.CLEAN_BLOCKS, notes.size())).containsOnly("training labels flipped");
    }

    @Test
    void shouldLearnAShopsNamedFeaturesServeNamedRequestsAndShowTheTopWeightsInFeatures() throws Exception {
        final Scenario features = Scenarios.named("features", 42).orElseThrow();

        final LearnerConfigBuilder builder = LearnerConfig.builder();
        features.settings().forEach(builder::set);
        final LearnerConfig config = builder.build();
        assertThat(config.hashing()).get().satisfies(hashing -> {
            assertThat(hashing.bits()).isEqualTo(18);
            assertThat(hashing.interactions()).hasToString("[user:item]");
        });
        assertThat(features.truth()).isNull();
        assertThat(features.acts()).hasSize(4);
        final Batch block = ((Play) features.acts().get(1)).batches().next();
        assertThat(block.messages()).hasSize(DemoStream.TRAIN_PER_BLOCK + DemoStream.VALIDATION_PER_BLOCK);
        final JsonNode first = JSON.readTree(block.messages().get(0).value());
        assertThat(first.path("features").path("user").path("plan").asText()).isIn(Shop.PLANS);
        assertThat(first.path("features").path("item").path("cat").asText()).isIn(Shop.CATEGORIES);
        assertThat(first.path("features").path("promo").isBoolean()).isTrue();
        final Batch questions = ((Play) features.acts().get(2)).batches().next();
        assertThat(questions.messages()).hasSize(Scenarios.NAMED_QUESTIONS.size());
        assertThat(JSON.readTree(questions.messages().get(0).value()).path("features"))
                .isEqualTo(JSON.readTree("{\"user\":{\"plan\":\"pro\",\"id\":\"u1\"},\"item\":{\"cat\":\"games\"},"
                        + "\"promo\":true}"));
        assertThat(questions.messages()).extracting(m -> m.question().truth()).containsExactly(8.0, 0.0, 4.5);
        assertThat(features.acts().get(3))
                .isEqualTo(new Scenario.Top(
                        "\nThe frozen model's 8 largest weights, with the feature texts seen for each "
                                + "(GET /models/demo/features?top=8):",
                        Scenarios.TOP));
    }

    @Test
    void shouldDrawTheShopsSpendFromTheFormula() {
        assertThat(Shop.Visit.of("pro", "games", true, "u0").spend()).isEqualTo(8.0);
        assertThat(Shop.Visit.of("free", "garden", false, "u0").spend()).isEqualTo(0.0);
        assertThat(Shop.Visit.of("team", "books", true, "u0").spend()).isEqualTo(4.5);
        assertThat(Shop.Visit.of("free", "music", false, "u0").spend()).isEqualTo(1.0);
    }

    private static LearnerConfig config(final Scenario scenario) {
        final LearnerConfigBuilder builder = LearnerConfig.builder();
        scenario.settings().forEach(builder::set);
        final LearnerConfig config = builder.build();
        assertThat(config.model().features()).hasValue(3);
        return config;
    }
}
