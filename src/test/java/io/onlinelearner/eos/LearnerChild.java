package io.onlinelearner.eos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A {@link LearnerProcess} running in its own JVM, started with this JVM's class path. Its
 * standard output and error go to files, so the child never blocks on a full pipe and the test
 * can read the lines it printed. {@link #kill()} sends SIGKILL (what
 * {@link Process#destroyForcibly()} does on Linux) and waits, with a timeout, until it is gone.
 */
final class LearnerChild implements AutoCloseable {

    private static final long KILL_TIMEOUT_SECONDS = 30;

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private LearnerChild(final String name, final Process process, final Path stdout, final Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts a child.
     *
     * @param name       a name for its log files and for messages
     * @param logDir     where its output goes
     * @param bootstrap  the broker
     * @param appId      the application id
     * @param stateDir   its Kafka Streams state folder
     * @param properties learner and Kafka Streams properties
     */
    static LearnerChild start(final String name, final Path logDir, final String bootstrap, final String appId,
            final Path stateDir, final Map<String, String> properties) {
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                LearnerProcess.class.getName(), bootstrap, appId, stateDir.toString()));
        properties.forEach((key, value) -> command.add(key + "=" + value));
        final Path out = logDir.resolve(name + ".out");
        final Path err = logDir.resolve(name + ".err");
        try {
            final Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            return new LearnerChild(name, process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the learner child " + name, e);
        }
    }

    /** The lines printed so far. */
    List<String> lines() {
        try {
            return Files.exists(stdout) ? Files.readAllLines(stdout, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True once the child has printed this line. */
    boolean printed(final String line) {
        return lines().contains(line);
    }

    /** The models this process has handled records of, from its {@code MODEL} lines. */
    Set<String> modelsSeen() {
        final Set<String> models = new TreeSet<>();
        for (final String line : lines()) {
            if (line.startsWith(LearnerProcess.MODEL)) {
                models.add(line.substring(LearnerProcess.MODEL.length()));
            }
        }
        models.remove(Workload.END_KEY);
        return models;
    }

    /** True while the child runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Its name, its last lines of output and error: for failure messages. */
    String describe() {
        try {
            final List<String> err = Files.exists(stderr) ? Files.readAllLines(stderr, StandardCharsets.UTF_8)
                    : List.of();
            return name + " (alive=" + process.isAlive() + ") stdout=" + lines() + " stderr(tail)="
                    + err.subList(Math.max(0, err.size() - 30), err.size());
        } catch (IOException e) {
            return name + ": " + e;
        }
    }

    /**
     * Waits until {@code condition} holds (an exception counts as "not yet", e.g. while the
     * broker restarts), failing at once if this child dies, with its output in the message if it
     * dies or the time runs out.
     */
    void awaitWhileAlive(final String what, final Duration timeout, final Callable<Boolean> condition) {
        try {
            Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .failFast(name + " died", () -> !process.isAlive())
                    .until(condition);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "; " + describe(), e);
        }
    }

    /** Sends SIGKILL and waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(KILL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the learner child " + name + " did not die after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        }
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
