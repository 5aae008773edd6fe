package io.onlinelearner.bench;

import io.onlinelearner.serde.JsonCodec;
import java.util.Random;

/**
 * Training values with named features for the hashed benchmark: 30 features per record, as the
 * issue asks. At the top level 9 numbers, 5 strings (categories of 5 to 200 values) and one
 * {@code true}; namespaces {@code user} (an id among 1,000, a plan among 3, a number) and
 * {@code item} (an id among 500, a category among 20, a price); with {@code user:item} the 9
 * crossings: 15 + 6 + 9 = 30. The label is linear in the numbers plus an effect of the plan and
 * noise, so that the learner does real work.
 */
public final class HashedRecords {

    /** The interactions the records are meant for. */
    public static final String INTERACTIONS = "user:item";
    /** Features per record, interactions included. */
    public static final int FEATURES = 30;

    private static final String[] PLANS = {"free", "pro", "team"};
    private static final int[] CARDINALITIES = {5, 12, 40, 100, 200};

    private HashedRecords() {}

    /** One JSON training value, as UTF-8 bytes. */
    public static byte[] trainingValue(final Random random) {
        final double[] numbers = new double[9];
        double y = 0.5;
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = random.nextGaussian();
            y += numbers[i] / (i + 1);
        }
        final int plan = random.nextInt(PLANS.length);
        y += plan - 1 + 0.1 * random.nextGaussian();
        final double label = y;
        return JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("features");
            for (int i = 0; i < numbers.length; i++) {
                g.writeNumberField("n" + i, numbers[i]);
            }
            for (int i = 0; i < CARDINALITIES.length; i++) {
                g.writeStringField("s" + i, "v" + random.nextInt(CARDINALITIES[i]));
            }
            g.writeBooleanField("mobile", true);
            g.writeObjectFieldStart("user");
            g.writeStringField("id", "u" + random.nextInt(1000));
            g.writeStringField("plan", PLANS[plan]);
            g.writeNumberField("tenure", 1 + random.nextDouble());
            g.writeEndObject();
            g.writeObjectFieldStart("item");
            g.writeStringField("id", "i" + random.nextInt(500));
            g.writeStringField("cat", "c" + random.nextInt(20));
            g.writeNumberField("price", 1 + 50 * random.nextDouble());
            g.writeEndObject();
            g.writeEndObject();
            g.writeNumberField("y", label);
            g.writeEndObject();
        });
    }
}
