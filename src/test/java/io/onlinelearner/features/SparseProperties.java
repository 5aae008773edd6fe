package io.onlinelearner.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.model.HashedFeatures;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The bulk merges of a record's new indices into a sorted layout: the union is the sorted set
 * union, the values keep their indices and are 0 at the new ones, and a record that brings no
 * new index returns the stored array itself.
 */
class SparseProperties {

    @Property(tries = 500)
    void mergesARecordsNewIndicesByRuns(
            @ForAll @Size(max = 60) final Set<@IntRange(min = 0, max = 200) Integer> stored,
            @ForAll @Size(max = 30) final Set<@IntRange(min = 0, max = 200) Integer> record) {
        final int[] indices =
                new TreeSet<>(stored).stream().mapToInt(Integer::intValue).toArray();
        final double[] values = new double[indices.length];
        for (int k = 0; k < values.length; k++) {
            values[k] = indices[k] + 0.5;
        }
        final int[] xs =
                new TreeSet<>(record).stream().mapToInt(Integer::intValue).toArray();
        final HashedFeatures x = HashedFeatures.of(xs, new double[xs.length]);
        final Sparse.Insertions fresh = Sparse.Insertions.of(indices, x);
        final TreeSet<Integer> all = new TreeSet<>(stored);
        all.addAll(record);
        final int[] union = fresh.union(indices);
        assertThat(union)
                .containsExactly(all.stream().mapToInt(Integer::intValue).toArray());
        assertThat(Sparse.union(indices, x)).isEqualTo(union);
        if (stored.containsAll(record)) {
            assertThat(union).isSameAs(indices);
            assertThat(fresh.isEmpty()).isTrue();
        }
        final double[] spread = fresh.spread(values);
        assertThat(spread).isNotSameAs(values).isEqualTo(Sparse.spread(indices, values, union));
        for (int k = 0; k < union.length; k++) {
            assertThat(spread[k]).isEqualTo(stored.contains(union[k]) ? union[k] + 0.5 : 0.0);
        }
    }
}
