package io.onlinelearner.store;

import java.util.Comparator;

/**
 * The order of the stores' model-id keys: by Unicode code point, which is the order of their UTF-8
 * bytes (for ids decoded from keys, which hold no lone surrogate) and so the order in which each
 * RocksDB store, and Kafka Streams' cache in front of it, iterates them; listings merge partitions
 * in it. {@link String#compareTo} differs from it for characters beyond U+FFFF.
 */
public final class KeyOrder {

    /** Code-point (UTF-8 byte) order, without encoding either id. */
    public static final Comparator<String> UTF8 = KeyOrder::compare;

    private KeyOrder() {}

    private static int compare(final String a, final String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            final int x = a.codePointAt(i);
            final int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
