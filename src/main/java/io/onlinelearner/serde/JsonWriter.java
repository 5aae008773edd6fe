package io.onlinelearner.serde;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes one JSON document after another with one generator and one buffer kept across them, for
 * a stream processor's per-record outputs. {@link JsonCodec#write} creates a generator per document
 * (an I/O context, buffers taken from and returned to the pool the stream and HTTP threads share, a
 * new output stream), a cost a stream thread would pay on every prediction it answers
 * ({@code docs/performance.md} has the figures). The documents are the same bytes as
 * {@link JsonCodec#write} gives. Mutable: one per processor, used by its stream thread only, never
 * shared; a document that fails half-way leaves a fresh generator for the next.
 */
public final class JsonWriter {

    private final ByteArrayBuilder buffer = new ByteArrayBuilder(512);
    private JsonGenerator generator;

    /** The UTF-8 JSON that {@code body} generates. */
    public byte[] write(final JsonCodec.Body body) {
        try {
            if (generator == null) {
                generator = JsonCodec.generator(buffer);
            }
            body.write(generator);
            generator.flush();
            return buffer.toByteArray();
        } catch (IOException e) {
            generator = null;
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            generator = null;
            throw e;
        } finally {
            buffer.reset();
        }
    }
}
