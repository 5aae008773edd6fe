package io.onlinelearner.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.store.KeyOrder;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Pages read from sorted sources and merged, in model id order. */
class PageTest {

    private static List<Map.Entry<String, Integer>> entries(final String... ids) {
        return IntStream.range(0, ids.length)
                .mapToObj(i -> Map.entry(ids[i], i))
                .toList();
    }

    private static List<String> ids(final Page<?> page) {
        return page.items().stream().map(Map.Entry::getKey).toList();
    }

    /** An iterator counting the items taken from it. */
    private static final class Counting implements Iterator<Map.Entry<String, Integer>> {
        private final Iterator<Map.Entry<String, Integer>> items;
        private int taken;

        Counting(final List<Map.Entry<String, Integer>> items) {
            this.items = items.iterator();
        }

        @Override
        public boolean hasNext() {
            return items.hasNext();
        }

        @Override
        public Map.Entry<String, Integer> next() {
            taken++;
            return items.next();
        }
    }

    @Test
    void shouldTakeTheFirstItemsAfterTheGivenIdReadingOneMoreThanTheLimit() {
        final Counting sorted = new Counting(entries("b", "c", "d", "e", "f", "g"));
        final Page<Integer> page = Page.of(sorted, "b", 3);
        assertThat(ids(page)).containsExactly("c", "d", "e");
        assertThat(page.more()).isTrue();
        assertThat(page.lastId()).isEqualTo("e");
        assertThat(sorted.taken)
                .as("b (a store seeks to it), then c d e, then f to know more follow")
                .isEqualTo(5);
    }

    @Test
    void shouldSayNoMoreFollowOnTheLastPage() {
        final Page<Integer> page = Page.of(entries("a", "b", "c").iterator(), "a", 2);
        assertThat(ids(page)).containsExactly("b", "c");
        assertThat(page.more()).isFalse();
        assertThat(Page.of(entries("a").iterator(), "a", 2).items()).isEmpty();
        assertThat(Page.of(entries().iterator(), null, 2).lastId()).isNull();
    }

    @Test
    void shouldStartAfterAnIdThatIsNotThere() {
        assertThat(ids(Page.of(entries("a", "c", "e").iterator(), "b", 5))).containsExactly("c", "e");
    }

    @Test
    void shouldMergeSortedPartsKeepingTheFirstPartsItemOfAnIdSeenTwice() {
        final Page<Integer> first = new Page<>(List.of(Map.entry("a", 1), Map.entry("d", 1)), false);
        final Page<Integer> second = new Page<>(List.of(Map.entry("b", 2), Map.entry("d", 2)), false);
        final Page<Integer> merged = Page.merge(List.of(first, second), 10);
        assertThat(merged.items()).containsExactly(Map.entry("a", 1), Map.entry("b", 2), Map.entry("d", 1));
        assertThat(merged.more()).isFalse();
    }

    @Test
    void shouldSayMoreFollowWhenItemsAreLeftOutOrAPartHadMore() {
        final Page<Integer> full = new Page<>(entries("a", "c"), true);
        final Page<Integer> other = new Page<>(entries("b"), false);
        final Page<Integer> cut = Page.merge(List.of(full, other), 2);
        assertThat(ids(cut)).containsExactly("a", "b");
        assertThat(cut.more()).isTrue();
        final Page<Integer> whole = Page.merge(List.of(full), 2);
        assertThat(ids(whole)).containsExactly("a", "c");
        assertThat(whole.more()).as("the part had more than it gave").isTrue();
        assertThat(Page.merge(List.of(other), 2).more()).isFalse();
    }

    @Test
    void shouldOrderIdsByCodePointAsRocksDbOrdersTheirUtf8Bytes() {
        final String privateUse = "\uE000";
        final String beyondBmp = new String(Character.toChars(0x1F600));
        assertThat(privateUse.compareTo(beyondBmp)).as("UTF-16 order differs").isPositive();
        assertThat(KeyOrder.UTF8.compare(privateUse, beyondBmp)).isNegative();
        assertThat(KeyOrder.UTF8.compare("ab", "abc")).isNegative();
        assertThat(KeyOrder.UTF8.compare("b", "abc")).isPositive();
        assertThat(KeyOrder.UTF8.compare("abc", "abc")).isZero();
    }
}
