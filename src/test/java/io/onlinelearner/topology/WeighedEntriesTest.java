package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values held against a bound, least recently used first, each weighing its length here. */
class WeighedEntriesTest {

    private final HeldBound bound = new HeldBound(10);
    private final WeighedEntries<String> entries = new WeighedEntries<>(bound, String::length);

    @Test
    void shouldCountEveryChangeOfWeightAgainstTheBound() {
        entries.put("a", "xxx");
        entries.put("b", "yy");
        entries.put("a", "x");
        assertThat(entries.weight()).isEqualTo(3);
        assertThat(bound.weight()).isEqualTo(3);
        assertThat(entries.remove("b")).isEqualTo("yy");
        assertThat(entries.remove("b")).isNull();
        assertThat(bound.weight()).isEqualTo(1);
        entries.clear();
        assertThat(bound.weight()).isZero();
        assertThat(entries.size()).isZero();
        assertThat(entries.eldest()).isNull();
    }

    @Test
    void shouldLetGoOfTheLeastRecentlyUsedAboveAShareWhileTheBoundIsOver() {
        entries.put("a", "xxxx");
        entries.put("b", "xxxx");
        entries.put("c", "xxxx");
        entries.get("a");
        assertThat(entries.eldest()).isEqualTo(Map.entry("b", "xxxx"));
        entries.evictWhileOver(4);
        assertThat(entries.entries())
                .as("over the bound of 10: b goes, then within it at 8")
                .containsExactly(Map.entry("c", "xxxx"), Map.entry("a", "xxxx"));
        bound.add(5);
        entries.evictWhileOver(8);
        assertThat(entries.size())
                .as("at its share: nothing goes, however over")
                .isEqualTo(2);
        entries.evictWhileOver(0);
        assertThat(entries.entries()).containsExactly(Map.entry("a", "xxxx"));
        assertThat(bound.weight()).as("within the bound again: 4 + 5 others").isEqualTo(9);
    }
}
