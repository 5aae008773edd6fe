package io.onlinelearner.eos;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.broker.KafkaBrokerExtension;
import io.onlinelearner.cli.RunProcess;
import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.features.SparseMoments;
import io.onlinelearner.features.SparseWeights;
import io.onlinelearner.learner.LazyMoments;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.optim.AdamHyperparameters;
import io.onlinelearner.serde.ModelStateSerde;
import io.onlinelearner.serde.NamesFormat;
import io.onlinelearner.stopping.Weights;
import io.onlinelearner.topology.Names;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exactly-once crash test in hashed mode, short: SIGKILL the learner ({@code run} in a child
 * JVM) twice while it trains three hashed models on three partitions ({@link HashedWorkload}), each
 * time once snapshots, predictions or outcomes are written but not committed (or 30 s passed), and again, up
 * to five kills in all, until a kill has left such a transaction open; restarting it on the same
 * state folder, then on a fresh one (restored from the changelogs alone: state format 8 and the store of texts).
 * Afterwards, under read_committed, every snapshot (sparse weights), control event, prediction and
 * outcome (labels that come later join the named-features requests) equals, byte for byte, a
 * replay of the records through the core with the same settings, every bad record is
 * dead-lettered exactly once, and the changelogs of the model states, the remembered requests, the
 * idle index and the feature texts hold exactly the replay's ({@link FeatureNames#seen} over the
 * applied training records, forgotten at a reset).
 */
class HashedCrashRecoveryIT extends EosTestBase {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();

    private static final int PARTITIONS = 3;
    private static final int KILLS = 2;
    /** Kills go on past {@link #KILLS}, up to this many, until one has left an open transaction. */
    private static final int MAX_KILLS = 5;

    private static final int PROGRESS = 100;

    /**
     * The producer: 5 records every 50 ms, at most 400 ahead of what the learner committed. The
     * workload arrives over some 20 s, so the kills strike while records still flow and the
     * learner has a transaction open most of the time; after a restart the learner finds at most
     * 400 records waiting.
     */
    private static final int PER_TICK = 5;

    private static final int MAX_AHEAD = 400;

    @Test
    void shouldKeepEveryHashedModelExactAcrossSigkills() throws Exception {
        final String appId = KafkaBrokerExtension.unique("eos-hashed");
        final KafkaHarness kafka = new KafkaHarness(KAFKA, new TopicNames(appId), appId);
        kafka.createTopics(PARTITIONS);
        final Workload workload = HashedWorkload.generate(System.currentTimeMillis() - 60_000);
        final Replay expected = Replay.of(
                workload,
                EosSettings.config(EosSettings.with(
                        HashedWorkload.settings(), kafka.topics().settings())));
        assertThat(expected.count("STOPPED", "command")).as("stops").isPositive();
        assertThat(expected.predictionCount()).as("predictions").isPositive();
        assertThat(expected.snapshots().values().stream().flatMap(java.util.List::stream))
                .as("snapshots with sparse weights")
                .allMatch(s -> s.contains("\"weights\":{"));

        final String[] outputs = {
            kafka.topics().models(),
            kafka.topics().predictions(),
            kafka.topics().outcomes()
        };
        Path stateDir = dir.resolve(appId + "-state-1");
        RunProcess child = startRun(appId + "-run-0", config(kafka, stateDir));
        producer = PacedProducer.start(
                kafka.bootstrap(), kafka.topics(), workload, PER_TICK, 50, kafka.progress(), MAX_AHEAD);
        long committedAtKill = 0;
        int inOpenTransaction = 0;
        for (int kill = 1; kill <= KILLS || inOpenTransaction == 0 && kill <= MAX_KILLS; kill++) {
            final long threshold =
                    Math.max((long) workload.size() * kill / (MAX_KILLS + 2), committedAtKill + PROGRESS);
            assertThat(threshold)
                    .as(
                            "kill %d's committed records, at least %d before the end of the workload's %d",
                            kill, MAX_AHEAD, workload.size())
                    .isLessThanOrEqualTo(workload.size() - MAX_AHEAD);
            child.awaitWhileAlive(
                    "committed progress past " + threshold,
                    Duration.ofSeconds(90),
                    () -> kafka.committedTotal() >= threshold);
            child.tryAwaitWhileAlive(
                    "snapshots, predictions or outcomes written but not committed",
                    Duration.ofSeconds(30),
                    () -> kafka.openTransaction(PARTITIONS, outputs));
            child.kill();
            inOpenTransaction += kafka.openTransaction(PARTITIONS, outputs) ? 1 : 0;
            committedAtKill = kafka.committedTotal();
            if (kill == KILLS) {
                stateDir = dir.resolve(appId + "-state-2");
            }
            child = startRun(appId + "-run-" + kill, config(kafka, stateDir));
        }
        awaitProduced(child);
        child.awaitWhileAlive("all records committed", Duration.ofSeconds(90), () -> kafka.drained(workload));

        assertThat(inOpenTransaction).as("kills that left an open transaction").isPositive();
        assertThat(expected.outcomeCount())
                .as("labels joined to named-features requests")
                .isPositive();
        CommittedStores.assertCommitted(expected, kafka, workload);
        final AdamHyperparameters adam =
                EosSettings.config(HashedWorkload.settings()).adam();
        assertThat(expected.stateStore(adam))
                .as("some final states keep moments of one step as their gradient (format 7)")
                .isNotEqualTo(expected.stateStore(new ModelStateSerde(adam.learningRate())));
        assertThat(expected.finalStates().values())
                .as("some final states hold one entry at several indices (stored once since format 8)")
                .anyMatch(HashedCrashRecoveryIT::sharesAnEntry);
        assertThat(expected.finalStates().values())
                .as("some final states keep a best snapshot (stored against the live weights since format 8)")
                .anyMatch(state -> state != null && state.stopping().snapshot() != null);
        assertThat(kafka.readCommitted(kafka.changelog(Names.STORE)).entrySet())
                .as("recent entries over a base, committed for some model (its id and 0xFF, read as U+FFFD)")
                .anyMatch(entry -> entry.getKey().endsWith("\uFFFD")
                        && entry.getValue().stream().anyMatch(value -> value != null));
        assertThat(expected.namesStore()).as("texts kept").isNotEmpty();
        assertThat(kafka.committedStore(Names.FEATURE_NAMES_STORE))
                .as("recent texts merged into the base")
                .isNotEmpty();
        assertThat(mergedTexts(
                        kafka.committedStore(Names.FEATURE_NAMES_STORE),
                        kafka.committedStore(Names.FEATURE_NAMES_RECENT_STORE)))
                .as("the feature texts (base and recent changelogs, read_committed)")
                .isEqualTo(expected.namesStore());
    }

    /** Whether two of a hashed state's indices hold the same weight and moments, bit for bit. */
    private static boolean sharesAnEntry(final ModelState state) {
        if (state == null || !(state.moments() instanceof LazyMoments lazy)) {
            return false;
        }
        final SparseWeights weights = ((Weights.Sparse) state.live().weights()).weights();
        final SparseMoments moments = lazy.moments();
        final Set<List<Long>> entries = new HashSet<>();
        for (int j = 0; j < moments.size(); j++) {
            final List<Long> entry = List.of(
                    Double.doubleToRawLongBits(weights.weightAt(j)),
                    Double.doubleToRawLongBits(moments.mAt(j)),
                    Double.doubleToRawLongBits(moments.vAt(j)));
            if (!entries.add(entry)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Per model, its base texts followed by its recent ones, in one value with every text a literal,
     * as the replay encodes them (keys and values in hex).
     */
    private static Map<String, String> mergedTexts(final Map<String, String> bases, final Map<String, String> recents) {
        final Map<String, String> merged = new TreeMap<>();
        final Set<String> models = new TreeSet<>(bases.keySet());
        models.addAll(recents.keySet());
        for (final String model : models) {
            final byte[] value = NamesFormat.encode(
                    NamesFormat.decode(NamesFormat.merge(bytes(bases.get(model)), bytes(recents.get(model)))));
            merged.put(model, Replay.hex(value));
        }
        return merged;
    }

    private static byte[] bytes(final String hex) {
        return hex == null ? null : HexFormat.of().parseHex(hex);
    }

    private static Map<String, String> config(final KafkaHarness kafka, final Path stateDir) {
        final Map<String, String> extra = new HashMap<>(EosSettings.LONG_TRANSACTIONS);
        extra.putAll(EosSettings.SHORT_SESSION);
        extra.put("statestore.cache.max.bytes", "0");
        extra.putAll(HashedWorkload.settings());
        return EosSettings.run(kafka.bootstrap(), kafka.appId(), kafka.topics(), stateDir, extra);
    }
}
