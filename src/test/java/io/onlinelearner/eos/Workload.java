package io.onlinelearner.eos;

import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.topology.Source;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.utils.Utils;

/**
 * A deterministic stream of records on all five inputs for several models, in one global order
 * whose record timestamps strictly increase. The learner merges a task's four input partitions by
 * timestamp, and the child runs with a large {@code max.task.idle.ms} so that it never processes
 * while one input is empty; together these make the order in which the learner handles one
 * model's records exactly this list's order, whatever the timing of producers, crashes and
 * rebalances. That is what lets a replay through the core predict every output exactly.
 *
 * <p>Each model gets {@code blocks} blocks of {@code trainPerBlock} training records followed by
 * {@code window} validation records, so every block closes one validation round. Validation
 * labels are always clean; for every third model the training labels drift (flip sign) halfway,
 * so its validation loss rises (the plateau schedule lowers its rate, then early stopping fires)
 * and its training losses fire the drift detector, which resets it. Every {@value #FILLER_EVERY}
 * training records of each model come a prediction request per model and a command per
 * partition to an idle key that has no state (answered {@code IGNORED}); each request has an id,
 * and the labels of {@link WorkloadLabels} come before the step's requests (most join, some are
 * held out, some must be dead-lettered as {@code unknown-prediction}): every partition of
 * {@code predict}, {@code commands} and {@code labels} then always has a record within reach, so
 * that the merge never idles. A few scripted commands act on the first three models ({@link #COMMANDS}: set-lr,
 * stop, resume from best and from last, reset, a resume of a training model that is
 * {@code IGNORED}, a malformed one). After each block's training records, one model in
 * {@value #BAD_EVERY} gets a bad training record (not JSON), one a bad prediction request and one
 * a bad validation record (both of the wrong dimension): the learner must dead-letter each
 * exactly once, with its reason, and none changes anything. The stream ends with one
 * end-of-stream record (bad too) on every partition of every input, train first: it carries the
 * largest timestamps and lets the learner process every real record without idling.
 *
 * <p>One visitor per partition trains at each filler point of a block's training records, then is
 * silent until the next block's: longer than the idle ttl of {@link EosSettings}, so the learner
 * evicts it between blocks (last snapshot, {@code EVICTED}; after the last block, at the
 * end-of-stream record) and each block's first visit starts a new model.
 *
 * <p>{@link #crashTest} is the workload of the crash test, which {@code WorkloadTest} checks.
 *
 * @param partitions the partition count of the inputs
 * @param models     the model ids, spread evenly over the partitions
 * @param records    every record, in timestamp order, end-of-stream records last
 */
record Workload(int partitions, List<String> models, List<Input> records) {

    /** The key of the end-of-stream records. */
    static final String END_KEY = "end-of-stream";

    static final int FEATURES = 3;
    /** The reason of each input's end-of-stream record ({@code "end"}): not JSON, and not a command. */
    static final Map<Source, String> END_REASONS = Map.of(
            Source.TRAIN, RejectionReason.NOT_JSON.code(),
            Source.VALIDATION, RejectionReason.NOT_JSON.code(),
            Source.PREDICT, RejectionReason.NOT_JSON.code(),
            Source.COMMANDS, RejectionReason.BAD_COMMAND.code(),
            Source.LABELS, RejectionReason.NOT_JSON.code());
    /** One model in this many gets a bad training record per block. */
    static final int BAD_EVERY = 5;
    /** A prediction request per model and an idle command per partition every this many training records. */
    static final int FILLER_EVERY = 10;
    /** The command to idle keys: a model with no state ignores it. */
    static final String IDLE_COMMAND = "{\"command\": \"stop\"}";
    /** The malformed command among {@link #COMMANDS}. */
    static final String BAD_COMMAND = "{\"command\": \"pause\"}";
    /** The scripted commands by block: model index, then value. */
    static final Map<Integer, List<Map.Entry<Integer, String>>> COMMANDS = Map.of(
            1,
            List.of(
                    Map.entry(0, "{\"command\": \"set-lr\", \"lr\": 0.02}"),
                    Map.entry(1, "{\"command\": \"resume\", \"from\": \"last\"}")),
            2,
            List.of(Map.entry(1, "{\"command\": \"stop\"}"), Map.entry(2, BAD_COMMAND)),
            3,
            List.of(Map.entry(0, "{\"command\": \"stop\"}")),
            4,
            List.of(Map.entry(1, "{\"command\": \"resume\", \"from\": \"last\"}")),
            5,
            List.of(Map.entry(0, "{\"command\": \"resume\"}")),
            6,
            List.of(Map.entry(1, "{\"command\": \"reset\"}")));

    /**
     * One record to produce.
     *
     * @param source    the input
     * @param model     the model id (the key)
     * @param partition the partition, as the default partitioner computes it for the key
     * @param timestamp the record's timestamp
     * @param value     the JSON value
     * @param reason    the dead letter's reason for a record the learner must reject, else null
     */
    record Input(Source source, String model, int partition, long timestamp, byte[] value, String reason) {

        /** True for a record the learner must reject (dead-letter). */
        boolean bad() {
            return reason != null;
        }

        /** True for the end-of-stream records that only flush the merge. */
        boolean isEnd() {
            return END_KEY.equals(model);
        }
    }

    /** The crash test's workload: 3 partitions, 6 models, 10 rounds of 40 training records each. */
    static Workload crashTest(final long baseTimestamp) {
        return generate(3, 2, 10, 40, EosSettings.WINDOW, 42L, baseTimestamp);
    }

    /**
     * Builds the workload.
     *
     * @param partitions       partitions of train and validation
     * @param modelsPerPartition models per partition
     * @param blocks           blocks (rounds) per model
     * @param trainPerBlock    training records per block
     * @param window           validation records per block, the validation window
     * @param seed             the random seed
     * @param baseTimestamp    the first record's timestamp
     */
    static Workload generate(
            final int partitions,
            final int modelsPerPartition,
            final int blocks,
            final int trainPerBlock,
            final int window,
            final long seed,
            final long baseTimestamp) {
        final List<String> models = spread("model-", partitions, modelsPerPartition);
        final List<String> idle = spread("idle-", partitions, 1);
        final List<String> visitors = spread("visitor-", partitions, 1);
        final Random visits = new Random(seed + 1);
        final Random random = new Random(seed);
        final Map<String, double[]> truth = new LinkedHashMap<>();
        final Map<String, List<double[]>> validationX = new LinkedHashMap<>();
        for (final String model : models) {
            truth.put(model, uniform(random, FEATURES + 1, 2.0));
            final List<double[]> xs = new ArrayList<>();
            for (int j = 0; j < window; j++) {
                xs.add(uniform(random, FEATURES, 1.0));
            }
            validationX.put(model, xs);
        }
        final List<Input> records = new ArrayList<>();
        final WorkloadLabels labels = new WorkloadLabels(partitions, models);
        long ts = baseTimestamp;
        for (int block = 0; block < blocks; block++) {
            final boolean drifted = block >= blocks / 2;
            for (int i = 0; i < trainPerBlock; i++) {
                if (i % FILLER_EVERY == 0) {
                    final String id = block + "-" + i;
                    ts = labels.startStep(records, ts, id);
                    for (int m = 0; m < models.size(); m++) {
                        final String model = models.get(m);
                        final double[] x = uniform(random, FEATURES, 1.0);
                        records.add(predict(model, partitions, ts++, x, id));
                        labels.requested(model, id, sign(drifted, m) * label(truth.get(model), x));
                    }
                    for (final String key : idle) {
                        records.add(command(key, partitions, ts++, IDLE_COMMAND));
                    }
                    for (final String visitor : visitors) {
                        final double[] x = uniform(visits, FEATURES, 1.0);
                        records.add(input(Source.TRAIN, visitor, partitions, ts++, x, x[0] - x[1]));
                    }
                    labels.endStep();
                }
                for (int m = 0; m < models.size(); m++) {
                    final String model = models.get(m);
                    final double[] x = uniform(random, FEATURES, 1.0);
                    records.add(input(
                            Source.TRAIN, model, partitions, ts++, x, sign(drifted, m) * label(truth.get(model), x)));
                }
            }
            for (int m = block % BAD_EVERY; m < models.size(); m += BAD_EVERY) {
                records.add(new Input(
                        Source.TRAIN,
                        models.get(m),
                        partitionFor(models.get(m), partitions),
                        ts++,
                        ("{\"x\": [1, 2, oops, block " + block + "}").getBytes(StandardCharsets.UTF_8),
                        RejectionReason.NOT_JSON.code()));
            }
            final String badPredict = models.get((block + 1) % models.size());
            records.add(new Input(
                    Source.PREDICT,
                    badPredict,
                    partitionFor(badPredict, partitions),
                    ts++,
                    "{\"x\": [1, 2], \"id\": \"bad\"}".getBytes(StandardCharsets.UTF_8),
                    RejectionReason.WRONG_DIMENSION.code()));
            for (final Map.Entry<Integer, String> c : COMMANDS.getOrDefault(block, List.of())) {
                records.add(command(models.get(c.getKey()), partitions, ts++, c.getValue()));
            }
            final String badValidation = models.get((block + 2) % models.size());
            records.add(new Input(
                    Source.VALIDATION,
                    badValidation,
                    partitionFor(badValidation, partitions),
                    ts++,
                    "{\"x\": [1, 2], \"y\": 1}".getBytes(StandardCharsets.UTF_8),
                    RejectionReason.WRONG_DIMENSION.code()));
            for (int j = 0; j < window; j++) {
                for (final String model : models) {
                    final double[] x = validationX.get(model).get(j);
                    records.add(input(Source.VALIDATION, model, partitions, ts++, x, label(truth.get(model), x)));
                }
            }
        }
        for (final Source source : Source.read(true)) {
            for (int p = 0; p < partitions; p++) {
                records.add(new Input(
                        source, END_KEY, p, ts++, "end".getBytes(StandardCharsets.UTF_8), END_REASONS.get(source)));
            }
        }
        return new Workload(partitions, models, Collections.unmodifiableList(records));
    }

    /** The records of one model, in the order the learner handles them. */
    List<Input> recordsOf(final String model) {
        return records.stream().filter(r -> r.model().equals(model)).toList();
    }

    /** The number of good training records of one model. */
    long trainingCount(final String model) {
        return records.stream()
                .filter(r -> r.model().equals(model) && r.source() == Source.TRAIN && !r.bad())
                .count();
    }

    /** The number of records on one partition of one input. */
    long countOn(final Source source, final int partition) {
        return records.stream()
                .filter(r -> r.source() == source && r.partition() == partition)
                .count();
    }

    /**
     * Every bad record the learner handles, as {@code topic/partition/offset reason}: all of them
     * but the end-of-stream records of validation, predict and commands, which it never handles
     * (see {@link KafkaHarness#drained}). Offsets count from 0 on fresh topics, in production order.
     */
    List<String> expectedDeadLetters(final TopicNames topics) {
        return expectedDeadLetters(topics::input);
    }

    /** As {@link #expectedDeadLetters(TopicNames)}, with each input's topic named by {@code topicOf}. */
    List<String> expectedDeadLetters(final java.util.function.Function<Source, String> topicOf) {
        final Map<String, Long> next = new LinkedHashMap<>();
        final List<String> letters = new ArrayList<>();
        for (final Input r : records) {
            final String topic = topicOf.apply(r.source());
            final long offset = offsetOf(next, r);
            if (r.bad() && !(r.isEnd() && r.source() != Source.TRAIN)) {
                letters.add(topic + "/" + r.partition() + "/" + offset + " " + r.reason());
            }
        }
        return letters;
    }

    /** The offset of {@code r} in its topic partition, counting with {@code next} in production order. */
    static long offsetOf(final Map<String, Long> next, final Input r) {
        return next.merge(r.source() + "/" + r.partition(), 1L, Long::sum) - 1;
    }

    /** The number of records the learner handles, end-of-stream records included. */
    int size() {
        return records.size();
    }

    /** The partition the default partitioner picks for a key. */
    static int partitionFor(final String key, final int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static List<String> spread(final String prefix, final int partitions, final int perPartition) {
        final int[] filled = new int[partitions];
        final List<String> models = new ArrayList<>();
        for (int k = 0; models.size() < partitions * perPartition; k++) {
            final String id = prefix + k;
            final int p = partitionFor(id, partitions);
            if (filled[p] < perPartition) {
                filled[p]++;
                models.add(id);
            }
        }
        return models;
    }

    private static Input input(
            final Source source,
            final String model,
            final int partitions,
            final long ts,
            final double[] x,
            final double y) {
        final StringBuilder json = new StringBuilder("{\"x\":[");
        for (int i = 0; i < x.length; i++) {
            json.append(i == 0 ? "" : ",").append(x[i]);
        }
        json.append("],\"y\":").append(y).append('}');
        return new Input(
                source,
                model,
                partitionFor(model, partitions),
                ts,
                json.toString().getBytes(StandardCharsets.UTF_8),
                null);
    }

    private static Input predict(
            final String model, final int partitions, final long ts, final double[] x, final String id) {
        final StringBuilder json = new StringBuilder("{\"x\":[");
        for (int i = 0; i < x.length; i++) {
            json.append(i == 0 ? "" : ",").append(x[i]);
        }
        json.append("],\"id\":\"").append(id).append("\"}");
        return new Input(
                Source.PREDICT,
                model,
                partitionFor(model, partitions),
                ts,
                json.toString().getBytes(StandardCharsets.UTF_8),
                null);
    }

    private static Input command(final String key, final int partitions, final long ts, final String json) {
        return new Input(
                Source.COMMANDS,
                key,
                partitionFor(key, partitions),
                ts,
                json.getBytes(StandardCharsets.UTF_8),
                BAD_COMMAND.equals(json) ? RejectionReason.BAD_COMMAND.code() : null);
    }

    /** The sign of a model's training labels: every third model's flip once they drift. */
    private static double sign(final boolean drifted, final int model) {
        return drifted && model % 3 == 2 ? -1.0 : 1.0;
    }

    private static double label(final double[] truth, final double[] x) {
        double y = truth[FEATURES];
        for (int i = 0; i < FEATURES; i++) {
            y += truth[i] * x[i];
        }
        return y;
    }

    private static double[] uniform(final Random random, final int n, final double scale) {
        final double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * (2.0 * random.nextDouble() - 1.0);
        }
        return v;
    }
}
