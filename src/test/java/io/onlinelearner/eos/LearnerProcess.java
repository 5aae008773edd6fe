package io.onlinelearner.eos;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.topology.LearnerListener;
import io.onlinelearner.topology.LearnerTopology;
import io.onlinelearner.topology.Source;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * The learner as a child JVM for the exactly-once tests, independent of the command line: the
 * configuration and topology factories of the application, a {@link KafkaStreams} client, and
 * nothing else. It runs until it is killed.
 *
 * <p>Arguments: {@code BOOTSTRAP APPLICATION_ID STATE_DIR [key=value ...]}; the pairs are learner
 * and Kafka Streams properties. It prints one line per event the tests wait for:
 * {@code STATE <new state>} on every state change and {@code MODEL <id>} the first time this
 * process handles a record of a model. A fatal stream-thread error prints {@code FATAL <error>}
 * and ends the process with exit code 2. It halts when its parent (the test JVM) exits, so that
 * no learner outlives a test run, however that run ends.
 */
public final class LearnerProcess {

    /** The line prefix of a state change. */
    static final String STATE = "STATE ";
    /** The line prefix of a model's first record in this process. */
    static final String MODEL = "MODEL ";

    private LearnerProcess() {
    }

    /** Runs the learner until the process is killed. */
    public static void main(final String[] args) throws InterruptedException {
        ProcessHandle.current().parent()
                .ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
        final Properties props = new Properties();
        props.setProperty("application.id", args[1]);
        props.setProperty("state.dir", args[2]);
        for (int i = 3; i < args.length; i++) {
            final int eq = args[i].indexOf('=');
            props.setProperty(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        final LearnerConfig config = LearnerConfig.parse(props);
        final PrintStream out = System.out;
        final KafkaStreams streams = new KafkaStreams(LearnerTopology.build(config, new FirstRecordListener(out)),
                config.streamsWithBootstrap(args[0]));
        final CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            println(out, STATE + now);
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(error -> {
            println(out, "FATAL " + error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> streams.close(Duration.ofSeconds(10))));
        streams.start();
        stopped.await();
        streams.close(Duration.ofSeconds(10));
        System.exit(2);
    }

    private static void println(final PrintStream out, final String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** Prints {@code MODEL <id>} the first time this process handles a record of a model. */
    private static final class FirstRecordListener implements LearnerListener {

        private final Set<String> seen = ConcurrentHashMap.newKeySet();
        private final PrintStream out;

        FirstRecordListener(final PrintStream out) {
            this.out = out;
        }

        @Override
        public void onOutcome(final String model, final Source source, final Outcome outcome) {
            if (seen.add(model)) {
                println(out, MODEL + model);
            }
        }

        @Override
        public void onRejected(final String model, final Source source, final RejectionReason reason) {
            onOutcome(model, source, null);
        }
    }
}
