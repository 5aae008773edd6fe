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
 * (big-endian), version 2:
 *
 * <pre>
 * byte    version (2)
 * int     n, the indices with texts
 * int[n]  the indices, increasing
 * int[n+1] where each index's entries start in the entry area (the last: the area's length)
 * entry area: per index, varint count, then count entries, each either
 *   varint 2·length, then the text's UTF-8 bytes          (a literal)
 *   varint 1, varint index a, varint ordinal a, varint index b, varint ordinal b   (a reference)
 * </pre>
 *
 * A reference is the text of an interaction, {@code text_a*text_b}, kept as the places of its two
 * parts: the {@code ordinal}-th text of {@code index} among the model's texts, each a literal. An
 * interaction's text is written so only when both parts are kept as literals (a part whose index
 * already keeps {@code names-per-index} other texts is not), and its bytes are otherwise the
 * literal; either way it reads back as the same text, so what is kept is exactly what {@link
 * FeatureNames#seen} keeps. In {@code bench --hashed} nine of a record's 30 features are crossings
 * of two namespaces, and their texts are most of a model's texts' bytes. Version 1 (every text a
 * literal, counts and lengths as {@code int}s) is still read: {@link #current} rewrites it in
 * version 2, and the next value written for the model is of version 2.
 *
 * <p>A model's texts are two such values: a base, and the recent texts that follow it index by index
 * ({@link #learn}); once the recent ones grow past a bound that grows with the square root of the
 * base, they are merged into it ({@link #due}, {@link #merge}). A reference in the recent texts
 * counts the base's texts of its index first, so a merge copies entries unchanged. A record that
 * teaches a text so rewrites the recent texts, not all of them. {@link #learn} works on the bytes
 * directly: it finds a record's indices by binary search and compares its texts as UTF-8 bytes,
 * decoding nothing, and builds the new value with bulk copies only when the record teaches a text.
 */
public final class NamesFormat {

    /** The version byte written. */
    static final byte VERSION = 2;
    /** The version byte of the first layout, read and rewritten ({@link #current}). */
    static final byte VERSION_1 = 1;

    /** No bytes. */
    static final byte[] NO_BYTES = new byte[0];
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
        return NamesLesson.learn(current(base), recent, current(recent), x, perIndex);
    }

    /**
     * The value of {@code bytes} (null: none) in this version: a value of version 1 is decoded and
     * encoded again (every text a literal); any other is returned as it is.
     */
    static byte[] current(final byte[] bytes) {
        return bytes != null && bytes.length > 0 && bytes[0] == VERSION_1 ? encode(NamesV1.decode(bytes)) : bytes;
    }

    /**
     * The texts of {@code base} followed, index by index, by those of {@code recent} (either null:
     * none), in one value; {@code base} itself when {@code recent} is null, null when both are.
     */
    public static byte[] merge(final byte[] base, final byte[] recent) {
        if (recent == null) {
            return base;
        }
        final NamesView old = new NamesView(current(base));
        final NamesView view = new NamesView(current(recent), old);
        final List<NamesWriter.Added> added = new ArrayList<>(view.size());
        int from = 0;
        for (int k = 0; k < view.size(); k++) {
            final int at = old.find(view.index(k), from);
            from = at >= 0 ? at + 1 : -at - 1;
            final byte[] held = at >= 0 ? old.segment(at) : NO_BYTES;
            added.add(new NamesWriter.Added(view.index(k), at, held, old.count(at), view.segment(k), view.count(k)));
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

    /** A literal entry: {@code text}'s length, doubled, then its bytes. */
    static byte[] literal(final byte[] text) {
        final byte[] out = new byte[Varints.bytes(2 * text.length) + text.length];
        final int p = Varints.put(out, 0, 2 * text.length);
        System.arraycopy(text, 0, out, p, text.length);
        return out;
    }

    /** A reference entry: 1, then the index and ordinal of each of the two parts. */
    static byte[] reference(final int indexA, final int ordinalA, final int indexB, final int ordinalB) {
        final byte[] out = new byte
                [1 + Varints.bytes(indexA) + Varints.bytes(ordinalA) + Varints.bytes(indexB) + Varints.bytes(ordinalB)];
        int p = Varints.put(out, 0, 1);
        p = Varints.put(out, p, indexA);
        p = Varints.put(out, p, ordinalA);
        p = Varints.put(out, p, indexB);
        Varints.put(out, p, ordinalB);
        return out;
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

    /** The bytes of {@code names}, every text a literal; null when it holds none. */
    public static byte[] encode(final FeatureNames names) {
        if (names.size() == 0) {
            return null;
        }
        final List<NamesWriter.Added> all = new ArrayList<>(names.size());
        for (int k = 0; k < names.size(); k++) {
            final byte[][] entries = names.namesAt(k).stream()
                    .map(text -> literal(text.getBytes(StandardCharsets.UTF_8)))
                    .toArray(byte[][]::new);
            all.add(new NamesWriter.Added(names.index(k), -1, NO_BYTES, 0, concat(entries), entries.length));
        }
        return new NamesView(null).with(all);
    }

    /** The arrays one after another in one; the array itself when there is one. */
    static byte[] concat(final byte[][] parts) {
        if (parts.length == 1) {
            return parts[0];
        }
        int size = 0;
        for (final byte[] part : parts) {
            size += part.length;
        }
        final byte[] out = new byte[size];
        int p = 0;
        for (final byte[] part : parts) {
            System.arraycopy(part, 0, out, p, part.length);
            p += part.length;
        }
        return out;
    }

    /**
     * The texts in {@code bytes} (of either version); {@link FeatureNames#NONE} for null.
     *
     * @throws IllegalArgumentException when the bytes are not of this format
     */
    public static FeatureNames decode(final byte[] bytes) {
        final NamesView view = new NamesView(current(bytes));
        final int[] indices = new int[view.size()];
        final List<List<String>> names = new ArrayList<>(view.size());
        for (int k = 0; k < view.size(); k++) {
            indices[k] = view.index(k);
            names.add(strings(view.texts(k)));
        }
        return FeatureNames.of(indices, names);
    }

    /** The texts kept for {@code index} in {@code bytes} (null: none); empty when none. */
    public static List<String> names(final byte[] bytes, final int index) {
        final NamesView view = new NamesView(current(bytes));
        final int at = view.find(index, 0);
        return at < 0 ? List.of() : strings(view.texts(at));
    }

    private static List<String> strings(final byte[][] texts) {
        return Arrays.stream(texts)
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .toList();
    }
}
