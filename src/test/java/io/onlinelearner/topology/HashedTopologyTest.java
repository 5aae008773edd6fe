package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.features.FeatureHash;
import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.features.HashedInputParser;
import io.onlinelearner.features.HashingConfig;
import io.onlinelearner.learner.LazyMoments;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.ModelStatus;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.model.InputParser;
import io.onlinelearner.serde.JsonCodec;
import io.onlinelearner.serde.ModelStateSerde;
import io.onlinelearner.serde.NamesFormat;
import io.onlinelearner.stopping.Weights;
import io.onlinelearner.vectors.SharedVector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code hashed.json} end to end through the topology with {@code learner.features.mode=hashed}:
 * every record as JSON with named features; every round's snapshot, the stop signal, every
 * prediction and every checkpoint against the store, and the final model, within the file's
 * tolerance. The store holds a hashed model (sparse weights, lazy Adam's moments), which the state
 * serde writes in format 8, its equal entries once and its first-step moments as gradients, and reads back equal; the store of texts holds exactly the first two
 * texts of each index seen in applied training records, written only by records that taught one.
 */
class HashedTopologyTest {

    private static final String MODEL = "m";

    private final SharedVector vector = SharedVector.named("hashed");
    private final LearnerConfig config = LearnerConfig.parse(vector.properties());
    private final HashingConfig hashing = config.hashing().orElseThrow();
    private final InputParser parser = HashedInputParser.of(hashing, config.inputMaxBytes());
    private final List<JsonNode> events = new ArrayList<>();
    private final List<JsonNode> snapshots = new ArrayList<>();
    private final List<JsonNode> predictions = new ArrayList<>();
    private final List<JsonNode> roundSnapshots = new ArrayList<>();
    private ModelState last;
    private FeatureNames lastNames;
    private FeatureNames expectedNames = FeatureNames.NONE;
    private final List<FeatureNames> expectedNameWrites = new ArrayList<>();
    private List<TestRecord<byte[], byte[]>> nameChangelog;
    private List<TestRecord<byte[], byte[]>> recentChangelog;
    private final List<FeatureNames> namesAfterRecords = new ArrayList<>();
    private final List<FeatureNames> expectedAfterRecords = new ArrayList<>();
    private int checked;

    @Test
    void shouldPublishEveryRoundTheStopAndEveryPredictionOfTheVectorAndStoreAHashedModel() {
        run();
        final JsonNode expect = vector.expect();
        assertThat(checked)
                .as("checkpoints checked")
                .isEqualTo(expect.path("checkpoints").size());
        VectorJson.assertSameJson(
                vector,
                "events",
                events.stream()
                        .map(e -> VectorJson.asHashedVectorEvent(
                                TestTopics.DEFAULT_LINEAGE,
                                e,
                                1 << vector.hashing().orElseThrow().bits()))
                        .toList(),
                expect.path("events"));
        VectorJson.assertSameJson(
                vector,
                "predictions",
                predictions.stream().map(p -> VectorJson.asVector(p, "model")).toList(),
                expect.path("predictions"));
        assertRounds(expect.path("rounds"));
        final JsonNode f = expect.path("final");
        final ObjectNode lastSnapshot =
                VectorJson.nonZeroWeights(VectorJson.asVector(snapshots.get(snapshots.size() - 1)));
        final ObjectNode actual = lastSnapshot.objectNode();
        f.fieldNames().forEachRemaining(name -> actual.set(name, lastSnapshot.path(name)));
        VectorJson.assertSame(vector, "final", actual, f);
        assertThat(lastSnapshot.path("features").asInt()).isEqualTo(1024);
        assertThat(new String(
                        JsonCodec.write(JsonCodec.value(Snapshot.of(MODEL, last), TestTopics.DEFAULT_LINEAGE)),
                        StandardCharsets.UTF_8))
                .as("the stored model is the last snapshot")
                .isEqualTo(snapshots.get(snapshots.size() - 1).toString());
    }

    @Test
    void shouldStoreSparseWeightsMomentsAndTheFirstTextsSeenForEachIndex() {
        run();
        assertThat(last.status()).isEqualTo(ModelStatus.STOPPED);
        assertThat(last.live().weights()).isInstanceOf(Weights.Sparse.class);
        assertThat(last.frozen().weights()).isInstanceOf(Weights.Sparse.class);
        assertThat(last.moments()).isInstanceOf(LazyMoments.class);
        assertThat(last.moments().t()).isEqualTo(last.updates());
        assertThat(last.live().weights().size())
                .isEqualTo(last.moments().size())
                .isLessThanOrEqualTo(1024);
        assertThat(last.names()).as("the state carries no texts").isEqualTo(FeatureNames.NONE);
        assertThat(lastNames.names(index("hour"))).containsExactly("hour");
        final int interaction = FeatureHash.index(
                FeatureHash.combine(FeatureHash.hash("user^id=u10", 0), FeatureHash.hash("item^cat=books", 0)), 10);
        assertThat(interaction).isEqualTo(833);
        assertThat(lastNames.names(interaction)).contains("user^id=u10*item^cat=books");
        for (int k = 0; k < lastNames.size(); k++) {
            assertThat(lastNames.namesAt(k)).hasSizeBetween(1, 2);
        }
        final ModelStateSerde serde = new ModelStateSerde(
                vector.adam().learningRate(),
                vector.adam().beta1(),
                vector.adam().beta2());
        final byte[] bytes = serde.serialize("", last);
        assertThat(bytes[0]).as("format").isEqualTo((byte) 8);
        assertThat(serde.deserialize("", bytes)).isEqualTo(last);
        final byte[] plain = new ModelStateSerde(vector.adam().learningRate()).serialize("", last);
        assertThat(serde.deserialize("", plain))
                .as("moments written without Adam's betas, each as it is")
                .isEqualTo(last);
    }

    @Test
    void shouldKeepExactlyTheFirstTwoTextsOfEachIndexFromAppliedTrainingRecordsWrittenOnlyWhenOneIsTaught() {
        run();
        assertThat(lastNames)
                .as("the store of texts against FeatureNames.seen over the applied training records")
                .isEqualTo(expectedNames);
        assertThat(lastNames.size()).isEqualTo(last.live().weights().size());
        assertThat(expectedNameWrites).as("records that taught a text").hasSizeBetween(2, 1779);
        assertThat(namesAfterRecords).as("the texts after each record").isEqualTo(expectedAfterRecords);
        assertThat(recentChangelog)
                .as("one write of the recent texts (a value, or a tombstone at a merge) per record that taught")
                .hasSameSizeAs(expectedNameWrites);
        assertThat(nameChangelog).as("merges into the base").isNotEmpty().hasSizeLessThan(expectedNameWrites.size());
        int from = 0;
        for (final TestRecord<byte[], byte[]> merge : nameChangelog) {
            assertThat(new String(merge.key(), StandardCharsets.UTF_8)).isEqualTo(MODEL);
            int at = from;
            final FeatureNames base = NamesFormat.decode(merge.value());
            while (at < expectedNameWrites.size() && !expectedNameWrites.get(at).equals(base)) {
                at++;
            }
            assertThat(at)
                    .as("a base written is all texts kept at a record, in order")
                    .isLessThan(expectedNameWrites.size());
            from = at + 1;
        }
    }

    private void run() {
        final Iterator<JsonNode> checkpoints =
                vector.expect().path("checkpoints").iterator();
        JsonNode next = checkpoints.next();
        try (LearnerDriver driver = new LearnerDriver(vector.properties())) {
            int index = 0;
            for (final JsonNode event : vector.root().path("events")) {
                final String topic = event.path("topic").asText();
                final Source source = Source.valueOf(topic.toUpperCase(Locale.ROOT));
                final byte[] before = serialize(driver.state(MODEL));
                final long updatesBefore = updates(driver.state(MODEL));
                final byte[] value = SharedVector.hashedValue(event);
                driver.pipe(source, LearnerDriver.bytes(MODEL), value);
                if (source == Source.TRAIN && updates(driver.state(MODEL)) > updatesBefore) {
                    final FeatureNames seen = expectedNames.seen(
                            (HashedFeatures) parser.parseExample(value).features(), hashing.namesPerIndex());
                    if (seen != expectedNames) {
                        expectedNameWrites.add(seen);
                    }
                    expectedNames = seen;
                    expectedAfterRecords.add(seen);
                    namesAfterRecords.add(driver.featureNames(MODEL));
                }
                if (source == Source.PREDICT) {
                    assertThat(serialize(driver.state(MODEL)))
                            .as("a prediction writes nothing")
                            .isEqualTo(before);
                }
                events.addAll(driver.control());
                final List<JsonNode> published = driver.models();
                snapshots.addAll(published);
                if (source == Source.VALIDATION) {
                    roundSnapshots.addAll(published);
                }
                predictions.addAll(driver.predictions());
                assertThat(driver.deadLetters().isEmpty())
                        .as("event %d dead-lettered", index)
                        .isTrue();
                if (next != null && next.path("after").asInt() == index) {
                    assertCheckpoint(next, driver.state(MODEL));
                    checked++;
                    next = checkpoints.hasNext() ? checkpoints.next() : null;
                }
                index++;
            }
            last = driver.state(MODEL);
            lastNames = driver.featureNames(MODEL);
            nameChangelog = driver.changelog(Names.FEATURE_NAMES_STORE).readRecordsToList();
            recentChangelog = driver.changelog(Names.FEATURE_NAMES_RECENT_STORE).readRecordsToList();
        }
    }

    private static long updates(final ModelState state) {
        return state == null ? 0 : state.updates();
    }

    private byte[] serialize(final ModelState state) {
        return new ModelStateSerde(vector.adam().learningRate()).serialize("", state);
    }

    private void assertCheckpoint(final JsonNode c, final ModelState state) {
        final String at = "after " + c.path("after").asInt();
        final Snapshot s = Snapshot.of(MODEL, state);
        assertThat(s.status().name()).as(at).isEqualTo(c.path("status").asText());
        assertThat(s.updates()).as(at).isEqualTo(c.path("updates").asLong());
        assertThat(s.generation()).as(at).isEqualTo(c.path("generation").asLong());
        assertThat(s.lr()).as(at).isEqualTo(c.path("lr").asDouble());
        assertThat(s.round())
                .as(at)
                .isEqualTo(c.path("round").isNull() ? null : c.path("round").asInt());
        assertThat(events).as(at + ": events").hasSize(c.path("events").asInt());
        assertThat(predictions)
                .as(at + ": predictions")
                .hasSize(c.path("predictions").asInt());
    }

    private void assertRounds(final JsonNode rounds) {
        assertThat(roundSnapshots).hasSize(rounds.size());
        for (int r = 0; r < rounds.size(); r++) {
            final JsonNode s = roundSnapshots.get(r);
            final JsonNode e = rounds.get(r);
            final String at = "round snapshot " + r;
            assertThat(s.path("round").asInt()).as(at).isEqualTo(e.path("round").asInt());
            assertThat(vector.close(
                            s.path("roundLoss").asDouble(), e.path("loss").asDouble()))
                    .as(at + ": " + s.path("roundLoss") + " vs " + e.path("loss"))
                    .isTrue();
            assertThat(s.path("generation").asLong())
                    .as(at)
                    .isEqualTo(e.path("generation").asLong());
            assertThat(vector.close(s.path("lr").asDouble(), e.path("lr").asDouble()))
                    .as(at + ": lr " + s.path("lr") + " vs " + e.path("lr"))
                    .isTrue();
            assertThat(s.path("weights").isObject())
                    .as(at + ": weights by index")
                    .isTrue();
            if ("STOPPED".equals(s.path("status").asText())) {
                assertThat(s.path("weights"))
                        .as(at)
                        .isEqualTo(events.get(events.size() - 1).path("weights"));
            } else {
                assertThat(s.path("updates").asLong())
                        .as(at)
                        .isEqualTo(e.path("updates").asLong());
            }
        }
    }

    private int index(final String text) {
        return FeatureHash.index(FeatureHash.hash(text, 0), 10);
    }
}
