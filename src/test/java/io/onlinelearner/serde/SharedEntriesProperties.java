package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Any entries, many of them equal, some equal in {@code m} alone: every one reads back bit for bit,
 * and exactly as many are stored as a plain reading of the rule says (an index refers to the entry
 * of the first index with its {@code m} when its {@code θ} and {@code v} are the same too, and
 * stores its own otherwise).
 */
class SharedEntriesProperties {

    /**
     * Entries to draw from: 0, 1 and 5 share {@code m} (1 differs from 0 in {@code θ}, 5 in {@code
     * v}), and 3 and 4 share {@code m} and {@code v} ({@code θ} 0 and -0); 2 is a first step of c1 =
     * 0.1, c2 = 0.001.
     */
    private static final double[][] POOL = {
        {-0.5, 0.2, 0.04}, {0.25, 0.2, 0.04}, {1.5, 0.0 + 0.1 * (3.0 - 0.0), 0.0 + 0.001 * (9.0 - 0.0)},
        {0.0, 0.0, 0.0}, {-0.0, 0.0, 0.0}, {-0.5, 0.2, 0.05}
    };

    @Property(tries = 300)
    void readsEveryEntryBackAndStoresEachRepeatedOneOnce(
            @ForAll @Size(max = 80) final List<@IntRange(min = 0, max = 5) Integer> picks) {
        final int k = picks.size();
        final double[][] entries = new double[3][k];
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < 3; c++) {
                entries[c][j] = POOL[picks.get(j)][c];
            }
        }
        final SharedEntries.Plan plan =
                SharedEntries.plan(k, j -> entries[0][j], j -> entries[1][j], j -> entries[2][j], 0.1, 0.001);
        final ByteBuffer buffer = ByteBuffer.allocate(plan.bytes());
        plan.put(buffer);
        assertThat(buffer.flip().remaining()).isEqualTo(plan.bytes());
        assertThat(SharedEntries.read(buffer, k)).isEqualTo(entries);
        assertThat(plan.order()).hasSize(stored(picks));
    }

    /**
     * The entries stored, counted by the rule's words over the pool's picks: one for each first
     * index with its {@code m}, and one for each later index with that {@code m} and another entry.
     */
    private static int stored(final List<Integer> picks) {
        int stored = 0;
        for (int j = 0; j < picks.size(); j++) {
            final int first = firstWithM(picks, picks.get(j));
            if (first == j || !picks.get(first).equals(picks.get(j))) {
                stored++;
            }
        }
        return stored;
    }

    private static int firstWithM(final List<Integer> picks, final int pick) {
        for (int j = 0; ; j++) {
            if (Double.doubleToRawLongBits(POOL[picks.get(j)][1]) == Double.doubleToRawLongBits(POOL[pick][1])) {
                return j;
            }
        }
    }
}
