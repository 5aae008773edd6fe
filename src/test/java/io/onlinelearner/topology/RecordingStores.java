package io.onlinelearner.topology;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** Real in-memory byte stores that record their writes, for the tests of the layers above them. */
final class RecordingStores {

    private RecordingStores() {}

    /**
     * An initialized in-memory store that adds {@code "put NAME"} or {@code "delete NAME"} to
     * {@code writes} for every write, {@code NAME} being {@code name} of the key's bytes.
     */
    @SuppressWarnings("unchecked")
    static KeyValueStore<Bytes, byte[]> recording(
            final MockProcessorContext<Object, Object> context,
            final List<String> writes,
            final Function<byte[], String> name) {
        final KeyValueStore<Bytes, byte[]> real = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(Names.LABELS_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        real.init(context.getStateStoreContext(), real);
        return (KeyValueStore<Bytes, byte[]>) Proxy.newProxyInstance(
                RecordingStores.class.getClassLoader(), new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("put") || method.getName().equals("delete")) {
                        writes.add(method.getName() + " " + name.apply(((Bytes) args[0]).get()));
                    }
                    return method.invoke(real, args);
                });
    }
}
