package io.onlinelearner.http;

import java.util.Comparator;

/**
 * The order of model ids in a listing: by Unicode code point, which is the order of their UTF-8
 * bytes and so the order in which each RocksDB store (and Kafka Streams' cache in front of it)
 * iterates its keys. {@link String#compareTo} differs from it for characters beyond U+FFFF.
 */
final class ModelIds {

    /** Code-point (UTF-8 byte) order. */
    static final Comparator<String> ORDER = ModelIds::compare;

    private ModelIds() {}

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
