package io.onlinelearner.features;

import java.util.ArrayList;
import java.util.List;

/**
 * One rule of {@code learner.features.interactions}: every feature of namespace {@code first}
 * crossed with every feature of namespace {@code second} ({@code ""} is the top level). When both
 * are the same namespace, each unordered pair of distinct features is crossed once.
 *
 * @param first  the namespace of the first factor
 * @param second the namespace of the second factor
 */
public record Interaction(String first, String second) {

    /** True for {@code a:a}: the pairs within one namespace. */
    public boolean withinOne() {
        return first.equals(second);
    }

    @Override
    public String toString() {
        return first + ":" + second;
    }

    /**
     * Parses {@code a:b,c:d} (spaces around items ignored); empty text is no rule.
     *
     * @return the rules in order, or null when an item is not {@code a:b} with one colon, or names a
     *     pair of namespaces another item names already ({@code b:a} as well as {@code a:b}: it
     *     would count every crossing twice)
     */
    public static List<Interaction> parseAll(final String text) {
        final List<Interaction> rules = new ArrayList<>();
        if (text.isBlank()) {
            return rules;
        }
        for (final String item : text.split(",", -1)) {
            final String[] sides = item.trim().split(":", -1);
            if (sides.length != 2) {
                return null;
            }
            final Interaction rule = new Interaction(sides[0].trim(), sides[1].trim());
            if (rules.contains(rule) || rules.contains(new Interaction(rule.second(), rule.first()))) {
                return null;
            }
            rules.add(rule);
        }
        return List.copyOf(rules);
    }
}
