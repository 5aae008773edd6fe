package io.onlinelearner.serde;

import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.features.SparseMoments;
import io.onlinelearner.features.SparseWeights;
import io.onlinelearner.learner.LazyMoments;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.Weights;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Formats 8 to 4 of the model state: a hashed model (named features), whose parameters and moments
 * are sparse. Layout of format 8 (big-endian), after the version byte 8, when the moments are kept
 * at the live weights' indices (flag 32, always unless a state was read so from an older format):
 *
 * <pre>
 * byte    flags: 1 intercept, 4 best snapshot present, 8 frozen, 16 drift fired,
 *         32 the moments are kept at the live weights' indices
 * the header of format 3 (features d = 2^hash-bits … nonFiniteLosses), see {@link ModelStateSerde}
 * entries:  int k, k indices as gaps ({@link IndexGaps}), each index's weight and moments as
 *           {@link SharedEntries} (an entry that several indices hold bit for bit stored once, the
 *           moments as {@link FirstStepMoments}), double bias, double bias m, double bias v
 * [best snapshot: its weights as {@link CheckpointWeights} against the live ones, long updates, position]
 * [frozen: the same, against the best snapshot's weights when present, else the live ones]
 * </pre>
 *
 * Without flag 32, format 8 lays out the live weights and moments as format 7 does. Format 7, the
 * one before, stores the live weights ({@code int k}, gaps, {@code double[k]}, bias),
 * then the moments ([unless flag 32: {@code int k}, gaps], the pairs as {@link FirstStepMoments},
 * bias m, bias v), then the checkpoints' weights as the live ones. Format 6 stores every moment as
 * it is: {@code double[k] m, double[k] v}. Format 5 also stores every
 * index array as {@code int[k]} and the moments' indices even when they are the live weights'.
 * Format 4, written before the feature texts had a store of their own ({@link NamesFormat}), is
 * format 5 followed by the texts: {@code int k, then k × (int index, int count, count × (int
 * length, UTF-8 bytes))}; they are read into {@link ModelState#names()}, from which the stream
 * processor moves them to their store. Formats 5 to 8 never carry texts. Adam's {@code t} is the
 * header's. Only touched indices are stored: a model's bytes grow with them.
 */
final class HashedFormat {

    /** The version byte this code writes: format 8, equal entries stored once. */
    static final byte VERSION = 8;
    /** The version byte of format 7, whose first-step moments are stored as gradients. */
    static final byte FIRST_STEP_MOMENTS = 7;
    /** The version byte of format 6, whose moments are all stored as they are. */
    static final byte PLAIN_MOMENTS = 6;
    /** The version byte of format 5, whose indices are {@code int}s. */
    static final byte INT_INDICES = 5;
    /** The version byte of format 4, whose values end with the model's texts. */
    static final byte WITH_NAMES = 4;

    /** Flag: the moments are kept at the live weights' indices, which are not written again. */
    static final int SHARED_INDICES = 32;

    private HashedFormat() {}

    /**
     * The bytes of a hashed model's state, in format 8, its first-step moments stored as gradients
     * with {@code oneMinusBeta1} and {@code oneMinusBeta2} ({@link FirstStepMoments}; NaN: none).
     */
    static byte[] write(final ModelState state, final double oneMinusBeta1, final double oneMinusBeta2) {
        final SparseWeights live = sparse(state.live());
        final SparseMoments moments = ((LazyMoments) state.moments()).moments();
        final boolean shared = moments.hasIndicesOf(live);
        final Checkpoint best = state.stopping().snapshot();
        final Checkpoint frozen = state.frozen();
        final int k = moments.size();
        final SharedEntries.Plan entries = shared
                ? SharedEntries.plan(k, live::weightAt, moments::mAt, moments::vAt, oneMinusBeta1, oneMinusBeta2)
                : null;
        final FirstStepMoments.Plan pairs =
                shared ? null : FirstStepMoments.plan(k, moments::mAt, moments::vAt, oneMinusBeta1, oneMinusBeta2);
        int size = ModelStateSerde.HEADER_BYTES
                + 3 * Double.BYTES
                + (shared
                        ? Integer.BYTES + IndexGaps.bytes(live::index, k) + entries.bytes()
                        : weightsBytes(live)
                                - Double.BYTES
                                + Integer.BYTES
                                + IndexGaps.bytes(moments::index, k)
                                + pairs.bytes());
        final CheckpointWeights.Plan[] checkpoints = new CheckpointWeights.Plan[2];
        final Checkpoint[] kept = {best, frozen};
        SparseWeights reference = live;
        for (int c = 0; c < kept.length; c++) {
            if (kept[c] != null) {
                checkpoints[c] = CheckpointWeights.plan(sparse(kept[c]), reference);
                reference = sparse(kept[c]);
                size += checkpoints[c].bytes() + Long.BYTES + Doubles.POSITION_BYTES;
            }
        }
        final ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.put(VERSION).put((byte) (flags(state) | (shared ? SHARED_INDICES : 0)));
        ModelStateSerde.putHeader(buffer, state);
        if (shared) {
            buffer.putInt(k);
            IndexGaps.put(buffer, live::index, k);
            entries.put(buffer);
            buffer.putDouble(live.bias());
        } else {
            putWeights(buffer, live);
            buffer.putInt(k);
            IndexGaps.put(buffer, moments::index, k);
            pairs.put(buffer);
        }
        buffer.putDouble(moments.biasM()).putDouble(moments.biasV());
        for (int c = 0; c < kept.length; c++) {
            if (kept[c] != null) {
                checkpoints[c].put(buffer);
                buffer.putLong(kept[c].updates());
                Doubles.put(buffer, kept[c].trainedThrough());
            }
        }
        return buffer.array();
    }

    /** Reads the rest of a value of format 8, 7, 6, 5 or 4 ({@code version}), after its version byte. */
    static ModelState read(final ByteBuffer buffer, final byte version) {
        final boolean gaps = version >= PLAIN_MOMENTS;
        final int flags = buffer.get();
        final ModelStateSerde.Header header = ModelStateSerde.Header.read(buffer, ModelStateSerde.VERSION, flags);
        final boolean sharedIndices = gaps && (flags & SHARED_INDICES) != 0;
        final SparseWeights live;
        final SparseMoments moments;
        if (version == VERSION && sharedIndices) {
            final int[] indices = getIndices(buffer, 1, true);
            final double[][] entries = SharedEntries.read(buffer, indices.length);
            live = SparseWeights.adopt(indices, entries[0], buffer.getDouble());
            moments = SparseMoments.adopt(
                    indices, entries[1], entries[2], buffer.getDouble(), buffer.getDouble(), header.t());
        } else {
            final int[] liveIndices = getIndices(buffer, Double.BYTES, gaps);
            live = SparseWeights.adopt(liveIndices, Doubles.getArray(buffer, liveIndices.length), buffer.getDouble());
            final boolean firstSteps = version >= FIRST_STEP_MOMENTS;
            final int[] indices;
            if (sharedIndices) {
                indices = liveIndices;
            } else {
                final int[] read = getIndices(buffer, firstSteps ? Double.BYTES : 2 * Double.BYTES, gaps);
                indices = Arrays.equals(read, liveIndices) ? liveIndices : read;
            }
            final double[][] mv = firstSteps
                    ? FirstStepMoments.read(buffer, indices.length)
                    : new double[][] {Doubles.getArray(buffer, indices.length), Doubles.getArray(buffer, indices.length)
                    };
            moments = SparseMoments.adopt(indices, mv[0], mv[1], buffer.getDouble(), buffer.getDouble(), header.t());
        }
        final SparseWeights against = version == VERSION ? live : null;
        final Checkpoint best = (flags & ModelStateSerde.BEST) != 0 ? getCheckpoint(buffer, gaps, against) : null;
        final Checkpoint frozen = (flags & ModelStateSerde.FROZEN) != 0
                ? getCheckpoint(buffer, gaps, best != null && against != null ? sparse(best) : against)
                : null;
        final ModelState state = header.state(
                (flags & ModelStateSerde.INTERCEPT) != 0,
                new Weights.Sparse(live),
                new LazyMoments(moments),
                best,
                frozen);
        return version == WITH_NAMES ? state.withNames(getNames(buffer)) : state;
    }

    /** The flags of {@code state} but {@link #SHARED_INDICES}. */
    static int flags(final ModelState state) {
        return (state.intercept() ? ModelStateSerde.INTERCEPT : 0)
                | (state.stopping().snapshot() != null ? ModelStateSerde.BEST : 0)
                | (state.frozen() != null ? ModelStateSerde.FROZEN : 0)
                | (state.drift().fired() ? ModelStateSerde.FIRED : 0);
    }

    private static SparseWeights sparse(final Checkpoint checkpoint) {
        return ((Weights.Sparse) checkpoint.weights()).weights();
    }

    private static int weightsBytes(final SparseWeights w) {
        return Integer.BYTES + IndexGaps.bytes(w::index, w.size()) + w.size() * Double.BYTES + Double.BYTES;
    }

    private static void putWeights(final ByteBuffer buffer, final SparseWeights w) {
        final int k = w.size();
        buffer.putInt(k);
        IndexGaps.put(buffer, w::index, k);
        final int at = buffer.position();
        w.putWeights(buffer.asDoubleBuffer());
        buffer.position(at + k * Double.BYTES);
        buffer.putDouble(w.bias());
    }

    private static SparseWeights getWeights(final ByteBuffer buffer, final boolean gaps) {
        final int[] indices = getIndices(buffer, Double.BYTES, gaps);
        final double[] weights = Doubles.getArray(buffer, indices.length);
        return SparseWeights.adopt(indices, weights, buffer.getDouble());
    }

    /**
     * Reads a count and that many indices, each entry followed later by {@code valueBytes} of its
     * values (checked to fit): as gaps in formats 7 and 6, as {@code int}s in formats 5 and 4.
     */
    private static int[] getIndices(final ByteBuffer buffer, final int valueBytes, final boolean gaps) {
        if (gaps) {
            return IndexGaps.get(buffer, count(buffer, 1 + valueBytes));
        }
        return getInts(buffer, count(buffer, Integer.BYTES + valueBytes));
    }

    /**
     * Reads a checkpoint: its weights against {@code reference} in format 8, as they are before it
     * ({@code reference} null).
     */
    private static Checkpoint getCheckpoint(
            final ByteBuffer buffer, final boolean gaps, final SparseWeights reference) {
        final SparseWeights weights =
                reference != null ? CheckpointWeights.read(buffer, reference) : getWeights(buffer, gaps);
        final long updates = buffer.getLong();
        return new Checkpoint(
                new Weights.Sparse(weights), updates, Doubles.getPosition(buffer, ModelStateSerde.VERSION));
    }

    private static FeatureNames getNames(final ByteBuffer buffer) {
        final int n = count(buffer, 2 * Integer.BYTES);
        if (n == 0) {
            return FeatureNames.NONE;
        }
        final int[] indices = new int[n];
        final List<List<String>> names = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            indices[k] = buffer.getInt();
            final int count = count(buffer, Integer.BYTES);
            final List<String> kept = new ArrayList<>(count);
            for (int j = 0; j < count; j++) {
                final byte[] text = new byte[count(buffer, 1)];
                buffer.get(text);
                kept.add(new String(text, StandardCharsets.UTF_8));
            }
            names.add(kept);
        }
        return FeatureNames.of(indices, names);
    }

    /** Reads a count of items of at least {@code itemBytes} each, checked to fit what is left. */
    private static int count(final ByteBuffer buffer, final int itemBytes) {
        final int n = buffer.getInt();
        if (n < 0 || (long) n * itemBytes > buffer.remaining()) {
            throw new IllegalArgumentException("a count of " + n + " does not fit the record");
        }
        return n;
    }

    private static int[] getInts(final ByteBuffer buffer, final int n) {
        final int[] values = new int[n];
        buffer.asIntBuffer().get(values);
        buffer.position(buffer.position() + n * Integer.BYTES);
        return values;
    }
}
