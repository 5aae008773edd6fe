package io.onlinelearner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.cli.Scenario.Act;
import io.onlinelearner.cli.Scenario.Batch;
import io.onlinelearner.cli.Scenario.Message;
import io.onlinelearner.cli.Scenario.Play;
import io.onlinelearner.cli.Scenario.Say;
import io.onlinelearner.cli.Scenario.Top;
import io.onlinelearner.config.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Plays a {@link Scenario} against a running learner: prints its narration, and sends each batch,
 * waits until the learner's application has committed every record of it (its consumer group's
 * offsets), reads every output it caused up to the end of the committed outputs ({@code models},
 * {@code control}, {@code predictions}, and {@code outcomes} with labels, read committed) and hands them to the {@link Narrator} in
 * the order of the inputs that caused them. So the next batch is sent only once the last one is
 * done, and every run of a scenario and seed prints the same lines, however fast the machine.
 */
final class DemoEngine {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Producer<String, byte[]> producer;
    private final Consumer<String, String> consumer;
    private final Admin admin;
    private final String applicationId;
    private final Topics topics;
    private final Narrator narrator;
    private final Duration pace;
    private final URI api;
    private final List<String> outputs;
    private long timestamp = System.currentTimeMillis();
    private long lastSent;

    /**
     * An engine sending with {@code producer}, reading with {@code consumer} (assigned to the
     * output topics at their beginning), and reading the committed offsets of the learner's
     * {@code applicationId} with {@code admin}; {@code pace} is the least time between batches;
     * {@code labels} when the learner joins labels, so that {@code outcomes} is read too; {@code api}
     * the learner's HTTP API (its base URL, ending in {@code /}).
     */
    DemoEngine(
            final Producer<String, byte[]> producer,
            final Consumer<String, String> consumer,
            final Admin admin,
            final String applicationId,
            final Topics topics,
            final Narrator narrator,
            final Duration pace,
            final boolean labels,
            final URI api) {
        this.producer = producer;
        this.consumer = consumer;
        this.admin = admin;
        this.applicationId = applicationId;
        this.topics = topics;
        this.narrator = narrator;
        this.pace = pace;
        this.api = api;
        this.outputs = outputs(topics, labels);
    }

    /** The topics the engine reads, in the order it shows outputs of one timestamp: see {@link #outputs}. */
    static List<String> outputs(final Topics topics, final boolean labels) {
        return labels
                ? List.of(topics.models(), topics.control(), topics.predictions(), topics.outcomes())
                : List.of(topics.models(), topics.control(), topics.predictions());
    }

    /**
     * Plays every act of {@code scenario}, then concludes it.
     *
     * @param deadline the nano time by which it must end
     * @param failed   true once the learner has failed
     * @return empty when the scenario ran to its end, else why not
     */
    Optional<String> play(final Scenario scenario, final long deadline, final BooleanSupplier failed)
            throws InterruptedException {
        for (final Act act : scenario.acts()) {
            if (act instanceof Say say) {
                narrator.say(say.text());
            } else if (act instanceof Play play) {
                final Optional<String> failure = play(scenario.model(), play, deadline, failed);
                if (failure.isPresent()) {
                    return failure;
                }
            } else if (act instanceof Top top) {
                narrator.say(top.narration());
                narrator.topFeatures(parse(fromApi(scenario.model() + "/features?top=" + top.n())));
            }
        }
        narrator.conclude(scenario.truth(), topics.control(), topics.models());
        return Optional.empty();
    }

    private Optional<String> play(
            final String model, final Play play, final long deadline, final BooleanSupplier failed)
            throws InterruptedException {
        while (play.batches().hasNext()) {
            final Batch batch = play.batches().next();
            if (!batch.narration().isEmpty()) {
                narrator.say(batch.narration());
            }
            Thread.sleep(Math.max(0, (lastSent + pace.toNanos() - System.nanoTime()) / 1_000_000));
            final List<ConsumerRecord<String, String>> read = new ArrayList<>();
            final Optional<Map<TopicPartition, Long>> sent = sendInTurn(model, batch, deadline, failed, read);
            lastSent = System.nanoTime();
            final Optional<List<ConsumerRecord<String, String>>> caused =
                    sent.isEmpty() ? Optional.empty() : settle(sent.get(), deadline, failed, read);
            if (caused.isEmpty()) {
                return Optional.of(failed.getAsBoolean() ? "the learner failed" : "the scenario did not end in time");
            }
            boolean stopped = false;
            for (final ConsumerRecord<String, String> record : caused.get()) {
                stopped |= show(record, batch.note());
            }
            if (play.untilStop() && stopped) {
                return Optional.empty();
            }
        }
        return play.untilStop()
                ? Optional.of("the model did not stop within the scenario's records")
                : Optional.empty();
    }

    /**
     * Sends the batch in order with increasing timestamps, one run of records of the same input at a
     * time: each run after the learner has committed the one before, so that the learner sees the
     * batch in this order whatever its consumer had fetched (the same lines on every run); empty
     * when the deadline passed or the learner failed first. Outputs read meanwhile go to {@code read}.
     *
     * @return the end offset of every partition the last run was written to
     */
    private Optional<Map<TopicPartition, Long>> sendInTurn(
            final String model,
            final Batch batch,
            final long deadline,
            final BooleanSupplier failed,
            final List<ConsumerRecord<String, String>> read) {
        timestamp += batch.gapMs();
        final List<Message> messages = batch.messages();
        Map<TopicPartition, Long> sent = Map.of();
        int start = 0;
        while (start < messages.size()) {
            int end = start + 1;
            while (end < messages.size()
                    && messages.get(end).source() == messages.get(start).source()) {
                end++;
            }
            if (start > 0 && !awaitCommitted(sent, deadline, failed, read)) {
                return Optional.empty();
            }
            sent = send(model, messages.subList(start, end));
            start = end;
        }
        return Optional.of(sent);
    }

    /** Sends {@code messages} in order with increasing timestamps; the end offset of every partition written. */
    private Map<TopicPartition, Long> send(final String model, final List<Message> messages) {
        final List<Future<RecordMetadata>> futures = new ArrayList<>(messages.size());
        for (final Message message : messages) {
            if (message.question() != null) {
                narrator.asked(message.question());
            }
            futures.add(producer.send(
                    new ProducerRecord<>(message.source().topic(topics), null, timestamp++, model, message.value())));
        }
        producer.flush();
        final Map<TopicPartition, Long> ends = new HashMap<>();
        for (final Future<RecordMetadata> future : futures) {
            final RecordMetadata m = get(future);
            ends.merge(new TopicPartition(m.topic(), m.partition()), m.offset() + 1, Math::max);
        }
        return ends;
    }

    /**
     * Waits until the learner committed up to {@code ends}, then reads the outputs to their
     * committed end, after those already {@code read}; empty when the deadline passed or the
     * learner failed first.
     */
    private Optional<List<ConsumerRecord<String, String>>> settle(
            final Map<TopicPartition, Long> ends,
            final long deadline,
            final BooleanSupplier failed,
            final List<ConsumerRecord<String, String>> read) {
        if (!awaitCommitted(ends, deadline, failed, read)) {
            return Optional.empty();
        }
        Optional<Map<TopicPartition, Long>> outputEnds = completedEnds();
        while (outputEnds.isEmpty()) {
            if (System.nanoTime() > deadline || failed.getAsBoolean()) {
                return Optional.empty();
            }
            consumer.poll(POLL).forEach(read::add);
            outputEnds = completedEnds();
        }
        while (outputEnds.get().entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            consumer.poll(POLL).forEach(read::add);
        }
        read.sort(Comparator.<ConsumerRecord<String, String>>comparingLong(ConsumerRecord::timestamp)
                .thenComparingInt(r -> outputs.indexOf(r.topic()))
                .thenComparingLong(ConsumerRecord::offset));
        return Optional.of(read);
    }

    /**
     * Waits until the learner committed up to {@code ends}, adding the outputs read meanwhile to
     * {@code read}; false when the deadline passed or the learner failed first.
     */
    private boolean awaitCommitted(
            final Map<TopicPartition, Long> ends,
            final long deadline,
            final BooleanSupplier failed,
            final List<ConsumerRecord<String, String>> read) {
        while (!committed(ends)) {
            if (System.nanoTime() > deadline || failed.getAsBoolean()) {
                return false;
            }
            consumer.poll(POLL).forEach(read::add);
        }
        return true;
    }

    /** True once the learner's consumer group has committed every partition up to {@code ends}. */
    private boolean committed(final Map<TopicPartition, Long> ends) {
        final Map<TopicPartition, OffsetAndMetadata> offsets;
        try {
            offsets = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata()
                    .get();
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return ends.entrySet().stream().allMatch(e -> {
            final OffsetAndMetadata committed = offsets.get(e.getKey());
            return committed != null && committed.offset() >= e.getValue();
        });
    }

    /**
     * The end of every output partition once no transaction is pending on any of them (the last
     * stable offset has reached the high watermark, so the commit markers are written); empty
     * while one is. The learner, idle once it has committed a batch, writes nothing more meanwhile.
     */
    private Optional<Map<TopicPartition, Long>> completedEnds() {
        final Map<TopicPartition, Long> stable = ends(IsolationLevel.READ_COMMITTED);
        return stable.equals(ends(IsolationLevel.READ_UNCOMMITTED)) ? Optional.of(stable) : Optional.empty();
    }

    private Map<TopicPartition, Long> ends(final IsolationLevel isolation) {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        consumer.assignment().forEach(p -> latest.put(p, OffsetSpec.latest()));
        final Map<TopicPartition, Long> ends = new HashMap<>();
        get(admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all())
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** Shows one output; true when it is a stop signal. */
    private boolean show(final ConsumerRecord<String, String> record, final String note) {
        final JsonNode value = parse(record.value());
        if (record.topic().equals(topics.models())) {
            narrator.snapshot(value, record.value(), note);
        } else if (record.topic().equals(topics.control())) {
            narrator.event(value, record.value());
            return "STOPPED".equals(value.path("event").asText());
        } else if (record.topic().equals(topics.predictions())) {
            narrator.prediction(value);
        } else {
            narrator.outcome(value);
        }
        return false;
    }

    /** The body of {@code GET /models/{path}} from the learner's HTTP API. */
    private String fromApi(final String path) throws InterruptedException {
        final HttpRequest request = HttpRequest.newBuilder(api.resolve("models/" + path))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            final HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the learner answered " + response.statusCode() + " to " + request.uri()
                        + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("the learner's HTTP API did not answer " + request.uri(), e);
        }
    }

    private static <T> T get(final Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "the demo's broker did not answer: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static JsonNode parse(final String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("unexpected output from the learner: " + json, e);
        }
    }
}
