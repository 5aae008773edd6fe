package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.RecordParser;
import io.onlinelearner.serde.ModelStateSerde;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
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
        return new LearnerProcessor(
                LEARNER,
                null,
                DEFAULTS.inputFormat(),
                DEFAULTS.inputMaxBytes(),
                INPUTS,
                LearnerListener.NONE,
                MisroutingDetector.off(),
                false,
                OptionalLong.empty());
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
    void shouldReadTheStoredStateAgainAfterAStepFailedBeforeItsWrite() {
        final LearnerProcessor processor = processor();
        final MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>();
        final KeyValueStore<String, ModelState> store = failingThirdPut(contextWithEmptyStore());
        context.addStateStore(store);
        context.setRecordMetadata(DEFAULTS.topics().train(), 0, 0L);
        processor.init(context);
        processor.process(RECORD);
        processor.process(RECORD);
        assertThatThrownBy(() -> processor.process(RECORD)).hasMessage("the store failed");
        processor.process(RECORD);

        final Position position = Position.train(0, 0L);
        ModelState expected = null;
        for (int i = 0; i < 3; i++) {
            expected = LEARNER.train(expected, new RecordParser(8).parse(RECORD.value()), position)
                    .state();
        }
        assertThat(store.get("m")).isEqualTo(expected);
    }

    /** The store of {@code context}, whose third {@code put} throws (as Kafka Streams may log and skip). */
    @SuppressWarnings("unchecked")
    private static KeyValueStore<String, ModelState> failingThirdPut(
            final MockProcessorContext<byte[], byte[]> context) {
        final KeyValueStore<String, ModelState> store = context.getStateStore(Names.STORE);
        final AtomicInteger puts = new AtomicInteger();
        return (KeyValueStore<String, ModelState>) Proxy.newProxyInstance(
                KeyValueStore.class.getClassLoader(), new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("put") && puts.incrementAndGet() == 3) {
                        throw new IllegalStateException("the store failed");
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
