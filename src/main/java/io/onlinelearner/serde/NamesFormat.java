package io.onlinelearner.serde;

import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.model.HashedFeatures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The feature texts of one hashed model as kept in their own store ({@code learner-feature-names}),
 * apart from the model's state, so that a record that teaches no text writes none. Layout
 * (big-endian):
 *
 * <pre>
 * byte    version (1)
 * int     n, the indices with texts
 * int[n]  the indices, increasing
 * int[n+1] where each index's texts start in the text area (the last: the area's length)
 * text area: per index, int count, then count × (int length, UTF-8 bytes)
 * </pre>
 *
 * A model's texts are two such values: a base, and the recent texts that follow it index by index
 * ({@link #learn}); once the recent ones grow past a bound that grows with the square root of the
 * base, they are merged into it ({@link #due}, {@link #merge}). A record that teaches a text so
 * rewrites the recent texts, not all of them. {@link #learn} works on the bytes directly: it finds
 * a record's indices by binary search and compares its texts as UTF-8 bytes, decoding nothing, and
 * builds the new value with bulk copies only when the record teaches a text. Base and recent
 * together keep exactly what {@link FeatureNames#seen} keeps.
 */
public final class NamesFormat {

    /** The version byte. */
    static final byte VERSION = 1;

    private static final byte[] NO_BYTES = new byte[0];
    private static final byte[][] NO_TEXTS = new byte[0][];
    /** The least size, in bytes, at which recent texts are merged into their base ({@link #due}). */
    static final int FOLD_BYTES = 1024;

    private NamesFormat() {}

    /**
     * The texts after {@code x}'s: {@code held} (null: none) with {@code x}'s texts added where an
     * index has fewer than {@code perIndex} and lacks the text, the first seen kept; {@code held}
     * itself (the same reference) when nothing is added. The same as {@link #learn(byte[], byte[],
     * HashedFeatures, int)} without a base.
     */
    public static byte[] learn(final byte[] held, final HashedFeatures x, final int perIndex) {
        return learn(null, held, x, perIndex);
    }

    /**
     * The recent texts after {@code x}'s, for a model whose texts are {@code base} followed, index
     * by index, by {@code recent} (either null: none): {@code recent} with the texts of {@code x}
     * that neither holds added where an index keeps fewer than {@code perIndex} in both, the first
     * seen kept; {@code recent} itself (the same reference) when nothing is added. {@code base} is
     * only read, so a record costs a copy of the recent texts, not of all of them.
     */
    public static byte[] learn(final byte[] base, final byte[] recent, final HashedFeatures x, final int perIndex) {
        if (!x.hasNames() || perIndex == 0 || x.size() == 0) {
            return recent;
        }
        final NamesView old = new NamesView(base);
        final NamesView view = new NamesView(recent);
        List<NamesView.Added> added = null;
        int fromOld = 0;
        int from = 0;
        for (int k = 0; k < x.size(); k++) {
            final int atOld = old.find(x.index(k), fromOld);
            fromOld = atOld >= 0 ? atOld + 1 : -atOld - 1;
            final int at = view.find(x.index(k), from);
            from = at >= 0 ? at + 1 : -at - 1;
            final int oldCount = atOld >= 0 ? old.count(atOld) : 0;
            final int count = at >= 0 ? view.count(at) : 0;
            if (oldCount + count >= perIndex) {
                continue;
            }
            final byte[][] more = more(old, atOld, view, at, oldCount + count, x, k, perIndex);
            if (more.length > 0) {
                if (added == null) {
                    added = new ArrayList<>();
                }
                added.add(new NamesView.Added(x.index(k), at, at >= 0 ? view.segment(at) : NO_BYTES, count, more));
            }
        }
        return added == null ? recent : view.with(added);
    }

    /**
     * The texts of {@code base} followed, index by index, by those of {@code recent} (either null:
     * none), in one value; {@code base} itself when {@code recent} is null, null when both are.
     */
    public static byte[] merge(final byte[] base, final byte[] recent) {
        if (recent == null) {
            return base;
        }
        final NamesView old = new NamesView(base);
        final NamesView view = new NamesView(recent);
        final List<NamesView.Added> added = new ArrayList<>(view.size());
        int from = 0;
        for (int k = 0; k < view.size(); k++) {
            final int at = old.find(view.index(k), from);
            from = at >= 0 ? at + 1 : -at - 1;
            final byte[] held = at >= 0 ? old.segment(at) : NO_BYTES;
            added.add(new NamesView.Added(view.index(k), at, held, at >= 0 ? old.count(at) : 0, view.texts(k)));
        }
        return old.with(added);
    }

    /**
     * True when {@code recent} texts (bytes; null: none) are due to be merged into their {@code
     * base}: once they exceed the geometric mean of {@value #FOLD_BYTES} bytes and the base (at least
     * {@value #FOLD_BYTES} bytes). Recent texts are rewritten at each record that teaches one and
     * the base at each merge, so this keeps the bytes written per record near the square root of
     * the base's size instead of the base's size.
     */
    public static boolean due(final byte[] base, final byte[] recent) {
        if (recent == null) {
            return false;
        }
        final double baseBytes = base == null ? 0 : base.length;
        return recent.length > Math.max(FOLD_BYTES, Math.sqrt(FOLD_BYTES * baseBytes));
    }

    /** The texts that {@code x}'s {@code k}-th index adds to those of {@code old} and {@code view} at their positions. */
    private static byte[][] more(
            final NamesView old,
            final int atOld,
            final NamesView view,
            final int at,
            final int count,
            final HashedFeatures x,
            final int k,
            final int perIndex) {
        byte[][] more = NO_TEXTS;
        for (int t = 0; t < x.nameCount(k) && count + more.length < perIndex; t++) {
            final byte[] text = x.name(k, t).getBytes(StandardCharsets.UTF_8);
            if (!old.holds(atOld, text) && !view.holds(at, text) && !contains(more, text)) {
                more = Arrays.copyOf(more, more.length + 1);
                more[more.length - 1] = text;
            }
        }
        return more;
    }

    /** True when {@code texts} holds {@code text}. */
    private static boolean contains(final byte[][] texts, final byte[] text) {
        for (final byte[] t : texts) {
            if (Arrays.equals(t, text)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A model's texts as its two stores hold them: the base and the recent texts that follow it
     * (either null: none). The bytes are never written after construction. Compare the {@link
     * #merged()} bytes, not these values: a record compares arrays by reference.
     *
     * @param base   the base texts, or null
     * @param recent the recent texts, or null
     */
    public record Texts(byte[] base, byte[] recent) {

        /** No texts. */
        public static final Texts NONE = new Texts(null, null);

        /**
         * The texts after {@code x}'s: its new texts added to the recent ones ({@link
         * NamesFormat#learn(byte[], byte[], HashedFeatures, int)}), which are merged into the base
         * when that makes them {@linkplain NamesFormat#due due}; this very value when {@code x}
         * teaches nothing.
         */
        public Texts learn(final HashedFeatures x, final int perIndex) {
            final byte[] learnt = NamesFormat.learn(base, recent, x, perIndex);
            if (learnt == recent) {
                return this;
            }
            return due(base, learnt) ? new Texts(merge(base, learnt), null) : new Texts(base, learnt);
        }

        /** All the texts in one value ({@link NamesFormat#merge}); null when there are none. */
        public byte[] merged() {
            return merge(base, recent);
        }
    }

    /** The bytes of {@code names}; null when it holds none. */
    public static byte[] encode(final FeatureNames names) {
        if (names.size() == 0) {
            return null;
        }
        final List<NamesView.Added> all = new ArrayList<>(names.size());
        for (int k = 0; k < names.size(); k++) {
            final byte[][] texts = names.namesAt(k).stream()
                    .map(s -> s.getBytes(StandardCharsets.UTF_8))
                    .toArray(byte[][]::new);
            all.add(new NamesView.Added(names.index(k), -1, NO_BYTES, 0, texts));
        }
        return new NamesView(null).with(all);
    }

    /**
     * The texts in {@code bytes}; {@link FeatureNames#NONE} for null.
     *
     * @throws IllegalArgumentException when the bytes are not of this format
     */
    public static FeatureNames decode(final byte[] bytes) {
        final NamesView view = new NamesView(bytes);
        final int[] indices = new int[view.size()];
        final List<List<String>> names = new ArrayList<>(view.size());
        for (int k = 0; k < view.size(); k++) {
            indices[k] = view.index(k);
            names.add(Arrays.stream(view.texts(k))
                    .map(b -> new String(b, StandardCharsets.UTF_8))
                    .toList());
        }
        return FeatureNames.of(indices, names);
    }

    /** The texts kept for {@code index} in {@code bytes} (null: none); empty when none. */
    public static List<String> names(final byte[] bytes, final int index) {
        final NamesView view = new NamesView(bytes);
        final int at = view.find(index, 0);
        return at < 0
                ? List.of()
                : Arrays.stream(view.texts(at))
                        .map(b -> new String(b, StandardCharsets.UTF_8))
                        .toList();
    }
}
