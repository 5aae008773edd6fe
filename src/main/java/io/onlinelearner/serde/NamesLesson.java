package io.onlinelearner.serde;

import io.onlinelearner.model.HashedFeatures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one training record teaches a model's texts ({@link NamesFormat#learn}): each index of the
 * record that keeps fewer than {@code names-per-index} texts in the base and the recent texts
 * gets the record's texts it lacks, the first seen kept, as new entries of the recent texts;
 * an interaction's text as a reference when both its parts are kept as literals once the record's
 * texts are added ({@link Ordinals}). Works on the stored bytes in place ({@link NamesView}).
 */
final class NamesLesson {

    private static final byte[][] NO_TEXTS = new byte[0][];

    private NamesLesson() {}

    /**
     * The recent texts after {@code x}'s, for a model whose texts are {@code base} followed by
     * {@code recent}, both of this version ({@code current} is {@code recent} in this version):
     * {@code recent} itself (the same reference) when nothing is added.
     */
    static byte[] learn(
            final byte[] base, final byte[] recent, final byte[] current, final HashedFeatures x, final int perIndex) {
        final NamesView old = new NamesView(base);
        final NamesView view = new NamesView(current, old);
        final Ordinals ordinals = new Ordinals(x, old, view);
        final List<Taught> taught = taught(ordinals, perIndex);
        if (taught.isEmpty()) {
            return recent;
        }
        final List<NamesWriter.Added> added = new ArrayList<>(taught.size());
        for (final Taught t : taught) {
            added.add(t.added(ordinals));
        }
        return view.with(added);
    }

    /** What each index of the record teaches, in increasing index order; empty when nothing. */
    private static List<Taught> taught(final Ordinals ordinals, final int perIndex) {
        final HashedFeatures x = ordinals.x;
        final List<Taught> taught = new ArrayList<>();
        int fromOld = 0;
        int from = 0;
        for (int k = 0; k < x.size(); k++) {
            final int atOld = ordinals.old.find(x.index(k), fromOld);
            fromOld = atOld >= 0 ? atOld + 1 : -atOld - 1;
            final int at = ordinals.view.find(x.index(k), from);
            from = at >= 0 ? at + 1 : -at - 1;
            final int held = ordinals.old.count(atOld) + ordinals.view.count(at);
            if (held < perIndex) {
                final Taught t = taught(ordinals, atOld, at, held, k, perIndex);
                if (t != null) {
                    taught.add(t);
                }
            }
        }
        return taught;
    }

    /**
     * What {@code x}'s {@code k}-th index teaches, after the {@code held} texts of the base and the
     * recent texts at their positions {@code atOld} and {@code at}; null when nothing.
     */
    private static Taught taught(
            final Ordinals ordinals, final int atOld, final int at, final int held, final int k, final int perIndex) {
        final HashedFeatures x = ordinals.x;
        byte[][] texts = NO_TEXTS;
        int[] positions = new int[0];
        for (int t = 0; t < x.nameCount(k) && held + texts.length < perIndex; t++) {
            final byte[] text = x.name(k, t).getBytes(StandardCharsets.UTF_8);
            if (ordinals.held(atOld, at, k, t, text) || contains(texts, text)) {
                continue;
            }
            ordinals.taught(k, t, held + texts.length);
            texts = Arrays.copyOf(texts, texts.length + 1);
            texts[texts.length - 1] = text;
            positions = Arrays.copyOf(positions, positions.length + 1);
            positions[positions.length - 1] = t;
        }
        return texts.length == 0 ? null : new Taught(k, x.index(k), at, texts, positions);
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
     * The texts one index of a record teaches: {@code texts}, the {@code positions}-th of the
     * record's texts of its {@code k}-th index, which are at {@code at} in the recent texts
     * (negative: none there).
     */
    private record Taught(int k, int index, int at, byte[][] texts, int[] positions) {

        /** The entries to add, each a reference when both its parts are kept as literals after the record. */
        NamesWriter.Added added(final Ordinals ordinals) {
            final byte[][] entries = new byte[texts.length][];
            for (int i = 0; i < texts.length; i++) {
                entries[i] = entry(ordinals, positions[i], texts[i]);
            }
            final NamesView view = ordinals.view;
            final byte[] held = at >= 0 ? view.segment(at) : NamesFormat.NO_BYTES;
            return new NamesWriter.Added(index, at, held, view.count(at), NamesFormat.concat(entries), texts.length);
        }

        private byte[] entry(final Ordinals ordinals, final int t, final byte[] text) {
            final HashedFeatures x = ordinals.x;
            final int a = x.part(k, t, 0);
            final int b = x.part(k, t, 1);
            if (a >= 0 && b >= 0) {
                final int ordinalA = ordinals.after(a);
                final int ordinalB = ordinalA < 0 ? -1 : ordinals.after(b);
                if (ordinalB >= 0) {
                    return NamesFormat.reference(x.indexOfText(a), ordinalA, x.indexOfText(b), ordinalB);
                }
            }
            return NamesFormat.literal(text);
        }
    }

    /**
     * Where the model keeps each of a record's texts as a literal once the record's texts are added,
     * counting the base's texts of its index first, then the recent ones, then the record's; -1
     * when not as a literal. Found while the record's texts are checked ({@link #held}, {@link
     * #taught}), and otherwise searched on demand ({@link #after}). One per record.
     */
    private static final class Ordinals {

        private static final int UNKNOWN = Integer.MIN_VALUE;

        final HashedFeatures x;
        final NamesView old;
        final NamesView view;
        private final int[] ordinals;

        Ordinals(final HashedFeatures x, final NamesView old, final NamesView view) {
            this.x = x;
            this.old = old;
            this.view = view;
            this.ordinals = new int[x.textCount()];
            Arrays.fill(ordinals, UNKNOWN);
        }

        /** True when the model holds the {@code t}-th text of index {@code k}, noting where. */
        boolean held(final int atOld, final int at, final int k, final int t, final byte[] text) {
            if (atOld < 0 && at < 0) {
                return false;
            }
            final int a = x.part(k, t, 0);
            final int b = x.part(k, t, 1);
            final int indexA = a >= 0 ? x.indexOfText(a) : -1;
            final int indexB = b >= 0 ? x.indexOfText(b) : -1;
            final int position = x.textPosition(k, t);
            final int inOld = old.ordinal(atOld, text, indexA, indexB);
            if (inOld != NamesView.ABSENT) {
                ordinals[position] = Math.max(inOld, -1);
                return true;
            }
            final int inView = view.ordinal(at, text, indexA, indexB);
            if (inView != NamesView.ABSENT) {
                ordinals[position] = inView >= 0 ? old.count(atOld) + inView : -1;
                return true;
            }
            return false;
        }

        /** Notes that the record teaches the {@code t}-th text of index {@code k}, as the index's {@code ordinal}-th. */
        void taught(final int k, final int t, final int ordinal) {
            ordinals[x.textPosition(k, t)] = ordinal;
        }

        /** Where the text at {@code position} among the record's texts is kept as a literal after the record, or -1. */
        int after(final int position) {
            if (ordinals[position] == UNKNOWN) {
                final byte[] text = x.text(position).getBytes(StandardCharsets.UTF_8);
                final int index = x.indexOfText(position);
                final int atOld = old.find(index, 0);
                final int inOld = old.ordinal(atOld, text, -1, -1);
                final int inView = inOld == NamesView.ABSENT ? view.ordinal(view.find(index, 0), text, -1, -1) : -1;
                ordinals[position] = inOld >= 0 ? inOld : inView >= 0 ? old.count(atOld) + inView : -1;
            }
            return ordinals[position];
        }
    }
}
