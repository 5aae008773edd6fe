package io.onlinelearner.serde;

import io.onlinelearner.stopping.Checkpoint;

/**
 * Where format 9 of the model state finds a dense model's frozen checkpoint ({@link
 * ModelStateSerde}): a stopped model is frozen either to its best snapshot (early stopping with
 * restore-best) or to its live parameters, and neither changes while it stays stopped, so the
 * frozen checkpoint is almost always one of them, bit for bit. Format 3 stores it a second time
 * (d + 1 doubles and its lineage, written again at every record the stopped model skips); format 9
 * stores one byte instead, and the checkpoint itself only when it is neither.
 */
final class FrozenSource {

    /** The frozen checkpoint follows, stored as in format 3. */
    static final byte STORED = 0;
    /** The frozen checkpoint is the best snapshot. */
    static final byte BEST = 1;
    /** The frozen checkpoint is the live one. */
    static final byte LIVE = 2;

    private FrozenSource() {}

    /** The byte for {@code frozen}, given the state's {@code best} snapshot (null: none) and {@code live} checkpoint. */
    static byte of(final Checkpoint frozen, final Checkpoint best, final Checkpoint live) {
        if (frozen.equals(best)) {
            return BEST;
        }
        return frozen.equals(live) ? LIVE : STORED;
    }

    /**
     * The frozen checkpoint that {@code source} names, or null when it is stored.
     *
     * @throws IllegalArgumentException for an unknown byte, or the best snapshot when there is none
     */
    static Checkpoint read(final byte source, final Checkpoint best, final Checkpoint live) {
        return switch (source) {
            case STORED -> null;
            case BEST -> {
                if (best == null) {
                    throw new IllegalArgumentException("a frozen checkpoint at the best snapshot, which is absent");
                }
                yield best;
            }
            case LIVE -> live;
            default -> throw new IllegalArgumentException("frozen checkpoint source " + source);
        };
    }
}
