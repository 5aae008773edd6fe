package io.onlinelearner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing and exit codes of the command line; nothing here starts a broker. */
class MainTest {

    @TempDir
    Path dir;

    @Test
    void shouldPrintUsageWithEveryCommandAndExitZeroOnHelp() {
        final CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: online-learner", "run", "demo", "broker", "bench", "Exit codes:");
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "demo", "broker", "bench", "model", "produce", "consume"})
    void shouldPrintEachCommandsUsageAndExitZeroOnHelp(final String command) {
        final CliRun run = CliRun.of(command, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: online-learner " + command);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldDocumentTheOptionsOfRunAndBroker() {
        assertThat(CliRun.of("run", "--help").out()).contains("--config=FILE", "--quiet");
        assertThat(CliRun.of("broker", "--help").out()).contains("--data=DIR", "--port=N", "default: 9092");
        assertThat(CliRun.of("bench", "--help").out())
                .contains("--records=N", "--scaling", "--bootstrap=HOST:PORT", "default: 1000000");
    }

    @Test
    void shouldRefuseAFileToProduceThatCannotBeReadAsAUsageErrorNamingIt(@TempDir final Path folder) {
        final Path missing = folder.resolve("missing.txt");
        final CliRun run = CliRun.of("produce", "--broker-port", "1", "--file", missing.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("online-learner: cannot read --file " + missing + ": no such file");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldTakeTheHttpPortOfRunAsTheSettingItOverrides() {
        final CliRun run = CliRun.of("run", "--http-port", "70000", "--broker-port", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("learner.http.port = '70000': must be an integer in [0, 65535]")
                .doesNotContain("Exception");
    }

    @Test
    void shouldRefuseABadHttpPortInTheFileEvenWhenTheOptionOverridesIt() throws IOException {
        final Path config = write(LearnerSettings.HTTP_PORT.key() + "=65536\n");
        final CliRun run = CliRun.of("run", "--config", config.toString(), "--http-port", "0", "--broker-port", "0");
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines())
                .containsExactly("online-learner: invalid configuration: learner.http.port = '65536': "
                        + "must be an integer in [0, 65535]");
    }

    @Test
    void shouldPrintTheVersionAndExitZero() {
        final CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("online-learner ");
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(
                        List.of(),
                        "a command is required: run, demo, broker, model, produce, consume or bench (see "
                                + "'online-learner --help')"),
                Arguments.of(
                        List.of("frobnicate"),
                        "unknown command 'frobnicate': run, demo, broker, model, produce, consume or bench (see "
                                + "'online-learner --help')"),
                Arguments.of(List.of("run", "--bogus"), "Unknown option: '--bogus' (see 'online-learner run --help')"),
                Arguments.of(
                        List.of("demo", "--pace", "-5"),
                        "--pace must be >= 0 milliseconds, not -5 (see 'online-learner demo --help')"),
                Arguments.of(
                        List.of("bench", "--records", "0"),
                        "--records, --features and --models must be >= 1 (see 'online-learner bench --help')"),
                Arguments.of(
                        List.of("bench", "--repeat", "0"), "--repeat must be >= 1 (see 'online-learner bench --help')"),
                Arguments.of(
                        List.of("consume", "--max", "0"),
                        "--max must be >= 1, not 0 (see 'online-learner consume --help')"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void shouldExitTwoWithOneLineForAUsageError(final List<String> args, final String message) {
        final CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines()).containsExactly("online-learner: " + message);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldListTheExitCodesOfCtrlCAndSigtermInTheUsage() {
        assertThat(CliRun.of("--help").out())
                .contains("130   stopped by Ctrl-C, after closing", "143   stopped by SIGTERM, after closing");
    }

    @Test
    void shouldExitTwoWithOneLineNamingTheKeyForABadConfigValue() throws IOException {
        final Path config = write(LearnerSettings.ADAM_LR.key() + "=-1\n");
        final CliRun run = CliRun.of("run", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines())
                .containsExactly(
                        "online-learner: invalid configuration: learner.adam.lr = '-1': must be a finite number > 0");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldExitTwoWithOneLineForAnUnknownLearnerKey() throws IOException {
        final CliRun run = CliRun.of(
                "run",
                "--config",
                write(LearnerSettings.PREFIX + "adam.learning-rate=0.1\n").toString());
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("online-learner: invalid configuration: unknown key learner.adam.learning-rate");
    }

    @Test
    void shouldExitTwoWithOneLineNamingTheKeyForABadKafkaStreamsValue() throws IOException {
        final Path config = write("bootstrap.servers=localhost:1\nprocessing.guarantee=sometimes\n");
        final CliRun run = CliRun.of("run", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("online-learner: Invalid value sometimes for configuration processing.guarantee");
    }

    @Test
    void shouldExitTwoWithOneLineForABootstrapServersValueKafkaRefuses() throws IOException {
        final CliRun run = CliRun.of(
                "run", "--config", write("bootstrap.servers=nohost_:abc\n").toString());
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines())
                .containsExactly(
                        "online-learner: invalid configuration: Invalid url in bootstrap.servers: nohost_:abc");
    }

    @Test
    void shouldExitTwoWithOneLineNamingAStateDirThatCannotBeCreated() throws IOException {
        final Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        final Path stateDir = file.resolve("state");
        final CliRun run = CliRun.of(
                "run",
                "--config",
                write("bootstrap.servers=localhost:1\nlearner.http.port=0\nstate.dir=" + stateDir + "\n")
                        .toString());
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("online-learner: invalid configuration: state.dir = '" + stateDir
                        + "': must be a folder the learner can create and write (");
    }

    @Test
    void shouldExitTwoWithOneLineWhenTheConfigFileIsMissing() {
        final Path missing = dir.resolve("nope.properties");
        final CliRun run = CliRun.of("run", "--config", missing.toString());
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines())
                .containsExactly("online-learner: cannot read config file " + missing + ": no such file");
    }

    @Test
    void shouldExitTwoWithOneLineWhenTheConfigFileIsAFolder() {
        final CliRun run = CliRun.of("run", "-c", dir.toString());
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("online-learner: cannot read config file " + dir + ": ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-5"})
    void shouldExitTwoWhenTheBrokerPortIsOutOfRange(final String port) {
        final CliRun run = CliRun.of("broker", "--port", port);
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines())
                .containsExactly("online-learner: --port must be in [1, 65535], not " + port
                        + " (see 'online-learner broker --help')");
    }

    @Test
    void shouldExitTwoWhenTheBrokerPortIsNotANumber() {
        final CliRun run = CliRun.of("broker", "--port", "many");
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines()).singleElement().asString().contains("'many' is not an int");
    }

    @Test
    void shouldDescribeAFailureAndItsRootCauseInOneLine() {
        final Exception e = new IllegalStateException("outer\nsecond line", new java.io.IOException("disk full"));
        assertThat(Main.oneLine(e)).isEqualTo("outer second line (caused by disk full)");
        assertThat(Main.oneLine(new NullPointerException())).isEqualTo("NullPointerException");
    }

    private Path write(final String text) throws IOException {
        return Files.writeString(dir.resolve("learner.properties"), text, StandardCharsets.UTF_8);
    }

    @Test
    void shouldDocumentTheOptionsAndExitCodesOfModel() {
        assertThat(CliRun.of("model", "--help").out())
                .contains(
                        "ACTION",
                        "ID",
                        "--from=best|last",
                        "--lr=X",
                        "--config=FILE",
                        "--timeout=SECONDS",
                        "Exit codes:",
                        "IGNORED");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "pause m1                     | unknown action 'pause': use stop, resume, reset or set-lr",
                "set-lr m1                    | set-lr needs --lr X with X finite and > 0",
                "set-lr m1 --lr -1            | set-lr needs --lr X with X finite and > 0, not -1.0",
                "set-lr m1 --lr 0             | set-lr needs --lr X with X finite and > 0, not 0.0",
                "set-lr m1 --lr NaN           | set-lr needs --lr X with X finite and > 0, not NaN",
                "set-lr m1 --lr Infinity      | set-lr needs --lr X with X finite and > 0, not Infinity",
                "stop m1 --from last          | --from goes with resume only",
                "set-lr m1 --lr 0.1 --from best | --from goes with resume only",
                "resume m1 --from middle      | --from must be best or last, not 'middle'",
                "stop m1 --lr 0.5             | --lr goes with set-lr only",
                "reset m1 --lr 0.5            | --lr goes with set-lr only",
                "stop m1 --timeout 0          | --timeout must be at least 1 second, not 0",
                "stop m1 --broker-port 0      | --broker-port must be in [1, 65535], not 0",
                "stop                         | Missing required parameter: 'ID'",
            })
    void shouldExitTwoWithOneLineOnAModelUsageError(final String args, final String message) {
        final CliRun run = CliRun.of(("model " + args.trim()).split(" +"));
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines())
                .containsExactly("online-learner: " + message + " (see 'online-learner model --help')");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldExitTwoWithOneLineWhenTheLearningRateIsNotANumber() {
        final CliRun run = CliRun.of("model", "set-lr", "m1", "--lr", "fast");
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("online-learner: ")
                .contains("'fast'", "--lr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1p-3", "1e-3f", "1d", "1_000"})
    void shouldReadTheLearningRateAsSettingsReadNumbers(final String spelling) {
        final CliRun run = CliRun.of("model", "set-lr", "m1", "--lr", spelling);
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("online-learner: ")
                .contains("'" + spelling + "' is not a decimal number such as 0.001 or 1e-3", "--lr");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldExitTwoWithOneLineWhenTheModelCommandHasNoAction() {
        final CliRun run = CliRun.of("model");
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines()).singleElement().asString().startsWith("online-learner: Missing required parameter");
    }
}
