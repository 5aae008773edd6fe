package io.onlinelearner.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.model.Example;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The locator's decisions over a fake directory and fake peers. */
class ModelLocatorTest {

    private static final String A = "a:1";
    private static final String B = "b:2";
    private static final byte[] SNAPSHOT = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ERROR = "{\"error\":\"the stored state of model 'm' cannot be read\",\"status\":500}"
            .getBytes(StandardCharsets.UTF_8);

    private final FakeDirectory directory = new FakeDirectory();
    private final Map<String, ModelLocator.PeerAnswer.Kind> answers = new HashMap<>();
    private final List<String> asked = new ArrayList<>();
    private final ModelLocator locator = new ModelLocator(directory, (peer, id) -> {
        asked.add(peer);
        final ModelLocator.PeerAnswer.Kind kind = answers.getOrDefault(peer, ModelLocator.PeerAnswer.Kind.ABSENT);
        return new ModelLocator.PeerAnswer(
                kind,
                kind == ModelLocator.PeerAnswer.Kind.FOUND
                        ? SNAPSHOT
                        : kind == ModelLocator.PeerAnswer.Kind.FAILED ? ERROR : null,
                kind.name());
    });

    @Test
    void shouldAnswerFromThisInstanceWithoutAskingAnyPeer() {
        final ModelState state = trained();
        directory.models.put("m", state);
        directory.peers.addAll(List.of(A, B));
        final ModelLocator.Lookup lookup = locator.find("m");
        assertThat(lookup.kind()).isEqualTo(ModelLocator.Kind.LOCAL);
        assertThat(lookup.state()).isEqualTo(state);
        assertThat(asked).isEmpty();
    }

    @Test
    void shouldFindAModelOnAPeerThatMurmur2DoesNotName() {
        directory.peers.addAll(List.of(A, B));
        directory.locations.put("m", ModelDirectory.Location.remote(A));
        answers.put(B, ModelLocator.PeerAnswer.Kind.FOUND);
        final ModelLocator.Lookup lookup = locator.find("m");
        assertThat(lookup.kind()).isEqualTo(ModelLocator.Kind.REMOTE);
        assertThat(lookup.hostPort()).isEqualTo(B);
        assertThat(lookup.snapshot()).isEqualTo(SNAPSHOT);
        assertThat(asked).containsExactly(A, B);
    }

    @Test
    void shouldAskMurmur2sOwnerFirstAndStopAtTheFirstHit() {
        directory.peers.addAll(List.of(A, B));
        directory.locations.put("m", ModelDirectory.Location.remote(B));
        answers.put(B, ModelLocator.PeerAnswer.Kind.FOUND);
        assertThat(locator.find("m").hostPort()).isEqualTo(B);
        assertThat(asked).containsExactly(B);
    }

    @Test
    void shouldAnswerNotFoundOnlyWhenEveryInstanceSaidNotHereAndEveryPartitionHasAnOwner() {
        directory.peers.addAll(List.of(A, B));
        assertThat(locator.find("m").kind()).isEqualTo(ModelLocator.Kind.NOT_FOUND);
        assertThat(asked).containsExactly(A, B);
        directory.complete = false;
        assertThat(locator.find("m").kind()).isEqualTo(ModelLocator.Kind.NOT_READY);
    }

    @Test
    void shouldAnswerNotReadyWhenAPeerIsRestoringOrUnreachableAndNoOneHasIt() {
        directory.peers.addAll(List.of(A, B));
        answers.put(A, ModelLocator.PeerAnswer.Kind.NOT_READY);
        final ModelLocator.Lookup restoring = locator.find("m");
        assertThat(restoring.kind()).isEqualTo(ModelLocator.Kind.NOT_READY);
        assertThat(restoring.reason()).contains(A);
        answers.put(A, ModelLocator.PeerAnswer.Kind.UNREACHABLE);
        assertThat(locator.find("m").kind()).isEqualTo(ModelLocator.Kind.NOT_READY);
        answers.put(B, ModelLocator.PeerAnswer.Kind.FOUND);
        assertThat(locator.find("m").kind()).isEqualTo(ModelLocator.Kind.REMOTE);
    }

    @Test
    void shouldStillAskPeersWhileThisInstancesStoreIsRestoring() {
        directory.ready = false;
        directory.peers.add(A);
        assertThat(locator.find("m").kind()).isEqualTo(ModelLocator.Kind.NOT_READY);
        answers.put(A, ModelLocator.PeerAnswer.Kind.FOUND);
        assertThat(locator.find("m").kind()).isEqualTo(ModelLocator.Kind.REMOTE);
    }

    @Test
    void shouldAnswerNotFoundForASingleInstanceWithoutTheModel() {
        assertThat(locator.find("m").kind()).isEqualTo(ModelLocator.Kind.NOT_FOUND);
        assertThat(asked).isEmpty();
    }

    @Test
    void shouldAnswerNotReadyWhenAPartitionMovesBetweenTheLocalReadAndThePeersAnswers() {
        directory.peers.addAll(List.of(A, B));
        directory.duringFind = () -> directory.moves++;
        final ModelLocator.Lookup moved = locator.find("m");
        assertThat(moved.kind()).isEqualTo(ModelLocator.Kind.NOT_READY);
        assertThat(moved.reason())
                .isEqualTo("model 'm' not found while partitions are being assigned (starting or rebalancing)");
        assertThat(asked).containsExactly(A, B);
        directory.duringFind = () -> {};
        assertThat(locator.find("m").kind()).isEqualTo(ModelLocator.Kind.NOT_FOUND);
    }

    @Test
    void shouldAnswerForThisInstanceAloneWithoutAskingAnyPeer() {
        directory.peers.addAll(List.of(A, B));
        final ModelLocator.Lookup absent = locator.findHere("m");
        assertThat(absent.kind()).isEqualTo(ModelLocator.Kind.NOT_FOUND);
        assertThat(absent.reason()).isEqualTo("no model 'm' on this instance");
        directory.duringFind = () -> directory.moves++;
        final ModelLocator.Lookup moving = locator.findHere("m");
        assertThat(moving.kind()).isEqualTo(ModelLocator.Kind.NOT_READY);
        assertThat(moving.reason()).isEqualTo("partitions are being assigned here (starting or rebalancing)");
        directory.duringFind = () -> {};
        directory.complete = false;
        assertThat(locator.findHere("m").kind()).isEqualTo(ModelLocator.Kind.NOT_READY);
        final ModelState state = trained();
        directory.models.put("m", state);
        final ModelLocator.Lookup held = locator.findHere("m");
        assertThat(held.kind()).isEqualTo(ModelLocator.Kind.LOCAL);
        assertThat(held.state()).isEqualTo(state);
        assertThat(asked).isEmpty();
    }

    private static ModelState trained() {
        final LearnerConfig config = LearnerConfig.defaults();
        return new Learner(config.model(), config.adam(), config.stopping())
                .train(null, new Example(new double[] {1.0}, 2.0), io.onlinelearner.model.Position.train(0, 0L))
                .state();
    }

    @Test
    void shouldPassOnThePeersErrorWhenThePeerHoldingTheModelFailsOnIt() {
        directory.peers.addAll(List.of(A, B));
        answers.put(A, ModelLocator.PeerAnswer.Kind.FAILED);
        answers.put(B, ModelLocator.PeerAnswer.Kind.FOUND);
        final ModelLocator.Lookup lookup = locator.find("m");
        assertThat(lookup.kind()).isEqualTo(ModelLocator.Kind.FAILED);
        assertThat(lookup.hostPort()).isEqualTo(A);
        assertThat(lookup.snapshot()).isEqualTo(ERROR);
        assertThat(asked).containsExactly(A);
    }
}
