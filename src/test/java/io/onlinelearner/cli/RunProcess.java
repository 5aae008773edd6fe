package io.onlinelearner.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * The production {@code run} command in a child JVM: {@code online-learner run --config FILE}, the
 * same {@link Main} → {@link RunCommand} → {@code LearnerApplication} + {@code OperationsExtension}
 * path as {@code java -jar online-learner.jar run} (thread replacement, metrics, HTTP API, status
 * line, shutdown hook), with the production logging configuration ({@code logback.xml}, not the
 * tests' one). The test writes the config file; its settings are the only difference.
 *
 * <p>Standard output and error go to files, so the child never blocks on a full pipe and the
 * test can read what it printed. {@link #kill()} sends SIGKILL, {@link #terminate()} SIGTERM
 * (what Ctrl-C and {@code docker stop} do). The child halts when the test JVM exits, however that
 * ends, so that no learner outlives a test run: the only thing {@link #main} adds to {@code run}.
 */
public final class RunProcess implements AutoCloseable {

    private static final long STOP_TIMEOUT_SECONDS = 60;
    private static final Pattern URL = Pattern.compile("(http://[^\\s/]+:\\d+/)");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private RunProcess(final String name, final Process process, final Path stdout, final Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * The child's entry point: halts when its parent (the test JVM) is gone, then runs the
     * command line exactly as {@code java -jar online-learner.jar} does.
     */
    public static void main(final String[] args) {
        ProcessHandle.current()
                .parent()
                .ifPresent(parent ->
                        parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
        Main.main(args);
    }

    /**
     * Writes {@code config} to {@code dir/name.properties} and starts {@code run --config} on it in
     * a child JVM whose working folder is {@code dir/name} (where an embedded broker would keep
     * {@code data/}).
     *
     * @param name   a name for its files and for messages
     * @param dir    where its config, working folder and output go
     * @param config the config file's keys and values
     * @param args   more arguments after {@code run --config FILE}
     */
    public static RunProcess start(
            final String name, final Path dir, final Map<String, String> config, final String... args) {
        try {
            final Path work = Files.createDirectories(dir.resolve(name));
            final StringBuilder text = new StringBuilder("# written by " + RunProcess.class.getName() + "\n");
            config.forEach((key, value) -> text.append(key)
                    .append('=')
                    .append(value.replace("\\", "/"))
                    .append('\n'));
            final Path file = Files.writeString(dir.resolve(name + ".properties"), text, StandardCharsets.UTF_8);
            final List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // JVM sizing only, for a 2-core machine running several of these: not the learner's settings.
                    "-Xmx256m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    // The production logging configuration; the test class path also holds logback-test.xml.
                    "-Dlogback.configurationFile=logback.xml",
                    // The child's own temp folder: when the checkout itself lies under the OS temp folder
                    // (as a CI clone may), Kafka Streams would warn that state.dir is in a temp folder.
                    "-Djava.io.tmpdir="
                            + Files.createDirectories(work.resolve("tmp")).toAbsolutePath(),
                    "-cp",
                    System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    RunProcess.class.getName(),
                    "run",
                    "--config",
                    file.toAbsolutePath().toString()));
            command.addAll(List.of(args));
            final Path out = dir.resolve(name + ".out");
            final Path err = dir.resolve(name + ".err");
            final Process process = new ProcessBuilder(command)
                    .directory(work.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            return new RunProcess(name, process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the learner child " + name, e);
        }
    }

    /** What it printed on standard output so far. */
    public String out() {
        return read(stdout);
    }

    /** What it printed on standard error (the log) so far. */
    public String err() {
        return read(stderr);
    }

    /** The address of its HTTP API and live page, once {@code run} has printed it. */
    public Optional<String> url() {
        final Matcher m = URL.matcher(out());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** GETs {@code path} (e.g. {@code metrics}) from its HTTP API. */
    public HttpResponse<String> get(final String path) throws IOException, InterruptedException {
        final String base = url().orElseThrow(() -> new IOException(name + " has not printed its address yet"));
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** True while the child runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Its exit code; only once it has exited. */
    public int exitValue() {
        return process.exitValue();
    }

    /** Its name, state and last lines of output and log: for failure messages. */
    public String describe() {
        final List<String> out = out().lines().toList();
        final List<String> err = err().lines().toList();
        return name + " (alive=" + process.isAlive() + ") stdout(tail)="
                + out.subList(Math.max(0, out.size() - 5), out.size()) + " stderr(tail)="
                + err.subList(Math.max(0, err.size() - 30), err.size());
    }

    /**
     * Waits until {@code condition} holds (an exception counts as "not yet", e.g. while the
     * broker restarts), failing at once if this child dies, with its output in the message if it
     * dies or the time runs out.
     */
    public void awaitWhileAlive(final String what, final Duration timeout, final Callable<Boolean> condition) {
        try {
            Awaitility.await(what)
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .failFast(name + " died", () -> !process.isAlive())
                    .until(condition);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "; " + describe(), e);
        }
    }

    /**
     * Waits until {@code condition} holds, as {@link #awaitWhileAlive}, but answers false instead of
     * failing when the time runs out: for a moment that a test tries to reach and counts, not one it
     * needs every time. Still fails at once if this child dies.
     */
    public boolean tryAwaitWhileAlive(final String what, final Duration timeout, final Callable<Boolean> condition) {
        try {
            Awaitility.await(what)
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(20))
                    .ignoreExceptions()
                    .failFast(name + " died", () -> !process.isAlive())
                    .until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        } catch (TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "; " + describe(), e);
        }
    }

    /** Sends SIGKILL and waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit("SIGKILL");
    }

    /** Sends SIGTERM (as Ctrl-C would) and waits until the process has exited. */
    public void terminate() {
        process.destroy();
        awaitExit("SIGTERM");
    }

    private void awaitExit(final String signal) {
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError(
                        name + " did not exit within " + STOP_TIMEOUT_SECONDS + " s of " + signal + "; " + describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + name, e);
        }
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String read(final Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
