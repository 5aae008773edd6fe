package io.onlinelearner.serde;

import io.onlinelearner.drift.PageHinkleyState;
import io.onlinelearner.learner.Counters;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Moments;
import io.onlinelearner.learner.RoundState;
import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.TrainingTopic;
import io.onlinelearner.schedule.PlateauState;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.StoppingState;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The compact, versioned binary form of {@link ModelState} kept in the state store and its
 * changelog. It writes format 3 and reads formats 1 ({@link Format1}), 2 and 3. Layout of format 3
 * (big-endian; a position is byte topic ({@link TrainingTopic}'s ordinal, -1 for none), int
 * partition and long offset):
 *
 * <pre>
 * byte    version (3)
 * byte    flags: 1 intercept, 2 AMSGrad moment present, 4 best snapshot present, 8 frozen, 16 drift fired
 * int     features d        double lr            long  generation
 * long    Adam's t          long  live updates   position live trainedThrough
 * int     next round        int   roundCount     double roundSum   double lastRoundLoss   int roundsSinceStart
 * int     wait              double best          int   bestRound
 * double  plateau best      int   plateau wait   int   plateau cooldownCounter
 * long    drift n           double drift mean    double drift sum
 * long    skipped           double trainLoss     long  nonFiniteLosses
 * double[n] θ, m, v, [vmax]
 * [best snapshot: double[n] θ, long updates, position]   [frozen: double[n] θ, long updates, position]
 * </pre>
 *
 * where n = d + 1 with an intercept, else d. Format 2 is the same without a position's topic byte
 * (its positions are all on {@code train}) and without {@code nonFiniteLosses} (read as 0). A
 * value of another version is refused with a {@link SerializationException} that names it: state
 * is never guessed.
 */
public final class ModelStateSerde implements Serde<ModelState>, Serializer<ModelState>, Deserializer<ModelState> {

    /** The version this code writes. */
    public static final byte VERSION = 3;

    private static final byte FORMAT_2 = 2;
    private static final int INTERCEPT = 1;
    private static final int AMSGRAD = 2;
    private static final int BEST = 4;
    private static final int FROZEN = 8;
    private static final int FIRED = 16;
    private static final int HEADER_BYTES = 2
            + 4
            + 8
            + 8
            + 8
            + 8
            + Doubles.POSITION_BYTES
            + 4
            + 4
            + 8
            + 8
            + 4
            + 4
            + 8
            + 4
            + 8
            + 4
            + 4
            + 8
            + 8
            + 8
            + 8
            + 8
            + 8;
    private static final int CHECKPOINT_EXTRA = Long.BYTES + Doubles.POSITION_BYTES;

    private final double format1Lr;

    /** A serde that gives format-1 values (stored before models had a rate of their own) the configured {@code lr}. */
    public ModelStateSerde(final double format1Lr) {
        this.format1Lr = format1Lr;
    }

    @Override
    public byte[] serialize(final String topic, final ModelState state) {
        if (state == null) {
            return null;
        }
        final int n = state.live().theta().length();
        final Moments adam = state.moments();
        final Checkpoint best = state.stopping().snapshot();
        final int checkpoints = (best != null ? 1 : 0) + (state.frozen() != null ? 1 : 0);
        final int arrays = 3 + (adam.vmax().length() > 0 ? 1 : 0) + checkpoints;
        final ByteBuffer buffer =
                ByteBuffer.allocate(HEADER_BYTES + arrays * n * Double.BYTES + checkpoints * CHECKPOINT_EXTRA);
        buffer.put(VERSION)
                .put((byte) flags(state))
                .putInt(state.features())
                .putDouble(state.lr())
                .putLong(state.generation())
                .putLong(adam.t())
                .putLong(state.live().updates());
        Doubles.put(buffer, state.live().trainedThrough());
        final RoundState round = state.round();
        buffer.putInt(round.next())
                .putInt(round.count())
                .putDouble(round.sum())
                .putDouble(round.lastLoss())
                .putInt(round.sinceStart());
        final StoppingState stopping = state.stopping();
        buffer.putInt(stopping.waited()).putDouble(stopping.best()).putInt(stopping.bestRound());
        final PlateauState plateau = state.plateau();
        buffer.putDouble(plateau.best()).putInt(plateau.waited()).putInt(plateau.cooldownCounter());
        final PageHinkleyState drift = state.drift();
        buffer.putLong(drift.n()).putDouble(drift.mean()).putDouble(drift.sum());
        final Counters counters = state.counters();
        buffer.putLong(counters.skipped()).putDouble(counters.trainLoss()).putLong(counters.nonFiniteLosses());
        Doubles.put(buffer, state.live().theta());
        Doubles.put(buffer, adam.m());
        Doubles.put(buffer, adam.v());
        Doubles.put(buffer, adam.vmax());
        Doubles.put(buffer, best);
        Doubles.put(buffer, state.frozen());
        return buffer.array();
    }

    @Override
    public ModelState deserialize(final String topic, final byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            final ByteBuffer buffer = ByteBuffer.wrap(bytes);
            final byte version = buffer.get();
            final ModelState state = switch (version) {
                case Format1.VERSION -> Format1.read(buffer, format1Lr);
                case FORMAT_2, VERSION -> read(buffer, version);
                default ->
                    throw new SerializationException("model state has format version " + version
                            + ", this learner reads only versions " + Format1.VERSION + " to " + VERSION);
            };
            if (buffer.hasRemaining()) {
                throw new IllegalArgumentException(buffer.remaining() + " trailing bytes");
            }
            return state;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new SerializationException("corrupt model state (" + bytes.length + " bytes): " + e.getMessage(), e);
        }
    }

    /** Reads the rest of a value of format 2 or 3, after its version byte. */
    private static ModelState read(final ByteBuffer buffer, final byte version) {
        final int flags = buffer.get();
        final int features = buffer.getInt();
        final double lr = buffer.getDouble();
        final long generation = buffer.getLong();
        final long t = buffer.getLong();
        final long updates = buffer.getLong();
        final Position trainedThrough = Doubles.getPosition(buffer, version);
        final RoundState round = new RoundState(
                buffer.getInt(), buffer.getInt(), buffer.getDouble(), buffer.getDouble(), buffer.getInt());
        final int wait = buffer.getInt();
        final double best = buffer.getDouble();
        final int bestRound = buffer.getInt();
        final PlateauState plateau = new PlateauState(buffer.getDouble(), buffer.getInt(), buffer.getInt());
        final PageHinkleyState drift =
                new PageHinkleyState(buffer.getLong(), buffer.getDouble(), buffer.getDouble(), (flags & FIRED) != 0);
        final Counters counters =
                new Counters(buffer.getLong(), buffer.getDouble(), version >= VERSION ? buffer.getLong() : 0L);
        final boolean intercept = (flags & INTERCEPT) != 0;
        final int n = Doubles.parameterCount(buffer, features, intercept);
        final DoubleVector theta = Doubles.get(buffer, n);
        final Moments moments = Doubles.getMoments(buffer, n, (flags & AMSGRAD) != 0, t);
        final Checkpoint snapshot = (flags & BEST) != 0 ? Doubles.getCheckpoint(buffer, n, version) : null;
        final Checkpoint frozen = (flags & FROZEN) != 0 ? Doubles.getCheckpoint(buffer, n, version) : null;
        return ModelState.of(features, intercept, new Checkpoint(theta, updates, trainedThrough), moments, lr)
                .withRound(round)
                .withStopping(new StoppingState(wait, best, bestRound, snapshot))
                .withFrozen(frozen)
                .withPlateau(plateau)
                .withDrift(drift)
                .withGeneration(generation)
                .withCounters(counters);
    }

    private static int flags(final ModelState state) {
        return (state.intercept() ? INTERCEPT : 0)
                | (state.moments().vmax().length() > 0 ? AMSGRAD : 0)
                | (state.stopping().snapshot() != null ? BEST : 0)
                | (state.frozen() != null ? FROZEN : 0)
                | (state.drift().fired() ? FIRED : 0);
    }

    @Override
    public Serializer<ModelState> serializer() {
        return this;
    }

    @Override
    public Deserializer<ModelState> deserializer() {
        return this;
    }

    @Override
    public void configure(final java.util.Map<String, ?> configs, final boolean isKey) {
        // nothing to configure
    }

    @Override
    public void close() {
        // stateless
    }
}
