package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.ModelStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Reads model states written by the format-1 serializer (files under {@code src/test/resources/serde},
 * produced once with that serializer from real learner runs and never regenerated) and checks every
 * decoded value: a stored state must survive every later format change.
 */
class ModelStateFormat1Test {

    private final ModelStateSerde serde = new ModelStateSerde(
            io.onlinelearner.config.LearnerConfig.defaults().adam().learningRate());

    private ModelState read(final String name) throws IOException {
        final byte[] bytes =
                Files.readAllBytes(Path.of("src", "test", "resources", "serde", "format1-" + name + ".bin"));
        assertThat(bytes[0]).isEqualTo((byte) 1);
        return serde.deserialize("t", bytes);
    }

    @Test
    void shouldReadATrainingStateOfFormat1() throws IOException {
        final ModelState s = read("training");
        assertThat(s.features()).isEqualTo(2);
        assertThat(s.intercept()).isTrue();
        assertThat(s.status()).isEqualTo(ModelStatus.TRAINING);
        assertThat(s.updates()).isEqualTo(18);
        assertThat(s.parameters()).containsExactly(0.9611304219450574, -0.5302737620287303, 0.6727125050504751);
        assertThat(s.adam().m()).containsExactly(-1.5728060808034199, 0.617076643911741, -0.2084049896896185);
        assertThat(s.adam().v()).containsExactly(0.8734225592921722, 0.1917817518804123, 0.24327062864097773);
        assertThat(s.adam().vmax()).isEmpty();
        assertThat(s.rounds()).isEqualTo(1);
        assertThat(s.roundCount()).isEqualTo(2);
        assertThat(s.roundSum()).isEqualTo(7.558920155650538);
        assertThat(s.lastRoundLoss()).isEqualTo(1.0191548354372741);
        assertThat(s.trainLoss()).isEqualTo(1.90194056019075);
        assertThat(s.stopping().waited()).isZero();
        assertThat(s.stopping().best()).isEqualTo(1.0191548354372741);
        assertThat(s.stopping().bestRound()).isZero();
        assertThat(s.stopping().snapshot().updates()).isEqualTo(9);
        assertThat(s.stopping().snapshot().parameters())
                .containsExactly(0.6384065578621961, -0.2628381882553229, 0.4779683236963176);
        assertThat(s.frozen()).isNull();
        assertThat(s.skipped()).isZero();
    }

    @Test
    void shouldReadAStoppedAmsgradStateWithFrozenParametersOfFormat1() throws IOException {
        final ModelState s = read("stopped-amsgrad");
        assertThat(s.features()).isEqualTo(2);
        assertThat(s.intercept()).isTrue();
        assertThat(s.status()).isEqualTo(ModelStatus.STOPPED);
        assertThat(s.updates()).isEqualTo(18);
        assertThat(s.parameters()).containsExactly(0.48536686590534434, -0.2638716540618405, 0.377349329712484);
        assertThat(s.adam().m()).containsExactly(-1.7408070373853186, 0.7243738923120744, -0.5740715655516433);
        assertThat(s.adam().v()).containsExactly(1.0030969099531686, 0.240244082464854, 0.2879318760711029);
        assertThat(s.adam().vmax()).containsExactly(1.006928790406289, 0.24031797653729578, 0.2879318760711029);
        assertThat(s.rounds()).isEqualTo(2);
        assertThat(s.roundCount()).isZero();
        assertThat(s.roundSum()).isZero();
        assertThat(s.lastRoundLoss()).isEqualTo(917.9400033496237);
        assertThat(s.trainLoss()).isEqualTo(2.0031589457809655);
        assertThat(s.stopping().waited()).isEqualTo(1);
        assertThat(s.stopping().best()).isEqualTo(1.0501990415072104);
        assertThat(s.stopping().bestRound()).isZero();
        final double[] best = {0.3179487228986734, -0.13055496737014002, 0.24592286685578518};
        assertThat(s.stopping().snapshot().updates()).isEqualTo(9);
        assertThat(s.stopping().snapshot().parameters()).containsExactly(best);
        assertThat(s.frozen().updates()).isEqualTo(9);
        assertThat(s.frozen().parameters()).containsExactly(best);
        assertThat(s.stoppedRound()).isEqualTo(1);
        assertThat(s.skipped()).isEqualTo(3);
    }

    @Test
    void shouldReadAnAmsgradStateWithoutInterceptOfFormat1() throws IOException {
        final ModelState s = read("training-amsgrad-no-intercept");
        assertThat(s.features()).isEqualTo(2);
        assertThat(s.intercept()).isFalse();
        assertThat(s.status()).isEqualTo(ModelStatus.TRAINING);
        assertThat(s.updates()).isEqualTo(18);
        assertThat(s.parameters()).containsExactly(0.7338140870485667, 0.004402068946188293);
        assertThat(s.adam().m()).containsExactly(-0.25334778456803986, -0.10921795041482897);
        assertThat(s.adam().v()).containsExactly(0.003329928836427693, 0.004094549763966178);
        assertThat(s.adam().vmax()).containsExactly(0.003329928836427693, 0.004094549763966178);
        assertThat(s.rounds()).isEqualTo(1);
        assertThat(s.roundCount()).isEqualTo(2);
        assertThat(s.roundSum()).isEqualTo(0.967825715118023);
        assertThat(s.lastRoundLoss()).isEqualTo(0.619175640745037);
        assertThat(s.trainLoss()).isEqualTo(0.6745722731290431);
        assertThat(s.stopping().waited()).isZero();
        assertThat(s.stopping().best()).isEqualTo(0.619175640745037);
        assertThat(s.stopping().bestRound()).isZero();
        assertThat(s.stopping().snapshot().updates()).isEqualTo(9);
        assertThat(s.stopping().snapshot().parameters()).containsExactly(0.3990642326658746, -0.05941764964163276);
        assertThat(s.frozen()).isNull();
        assertThat(s.skipped()).isZero();
    }
}
