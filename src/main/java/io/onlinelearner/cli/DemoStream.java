package io.onlinelearner.cli;

import io.onlinelearner.cli.Scenario.Batch;
import io.onlinelearner.cli.Scenario.Concept;
import io.onlinelearner.cli.Scenario.Message;
import io.onlinelearner.cli.Scenario.Question;
import io.onlinelearner.serde.JsonCodec;
import io.onlinelearner.topology.Source;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The demo's synthetic records, deterministic for a seed: blocks of {@link #TRAIN_PER_BLOCK}
 * training records and then {@link #VALIDATION_PER_BLOCK} validation records (one round of the
 * demo's validation window), with standard-normal features and {@code y = w·x + b + noise}, and
 * prediction requests. Values are written by the learner's one JSON writer, with six decimals.
 */
final class DemoStream {

    /** Training records per block. */
    static final int TRAIN_PER_BLOCK = 50;
    /** Validation records per block: one round of the demo's validation window. */
    static final int VALIDATION_PER_BLOCK = 50;
    /** The standard deviation of the label noise. */
    static final double NOISE = 0.1;
    /** Prediction requests per block of the {@code labels} scenario: half their labels train, half validate. */
    static final int REQUESTS_PER_BLOCK = TRAIN_PER_BLOCK + VALIDATION_PER_BLOCK;

    private final SplittableRandom random;
    private List<Message> owed = List.of();

    /** A stream drawn from {@code seed}. */
    DemoStream(final long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * Up to {@code count} blocks, each drawn only when taken: block {@code i} is
     * {@code block.apply(i)}.
     */
    static Iterator<Batch> blocks(final int count, final IntFunction<Batch> block) {
        return new Iterator<>() {
            private int taken;

            @Override
            public boolean hasNext() {
                return taken < count;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return block.apply(taken++);
            }
        };
    }

    /**
     * The next block: training records of {@code concept} with their labels multiplied by
     * {@code trainLabelSign}, then clean validation records of {@code concept}.
     */
    Batch block(final String narration, final String note, final Concept concept, final double trainLabelSign) {
        final List<Message> messages = new ArrayList<>(TRAIN_PER_BLOCK + VALIDATION_PER_BLOCK);
        for (int i = 0; i < TRAIN_PER_BLOCK; i++) {
            messages.add(example(Source.TRAIN, concept, trainLabelSign));
        }
        for (int i = 0; i < VALIDATION_PER_BLOCK; i++) {
            messages.add(example(Source.VALIDATION, concept, 1.0));
        }
        return new Batch(narration, note, messages);
    }

    /** One request on {@code predict} per row of {@code xs}, with ids 0, 1, …, answered against {@code truth}. */
    static Batch questions(final String narration, final double[][] xs, final Concept truth) {
        final List<Message> messages = new ArrayList<>(xs.length);
        for (int i = 0; i < xs.length; i++) {
            final double[] x = xs[i];
            final int id = i;
            final byte[] value = JsonCodec.write(g -> {
                g.writeStartObject();
                g.writeFieldName("x");
                g.writeArray(x, 0, x.length);
                g.writeNumberField("id", id);
                g.writeEndObject();
            });
            messages.add(new Message(
                    Source.PREDICT, value, new Question(Integer.toString(id), "x " + Arrays.toString(x), truth.at(x))));
        }
        return new Batch(narration, "", messages);
    }

    /**
     * The next block of the {@code features} scenario: {@link #TRAIN_PER_BLOCK} training and then
     * {@link #VALIDATION_PER_BLOCK} validation records of the {@link Shop}, with named features.
     */
    Batch shopBlock(final String note) {
        final List<Message> messages = new ArrayList<>(TRAIN_PER_BLOCK + VALIDATION_PER_BLOCK);
        for (int i = 0; i < TRAIN_PER_BLOCK + VALIDATION_PER_BLOCK; i++) {
            final Source source = i < TRAIN_PER_BLOCK ? Source.TRAIN : Source.VALIDATION;
            messages.add(new Message(source, Shop.record(random, gaussian()), null));
        }
        return new Batch("", note, messages);
    }

    /**
     * One request on {@code predict} per visit, with ids 0, 1, …, shown as its features and
     * answered against the amount it spends without noise.
     */
    static Batch namedQuestions(final String narration, final List<Shop.Visit> visits) {
        final List<Message> messages = new ArrayList<>(visits.size());
        for (int i = 0; i < visits.size(); i++) {
            final Shop.Visit visit = visits.get(i);
            final String features = visit.featuresJson();
            final String json = "{\"features\":" + features + ",\"id\":" + i + "}";
            messages.add(new Message(
                    Source.PREDICT,
                    json.getBytes(StandardCharsets.UTF_8),
                    new Question(Integer.toString(i), features, visit.spend())));
        }
        return new Batch(narration, "", messages);
    }

    /**
     * Block {@code block}'s prediction requests of {@code concept}, with ids {@code "block-i"}: their
     * labels are owed until {@link #labels}, and forgotten (never sent) once the next requests are drawn.
     */
    Batch requests(final String narration, final int block, final Concept concept) {
        final List<Message> messages = new ArrayList<>(REQUESTS_PER_BLOCK);
        final List<Message> labels = new ArrayList<>(REQUESTS_PER_BLOCK);
        for (int i = 0; i < REQUESTS_PER_BLOCK; i++) {
            final double[] x = features(concept.weights().length);
            final String id = block + "-" + i;
            messages.add(new Message(Source.PREDICT, request(x, id), null));
            labels.add(label(id, sixDecimals(concept.at(x) + NOISE * gaussian())));
        }
        owed = labels;
        return new Batch(narration, "", messages);
    }

    /**
     * Requests the narration follows, one per row of {@code xs}, with ids {@code "q1"}, {@code "q2"},
     * …; their noisy labels of {@code truth} are owed until {@link #labels}.
     */
    Batch followed(final String narration, final double[][] xs, final Concept truth) {
        final List<Message> messages = new ArrayList<>(xs.length);
        final List<Message> labels = new ArrayList<>(xs.length);
        for (int i = 0; i < xs.length; i++) {
            final String id = "q" + (i + 1);
            messages.add(new Message(
                    Source.PREDICT,
                    request(xs[i], id),
                    new Question("\"" + id + "\"", "x " + Arrays.toString(xs[i]), truth.at(xs[i]))));
            labels.add(label(id, sixDecimals(truth.at(xs[i]) + NOISE * gaussian())));
        }
        owed = labels;
        return new Batch(narration, "", messages);
    }

    /** The labels owed for the last requests drawn, on {@code labels}, {@code gapMs} after them. */
    Batch labels(final String narration, final String note, final long gapMs) {
        final Batch batch = new Batch(narration, note, owed, gapMs);
        owed = List.of();
        return batch;
    }

    private static byte[] request(final double[] x, final String id) {
        return JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeFieldName("x");
            g.writeArray(x, 0, x.length);
            g.writeStringField("id", id);
            g.writeEndObject();
        });
    }

    private static Message label(final String id, final double y) {
        return new Message(
                Source.LABELS,
                JsonCodec.write(g -> {
                    g.writeStartObject();
                    g.writeStringField("id", id);
                    g.writeNumberField("y", y);
                    g.writeEndObject();
                }),
                null);
    }

    private double[] features(final int d) {
        final double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = sixDecimals(gaussian());
        }
        return x;
    }

    private Message example(final Source source, final Concept concept, final double labelSign) {
        final double noise = NOISE * gaussian();
        final double[] raw = new double[concept.weights().length];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = gaussian();
        }
        final double y = sixDecimals(labelSign * (concept.at(raw) + noise));
        final double[] x = Arrays.stream(raw).map(DemoStream::sixDecimals).toArray();
        final byte[] value = JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeFieldName("x");
            g.writeArray(x, 0, x.length);
            g.writeNumberField("y", y);
            g.writeEndObject();
        });
        return new Message(source, value, null);
    }

    private static double sixDecimals(final double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    private double gaussian() {
        final double u = 1.0 - random.nextDouble();
        final double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }
}
