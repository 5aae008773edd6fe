package io.onlinelearner.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.onlinelearner.serde.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The {@code features} scenario's world: a shop whose records carry named features (the user's
 * plan and id in namespace {@code user}, the item's category in namespace {@code item}, and a
 * promotion flag) and the amount spent, {@code y}, from {@link #FORMULA} plus noise. The user id
 * does nothing: its weights should stay near 0. Pure: the random source is the caller's.
 */
final class Shop {

    /** The users' plans. */
    static final List<String> PLANS = List.of("free", "team", "pro");
    /** The items' categories. */
    static final List<String> CATEGORIES = List.of("books", "games", "music", "garden");
    /** Distinct user ids, {@code u0} … */
    static final int USERS = 10;
    /** What {@code y} is, as the narration shows it. */
    static final String FORMULA = "y = 1 + 2·promo + 1.5·[plan=pro] + 0.5·[plan=team] + [cat=books] + 0.5·[cat=games]"
            + " - [cat=garden] + 3·[plan=pro and cat=games] + noise";

    private static final double[] PLAN_EFFECT = {0.0, 0.5, 1.5};
    private static final double[] CATEGORY_EFFECT = {1.0, 0.5, 0.0, -1.0};
    private static final double PROMO_EFFECT = 2.0;
    private static final double PRO_GAMES_EFFECT = 3.0;

    private Shop() {}

    /**
     * One purchase: indices into {@link #PLANS} and {@link #CATEGORIES}, the promotion flag and the
     * user id.
     */
    record Visit(int plan, int category, boolean promo, String user) {

        /** A visit by name, e.g. {@code of("pro", "games", true, "u1")}. */
        static Visit of(final String plan, final String category, final boolean promo, final String user) {
            return new Visit(PLANS.indexOf(plan), CATEGORIES.indexOf(category), promo, user);
        }

        /** The expected amount spent, from {@link #FORMULA} without noise. */
        double spend() {
            final boolean proGames =
                    PLANS.get(plan).equals("pro") && CATEGORIES.get(category).equals("games");
            return 1.0
                    + (promo ? PROMO_EFFECT : 0.0)
                    + PLAN_EFFECT[plan]
                    + CATEGORY_EFFECT[category]
                    + (proGames ? PRO_GAMES_EFFECT : 0.0);
        }

        /** The {@code features} object, as JSON text. */
        String featuresJson() {
            return new String(JsonCodec.write(this::writeFeatures), StandardCharsets.UTF_8);
        }

        /** Writes the {@code features} object. */
        void writeFeatures(final JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeObjectFieldStart("user");
            g.writeStringField("plan", PLANS.get(plan));
            g.writeStringField("id", user);
            g.writeEndObject();
            g.writeObjectFieldStart("item");
            g.writeStringField("cat", CATEGORIES.get(category));
            g.writeEndObject();
            g.writeBooleanField("promo", promo);
            g.writeEndObject();
        }
    }

    /**
     * One record's value, {@code {"features": {...}, "y": ...}}, drawn from {@code random}, with
     * {@code noise} (a standard-normal draw) scaled by {@link DemoStream#NOISE}.
     */
    static byte[] record(final SplittableRandom random, final double noise) {
        final int plan = random.nextInt(PLANS.size());
        final int category = random.nextInt(CATEGORIES.size());
        final boolean promo = random.nextInt(4) == 0;
        final Visit visit = new Visit(plan, category, promo, "u" + random.nextInt(USERS));
        final double y = Math.round((visit.spend() + DemoStream.NOISE * noise) * 1e6) / 1e6;
        return JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeFieldName("features");
            visit.writeFeatures(g);
            g.writeNumberField("y", y);
            g.writeEndObject();
        });
    }
}
