package io.onlinelearner.serde;

import io.onlinelearner.drift.PageHinkleyState;
import io.onlinelearner.learner.AdamMoments;
import io.onlinelearner.learner.Counters;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.RoundState;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.TrainingTopic;
import io.onlinelearner.schedule.PlateauState;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.StoppingState;
import io.onlinelearner.stopping.Weights;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The compact, versioned binary form of {@link ModelState} kept in the state store and its
 * changelog. It writes format 3 for a dense model (format 9 when it has a frozen checkpoint) and
 * format 8 ({@link HashedFormat}) for a hashed one, and reads formats 1 ({@link Format1}) to 9.
 * Layout of format 3
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
 * where n = d + 1 with an intercept, else d. Format 9 is format 3 in which the frozen checkpoint
 * (flag 8) is one byte ({@link FrozenSource}: 1 the best snapshot, 2 the live checkpoint) or the
 * byte 0 followed by the checkpoint as format 3 stores it. Format 2 is the same as format 3 without
 * a position's topic byte (its positions are all on {@code train}) and without {@code
 * nonFiniteLosses} (read as 0). A value of another version is refused with a {@link
 * SerializationException} that names it: state is never guessed.
 */
public final class ModelStateSerde implements Serde<ModelState>, Serializer<ModelState>, Deserializer<ModelState> {

    /**
     * The version this code writes for a dense model without a frozen checkpoint (with one, format
     * 9; a hashed model is written in format 8, {@link HashedFormat}).
     */
    public static final byte VERSION = 3;

    static final int INTERCEPT = 1;
    static final int AMSGRAD = 2;
    static final int BEST = 4;
    static final int FROZEN = 8;
    static final int FIRED = 16;
    /** The bytes of the version, the flags and the header ({@link #putHeader}). */
    static final int HEADER_BYTES = 2
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

    private final double format1Lr;
    private final double oneMinusBeta1;
    private final double oneMinusBeta2;

    /**
     * A serde that gives format-1 values (stored before models had a rate of their own) the
     * configured {@code lr}, and stores every moment of a hashed model as it is.
     */
    public ModelStateSerde(final double format1Lr) {
        this(format1Lr, Double.NaN, Double.NaN);
    }

    /**
     * A serde that gives format-1 values the configured {@code lr}, and stores a hashed model's
     * moments that one step from zero gave with Adam's {@code beta1} and {@code beta2} as their
     * gradient ({@link FirstStepMoments}): the learner's store, whose models step with them.
     */
    public ModelStateSerde(final double format1Lr, final double beta1, final double beta2) {
        this.format1Lr = format1Lr;
        this.oneMinusBeta1 = 1 - beta1;
        this.oneMinusBeta2 = 1 - beta2;
    }

    @Override
    public byte[] serialize(final String topic, final ModelState state) {
        if (state == null) {
            return null;
        }
        if (state.live().weights() instanceof Weights.Sparse) {
            return HashedFormat.write(state, oneMinusBeta1, oneMinusBeta2);
        }
        return DenseFormat.write(state);
    }

    /**
     * Writes what every format from 3 on stores alike after the version and flags: the scalars of
     * the state, from {@code features} to {@code nonFiniteLosses}.
     */
    static void putHeader(final ByteBuffer buffer, final ModelState state) {
        buffer.putInt(state.features())
                .putDouble(state.lr())
                .putLong(state.generation())
                .putLong(state.moments().t())
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
                case DenseFormat.FORMAT_2, VERSION, DenseFormat.FROZEN_BY_REFERENCE ->
                    DenseFormat.read(buffer, version);
                case HashedFormat.WITH_NAMES,
                        HashedFormat.INT_INDICES,
                        HashedFormat.PLAIN_MOMENTS,
                        HashedFormat.FIRST_STEP_MOMENTS,
                        HashedFormat.VERSION -> HashedFormat.read(buffer, version);
                default ->
                    throw new SerializationException("model state has format version " + version
                            + ", this learner reads only versions " + Format1.VERSION + " to "
                            + DenseFormat.FROZEN_BY_REFERENCE);
            };
            if (buffer.hasRemaining()) {
                throw new IllegalArgumentException(buffer.remaining() + " trailing bytes");
            }
            return state;
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializationException("corrupt model state (" + bytes.length + " bytes): " + e, e);
        }
    }

    /**
     * The scalars that formats 2, 3 and 4 store alike after the version and flags (format 2 without
     * a position's topic and without {@code nonFiniteLosses}): one component per field, in order,
     * as {@link #putHeader} writes them.
     */
    record Header(
            int features,
            double lr,
            long generation,
            long t,
            long updates,
            Position trainedThrough,
            RoundState round,
            int waited,
            double best,
            int bestRound,
            PlateauState plateau,
            PageHinkleyState drift,
            Counters counters) {

        /** Reads the header of a value of {@code version} whose flags were {@code flags}. */
        static Header read(final ByteBuffer buffer, final byte version, final int flags) {
            return new Header(
                    buffer.getInt(),
                    buffer.getDouble(),
                    buffer.getLong(),
                    buffer.getLong(),
                    buffer.getLong(),
                    Doubles.getPosition(buffer, version),
                    new RoundState(
                            buffer.getInt(), buffer.getInt(), buffer.getDouble(), buffer.getDouble(), buffer.getInt()),
                    buffer.getInt(),
                    buffer.getDouble(),
                    buffer.getInt(),
                    new PlateauState(buffer.getDouble(), buffer.getInt(), buffer.getInt()),
                    new PageHinkleyState(
                            buffer.getLong(), buffer.getDouble(), buffer.getDouble(), (flags & FIRED) != 0),
                    new Counters(buffer.getLong(), buffer.getDouble(), version >= VERSION ? buffer.getLong() : 0L));
        }

        /** The state with these scalars and the given parameters and moments. */
        ModelState state(
                final boolean intercept,
                final Weights live,
                final AdamMoments moments,
                final Checkpoint snapshot,
                final Checkpoint frozen) {
            return ModelState.of(features, intercept, new Checkpoint(live, updates, trainedThrough), moments, lr)
                    .withRound(round)
                    .withStopping(new StoppingState(waited, best, bestRound, snapshot))
                    .withFrozen(frozen)
                    .withPlateau(plateau)
                    .withDrift(drift)
                    .withGeneration(generation)
                    .withCounters(counters);
        }
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
