package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.metrics.LearnerObservations;
import io.onlinelearner.metrics.RecordOutcome;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.RecordParser;
import io.onlinelearner.serde.ModelStateSerde;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The processor on its own: what it reads from and writes to its store across task re-initialization. */
class LearnerProcessorTest {

    private static final LearnerConfig DEFAULTS = LearnerConfig.defaults();
    private static final Learner LEARNER = new Learner(DEFAULTS.model(), DEFAULTS.adam(), DEFAULTS.stopping());
    private static final Map<String, Source> INPUTS = Map.of(DEFAULTS.topics().train(), Source.TRAIN);
    private static final Record<byte[], byte[]> RECORD = new Record<>(
            "m".getBytes(StandardCharsets.UTF_8),
            "{\"x\": [1.0, 2.0], \"y\": 3.0}".getBytes(StandardCharsets.UTF_8),
            0L);

    private static LearnerProcessor processor() {
        return processor(LEARNER, INPUTS, LearnerListener.NONE, OptionalLong.empty());
    }

    /** A processor of {@code learner} reading {@code inputs}, telling {@code listener}, evicting after {@code idleTtlMs}. */
    private static LearnerProcessor processor(
            final Learner learner,
            final Map<String, Source> inputs,
            final LearnerListener listener,
            final OptionalLong idleTtlMs) {
        return new LearnerProcessor(
                new ProcessorWiring(
                        learner,
                        DEFAULTS.inputFormat(),
                        DEFAULTS.inputMaxBytes(),
                        inputs,
                        listener,
                        MisroutingDetector.off(),
                        false,
                        idleTtlMs,
                        TestTopics.DEFAULT_LINEAGE),
                null);
    }

    private static MockProcessorContext<byte[], byte[]> contextWithEmptyStore() {
        final MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>();
        final KeyValueStore<String, ModelState> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(Names.STORE),
                        Serdes.String(),
                        new ModelStateSerde(io.onlinelearner.config.LearnerConfig.defaults()
                                .adam()
                                .learningRate()))
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        lastSeenStore(context);
        context.setRecordMetadata(DEFAULTS.topics().train(), 0, 0L);
        return context;
    }

    private static ModelState stored(final MockProcessorContext<byte[], byte[]> context) {
        final KeyValueStore<String, ModelState> store = context.getStateStore(Names.STORE);
        return store.get("m");
    }

    @Test
    void shouldContinueFromTheStateItLastWrote() {
        final LearnerProcessor processor = processor();
        final MockProcessorContext<byte[], byte[]> context = contextWithEmptyStore();
        processor.init(context);
        processor.process(RECORD);
        processor.process(RECORD);
        assertThat(stored(context).updates()).isEqualTo(2);
    }

    @Test
    void shouldReadTheStoreAgainAfterTheTaskIsReinitialized() {
        final LearnerProcessor processor = processor();
        processor.init(contextWithEmptyStore());
        processor.process(RECORD);

        final MockProcessorContext<byte[], byte[]> restored = contextWithEmptyStore();
        processor.init(restored);
        processor.process(RECORD);

        final ModelState expected = LEARNER.train(
                        null, new RecordParser(8).parse(RECORD.value()), Position.train(0, 0L))
                .state();
        assertThat(stored(restored)).isEqualTo(expected);
        assertThat(stored(restored).updates()).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterARecordWhoseWriteFailedAndReadTheStoredStateAgain() {
        final LearnerProcessor processor = processor();
        final MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>();
        final KeyValueStore<String, ModelState> store = failingThirdPut(contextWithEmptyStore());
        context.addStateStore(store);
        lastSeenStore(context);
        context.setRecordMetadata(DEFAULTS.topics().train(), 0, 0L);
        processor.init(context);
        processor.process(RECORD);
        processor.process(RECORD);
        final ModelState beforeFailure = store.get("m");
        context.resetForwards();
        context.setRecordMetadata(DEFAULTS.topics().train(), 0, 2L);

        processor.process(RECORD);

        assertThat(context.forwarded()).hasSize(1);
        final MockProcessorContext.CapturedForward<? extends byte[], ? extends byte[]> letter =
                context.forwarded().get(0);
        assertThat(letter.childName()).hasValue(Names.DEAD_LETTER_SINK);
        assertThat(letter.record().key()).isEqualTo(RECORD.key());
        assertThat(letter.record().value()).isEqualTo(RECORD.value());
        assertThat(header(letter.record().headers(), DeadLetters.EXCEPTION))
                .isEqualTo(IllegalStateException.class.getName());
        assertThat(header(letter.record().headers(), DeadLetters.MESSAGE)).isEqualTo("the store failed");
        assertThat(header(letter.record().headers(), DeadLetters.OFFSET)).isEqualTo("2");
        assertThat(letter.record().headers().lastHeader(DeadLetters.REASON)).isNull();
        assertThat(store.get("m")).isEqualTo(beforeFailure);
        assertThat(beforeFailure.updates()).isEqualTo(2);

        processor.process(RECORD);

        ModelState expected = null;
        for (final long offset : new long[] {0L, 0L, 2L}) {
            expected = LEARNER.train(expected, new RecordParser(8).parse(RECORD.value()), Position.train(0, offset))
                    .state();
        }
        assertThat(store.get("m")).isEqualTo(expected);
    }

    @Test
    void shouldLetKafkaExceptionsPropagateUnchanged() {
        final LearnerProcessor processor = processor();
        final MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>();
        final KeyValueStore<String, ModelState> store =
                failingThirdPut(contextWithEmptyStore(), new TaskMigratedException("the task moved on"));
        context.addStateStore(store);
        lastSeenStore(context);
        context.setRecordMetadata(DEFAULTS.topics().train(), 0, 0L);
        processor.init(context);
        processor.process(RECORD);
        processor.process(RECORD);
        context.resetForwards();

        assertThatThrownBy(() -> processor.process(RECORD))
                .isInstanceOf(TaskMigratedException.class)
                .hasMessageContaining("the task moved on");
        assertThat(context.forwarded()).isEmpty();
    }

    /**
     * A Kafka exception while a record's outputs are held (here its write fails) leaves nothing held:
     * after the task is initialised again, the next record forwards only its own outputs, never the
     * failed record's, which the task handles again from its last commit.
     */
    @Test
    void shouldNeverForwardTheHeldOutputsOfARecordThatKafkaFailed() {
        final String commands = DEFAULTS.topics().commands();
        final LearnerProcessor processor = processor(
                LEARNER,
                Map.of(DEFAULTS.topics().train(), Source.TRAIN, commands, Source.COMMANDS),
                LearnerListener.NONE,
                OptionalLong.empty());
        final MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>();
        context.addStateStore(failingThirdPut(contextWithEmptyStore(), new TaskMigratedException("the task moved on")));
        lastSeenStore(context);
        context.setRecordMetadata(DEFAULTS.topics().train(), 0, 0L);
        processor.init(context);
        processor.process(RECORD);
        processor.process(RECORD);
        context.setRecordMetadata(commands, 0, 0L);
        final Record<byte[], byte[]> stop =
                new Record<>(RECORD.key(), "{\"command\": \"stop\"}".getBytes(StandardCharsets.UTF_8), 0L);
        assertThatThrownBy(() -> processor.process(stop)).isInstanceOf(TaskMigratedException.class);
        assertThat(context.forwarded()).isEmpty();

        processor.init(context);
        context.setRecordMetadata(DEFAULTS.topics().train(), 0, 2L);
        processor.process(RECORD);
        assertThat(context.forwarded()).isEmpty();

        context.setRecordMetadata(commands, 0, 1L);
        processor.process(stop);
        assertThat(context.forwarded())
                .extracting(forward -> forward.childName().orElseThrow())
                .containsExactly(Names.MODELS_SINK, Names.CONTROL_SINK);
    }

    /**
     * A stored state this build cannot read (here: the serde's refusal of a newer format) fails only
     * the records of its model, which go to dead letters and change nothing; the task's other models
     * go on, where Kafka Streams would fail the task on every retry.
     */
    @Test
    void shouldDeadLetterTheRecordsOfAModelWhoseStateCannotBeReadAndGoOnWithTheOthers() {
        final MockProcessorContext<byte[], byte[]> source = contextWithEmptyStore();
        final KeyValueStore<String, ModelState> below = source.getStateStore(Names.STORE);
        final KeyValueStore<String, ModelState> store =
                failingGet(below, "bad", () -> new SerializationException("model state has format version 99"));
        final MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>();
        context.addStateStore(store);
        lastSeenStore(context);
        context.setRecordMetadata(DEFAULTS.topics().train(), 0, 0L);
        final LearnerObservations observations = new LearnerObservations(10);
        final LearnerProcessor processor = processor(LEARNER, INPUTS, observations, OptionalLong.empty());
        processor.init(context);

        processor.process(RECORD.withKey("bad".getBytes(StandardCharsets.UTF_8)));
        processor.process(RECORD);

        assertThat(context.forwarded()).hasSize(1);
        final Record<? extends byte[], ? extends byte[]> letter =
                context.forwarded().get(0).record();
        assertThat(context.forwarded().get(0).childName()).hasValue(Names.DEAD_LETTER_SINK);
        assertThat(letter.key()).isEqualTo("bad".getBytes(StandardCharsets.UTF_8));
        assertThat(header(letter.headers(), DeadLetters.EXCEPTION)).isEqualTo(StateReads.Unreadable.class.getName());
        assertThat(header(letter.headers(), DeadLetters.MESSAGE))
                .isEqualTo("the stored state of model 'bad' cannot be read (model state has format version 99); "
                        + "its records go to dead letters until a build that reads it runs, or its state is deleted");
        assertThat(below.get("bad")).isNull();
        assertThat(below.get("m").updates()).isEqualTo(1);
        assertThat(observations.records(Source.TRAIN, RecordOutcome.FAILED)).isEqualTo(1);
        assertThat(observations.failed()).isEqualTo(1);
        assertThat(observations.records(Source.TRAIN, RecordOutcome.APPLIED)).isEqualTo(1);
    }

    /**
     * Idle eviction skips a model whose stored state cannot be read: it publishes nothing for it,
     * leaves its state as it is and takes it out of the idle index (so that it is not read again at
     * every record), while the task's other models go on.
     */
    @Test
    void shouldLeaveAnIdleModelWhoseStateCannotBeReadAsItIs() {
        final AtomicBoolean unreadable = new AtomicBoolean();
        final FailingContext failing =
                failingOnBad(unreadable, () -> new SerializationException("model state has format version 99"));
        final MockProcessorContext<byte[], byte[]> context = failing.context();
        final KeyValueStore<String, ModelState> below = failing.below();
        final KeyValueStore<Bytes, byte[]> lastSeen = failing.lastSeen();
        final LearnerProcessor processor = processor(LEARNER, INPUTS, LearnerListener.NONE, OptionalLong.of(100));
        processor.init(context);
        context.setCurrentStreamTimeMs(0L);
        processor.process(RECORD.withKey("bad".getBytes(StandardCharsets.UTF_8)).withTimestamp(0L));
        final ModelState bad = below.get("bad");
        assertThat(bad.updates()).isEqualTo(1);
        unreadable.set(true);
        context.resetForwards();
        context.setCurrentStreamTimeMs(1_000L);

        processor.process(RECORD.withTimestamp(1_000L));

        assertThat(context.forwarded())
                .as("no eviction published, no dead letter")
                .isEmpty();
        assertThat(below.get("bad")).isEqualTo(bad);
        assertThat(below.get("m").updates()).isEqualTo(1);
        final List<String> index = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> all = lastSeen.all()) {
            all.forEachRemaining(kv -> index.add(new String(kv.key.get(), StandardCharsets.UTF_8)));
        }
        assertThat(index)
                .as("the idle index")
                .noneMatch(key -> key.endsWith("bad"))
                .anyMatch(key -> key.endsWith("m"));
    }

    /**
     * A model stored while idle eviction was off enters the index at the first record after the
     * setting is turned on, as seen then, and is evicted once idle from there, without a record of
     * its own.
     */
    @Test
    void shouldEvictAModelStoredBeforeIdleEvictionWasOnOnceIdleFromTheFirstRecordAfter() {
        final MockProcessorContext<byte[], byte[]> context = contextWithEmptyStore();
        final LearnerProcessor before = processor();
        before.init(context);
        before.process(RECORD.withKey("old".getBytes(StandardCharsets.UTF_8)).withTimestamp(0L));
        final LearnerProcessor after = processor(LEARNER, INPUTS, LearnerListener.NONE, OptionalLong.of(100));
        after.init(context);
        for (final long timestamp : new long[] {1_000L, 1_060L}) {
            context.setCurrentStreamTimeMs(timestamp);
            after.process(RECORD.withTimestamp(timestamp));
        }
        final KeyValueStore<String, ModelState> store = context.getStateStore(Names.STORE);
        assertThat(store.get("old")).as("kept while idle for 60 ms of 100").isNotNull();
        context.resetForwards();

        context.setCurrentStreamTimeMs(1_120L);
        after.process(RECORD.withTimestamp(1_120L));

        assertThat(store.get("old")).as("evicted, idle for 120 ms").isNull();
        assertEvicted(controlEvents(context), "old", 120);
        assertThat(store.get("m").updates()).isEqualTo(3);
    }

    /**
     * An eviction that fails on a bug (here the state's read throws what Kafka never does) leaves
     * that model as it was and in the index, while the other idle models are evicted and the
     * record that moved the stream time is handled as usual; the model is tried again one ttl of
     * stream time later, without a restart (so the outputs depend on the records alone).
     */
    @Test
    void shouldKeepAModelWhoseEvictionFailedAndEvictTheOthers() {
        final AtomicBoolean failing = new AtomicBoolean();
        final FailingContext bug = failingOnBad(failing, () -> new IllegalStateException("a bug"));
        final MockProcessorContext<byte[], byte[]> context = bug.context();
        final KeyValueStore<String, ModelState> below = bug.below();
        final KeyValueStore<Bytes, byte[]> lastSeen = bug.lastSeen();
        final LearnerProcessor processor = processor(LEARNER, INPUTS, LearnerListener.NONE, OptionalLong.of(100));
        processor.init(context);
        context.setCurrentStreamTimeMs(0L);
        for (final String model : List.of("bad", "good")) {
            processor.process(
                    RECORD.withKey(model.getBytes(StandardCharsets.UTF_8)).withTimestamp(0L));
        }
        final ModelState bad = below.get("bad");
        failing.set(true);
        context.resetForwards();
        context.setCurrentStreamTimeMs(1_000L);

        processor.process(RECORD.withTimestamp(1_000L));

        assertThat(context.forwarded())
                .extracting(f -> f.childName().orElseThrow() + " "
                        + new String(f.record().value(), StandardCharsets.UTF_8).substring(0, 24))
                .containsExactly(
                        Names.MODELS_SINK + " {\"model\":\"good\",\"status\"",
                        Names.CONTROL_SINK + " {\"model\":\"good\",\"event\":");
        assertThat(below.get("good")).isNull();
        assertThat(below.get("bad")).isEqualTo(bad);
        assertThat(below.get("m").updates()).as("the record handled as usual").isEqualTo(1);
        assertThat(indexKeys(lastSeen)).filteredOn(key -> key.endsWith("bad")).hasSize(2);

        failing.set(false);
        context.resetForwards();
        context.setCurrentStreamTimeMs(1_100L);
        processor.process(RECORD.withTimestamp(1_100L));
        assertThat(below.get("bad")).as("kept until one ttl after the failure").isEqualTo(bad);

        context.setCurrentStreamTimeMs(1_101L);
        processor.process(RECORD.withTimestamp(1_101L));
        assertThat(below.get("bad")).as("tried again one ttl after the failure").isNull();
        assertEvicted(controlEvents(context), "bad", 1101);
    }

    /**
     * Idle eviction turned off, then on again: while it is off, the first record empties the index
     * kept from before, so that a model trained meanwhile is not evicted for its stale last-seen
     * time, but counts as seen at the first record after eviction is on again.
     */
    @Test
    void shouldNotEvictAModelTrainedWhileIdleEvictionWasOffForItsLastSeenTimeOfBefore() {
        final MockProcessorContext<byte[], byte[]> context = contextWithEmptyStore();
        final KeyValueStore<Bytes, byte[]> lastSeen = context.getStateStore(Names.LAST_SEEN_STORE);
        final KeyValueStore<String, ModelState> store = context.getStateStore(Names.STORE);
        final Record<byte[], byte[]> ofA = RECORD.withKey("a".getBytes(StandardCharsets.UTF_8));
        final LearnerProcessor on = processor(LEARNER, INPUTS, LearnerListener.NONE, OptionalLong.of(100));
        on.init(context);
        context.setCurrentStreamTimeMs(0L);
        on.process(ofA.withTimestamp(0L));
        assertThat(indexKeys(lastSeen)).as("a's two entries").hasSize(2);

        final LearnerProcessor off = processor();
        off.init(context);
        context.setCurrentStreamTimeMs(1_000L);
        off.process(ofA.withTimestamp(1_000L));
        assertThat(indexKeys(lastSeen)).as("emptied while off").isEmpty();
        assertThat(store.get("a").updates()).isEqualTo(2);

        final LearnerProcessor again = processor(LEARNER, INPUTS, LearnerListener.NONE, OptionalLong.of(100));
        again.init(context);
        context.resetForwards();
        context.setCurrentStreamTimeMs(1_050L);
        again.process(RECORD.withTimestamp(1_050L));
        assertThat(store.get("a").updates())
                .as("idle for 50 ms of 100 since it was trained")
                .isEqualTo(2);
        assertThat(context.forwarded()).isEmpty();

        context.setCurrentStreamTimeMs(1_151L);
        again.process(RECORD.withTimestamp(1_151L));
        assertThat(store.get("a"))
                .as("idle for 101 ms since eviction was on again")
                .isNull();
        assertEvicted(
                controlEvents(context).stream()
                        .filter(event -> event.startsWith("{\"model\":\"a\","))
                        .toList(),
                "a",
                101);
    }

    /** A context whose model store fails on reading {@code "bad"} while {@code when} is set, the store below it, and its idle index. */
    private record FailingContext(
            MockProcessorContext<byte[], byte[]> context,
            KeyValueStore<String, ModelState> below,
            KeyValueStore<Bytes, byte[]> lastSeen) {}

    private static FailingContext failingOnBad(final AtomicBoolean when, final Supplier<RuntimeException> failure) {
        final KeyValueStore<String, ModelState> below = contextWithEmptyStore().getStateStore(Names.STORE);
        final MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>();
        context.addStateStore(failingGetWhen(below, "bad", when, failure));
        final KeyValueStore<Bytes, byte[]> lastSeen = lastSeenStore(context);
        context.setRecordMetadata(DEFAULTS.topics().train(), 0, 0L);
        return new FailingContext(context, below, lastSeen);
    }

    /** The values forwarded to the control topic, as text. */
    private static List<String> controlEvents(final MockProcessorContext<byte[], byte[]> context) {
        return context.forwarded().stream()
                .filter(f -> f.childName().orElseThrow().equals(Names.CONTROL_SINK))
                .map(f -> new String(f.record().value(), StandardCharsets.UTF_8))
                .toList();
    }

    /** Asserts that {@code events} are one {@code EVICTED} event of {@code model}, idle for {@code idleMs}. */
    private static void assertEvicted(final List<String> events, final String model, final long idleMs) {
        assertThat(events)
                .singleElement()
                .satisfies(event -> assertThat(event)
                        .startsWith("{\"model\":\"" + model + "\",\"event\":\"EVICTED\"")
                        .contains("\"idleMs\":" + idleMs));
    }

    private static List<String> indexKeys(final KeyValueStore<Bytes, byte[]> index) {
        final List<String> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> all = index.all()) {
            all.forEachRemaining(kv -> keys.add(new String(kv.key.get(), StandardCharsets.ISO_8859_1)));
        }
        return keys;
    }

    /**
     * A hashed record that fails while its feature texts are planned (here the store of texts fails
     * on one model): nothing of it is written, since the plan comes before the state's write, and
     * its dead letter carries the failure and where the record came from.
     */
    @Test
    void shouldWriteNothingOfARecordThatFailsBeforeItsFirstWrite() {
        final Properties hashed = new Properties();
        hashed.setProperty(LearnerSettings.FEATURES_MODE.key(), "hashed");
        final LearnerConfig config = LearnerConfig.parse(hashed);
        final LearnerProcessor processor =
                processor(new Learner(config.learnerSpec()), INPUTS, LearnerListener.NONE, OptionalLong.empty());
        final MockProcessorContext<byte[], byte[]> context = contextWithEmptyStore();
        final KeyValueStore<String, byte[]> base = bytesStore(context, Names.FEATURE_NAMES_RECENT_STORE);
        final KeyValueStore<String, byte[]> failing =
                failingGet(base, "bad", () -> new IllegalStateException("the texts failed"));
        context.addStateStore(failing);
        bytesStore(context, Names.FEATURE_NAMES_STORE);
        processor.init(context);
        final byte[] value = "{\"features\": {\"u\": \"a\"}, \"y\": 1}".getBytes(StandardCharsets.UTF_8);
        context.setRecordMetadata(DEFAULTS.topics().train(), 3, 41L);

        processor.process(new Record<>("bad".getBytes(StandardCharsets.UTF_8), value, 0L));
        processor.process(new Record<>("m".getBytes(StandardCharsets.UTF_8), value, 0L));

        final KeyValueStore<String, ModelState> states = context.getStateStore(Names.STORE);
        assertThat(states.get("bad")).isNull();
        assertThat(states.get("m").updates()).isEqualTo(1);
        assertThat(context.forwarded()).hasSize(1);
        final Record<? extends byte[], ? extends byte[]> letter =
                context.forwarded().get(0).record();
        assertThat(context.forwarded().get(0).childName()).hasValue(Names.DEAD_LETTER_SINK);
        assertThat(letter.value()).isEqualTo(value);
        assertThat(header(letter.headers(), DeadLetters.EXCEPTION)).isEqualTo(IllegalStateException.class.getName());
        assertThat(header(letter.headers(), DeadLetters.MESSAGE)).isEqualTo("the texts failed");
        assertThat(header(letter.headers(), DeadLetters.STACKTRACE))
                .startsWith("java.lang.IllegalStateException: the texts failed")
                .contains(NamesStep.class.getName());
        assertThat(header(letter.headers(), DeadLetters.TOPIC))
                .isEqualTo(DEFAULTS.topics().train());
        assertThat(header(letter.headers(), DeadLetters.PARTITION)).isEqualTo("3");
        assertThat(header(letter.headers(), DeadLetters.OFFSET)).isEqualTo("41");
        assertThat(letter.headers().lastHeader(DeadLetters.REASON)).isNull();
    }

    /** {@code below}, except that a {@code get} of {@code key} throws a new {@code failure}, made there. */
    private static <V> KeyValueStore<String, V> failingGet(
            final KeyValueStore<String, V> below, final String key, final Supplier<RuntimeException> failure) {
        return failingGetWhen(below, key, new AtomicBoolean(true), failure);
    }

    /** {@code below}, whose {@code get} of {@code key} throws {@code failure} while {@code when} is set. */
    @SuppressWarnings("unchecked")
    private static <V> KeyValueStore<String, V> failingGetWhen(
            final KeyValueStore<String, V> below,
            final String key,
            final AtomicBoolean when,
            final Supplier<RuntimeException> failure) {
        return (KeyValueStore<String, V>) Proxy.newProxyInstance(
                KeyValueStore.class.getClassLoader(), new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    if (when.get() && method.getName().equals("get") && key.equals(args[0])) {
                        throw failure.get();
                    }
                    try {
                        return method.invoke(below, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The idle index's store, in memory, initialised and added to {@code context}. */
    private static KeyValueStore<Bytes, byte[]> lastSeenStore(final MockProcessorContext<byte[], byte[]> context) {
        final KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(Names.LAST_SEEN_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    /** A byte-valued in-memory store named {@code name}, initialised and added to {@code context}. */
    private static KeyValueStore<String, byte[]> bytesStore(
            final MockProcessorContext<byte[], byte[]> context, final String name) {
        final KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private static String header(final Headers headers, final String name) {
        final Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The store of {@code context}, whose third {@code put} throws an exception that is not Kafka's. */
    private static KeyValueStore<String, ModelState> failingThirdPut(
            final MockProcessorContext<byte[], byte[]> context) {
        return failingThirdPut(context, new IllegalStateException("the store failed"));
    }

    /** The store of {@code context}, whose third {@code put} throws {@code failure}. */
    @SuppressWarnings("unchecked")
    private static KeyValueStore<String, ModelState> failingThirdPut(
            final MockProcessorContext<byte[], byte[]> context, final RuntimeException failure) {
        final KeyValueStore<String, ModelState> store = context.getStateStore(Names.STORE);
        final AtomicInteger puts = new AtomicInteger();
        return (KeyValueStore<String, ModelState>) Proxy.newProxyInstance(
                KeyValueStore.class.getClassLoader(), new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("put") && puts.incrementAndGet() == 3) {
                        throw failure;
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
