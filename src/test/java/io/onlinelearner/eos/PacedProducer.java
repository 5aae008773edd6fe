package io.onlinelearner.eos;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces a {@link Workload} in order at a steady rate from a background scheduler, with an
 * idempotent producer ({@code acks=all}), so per partition the records land exactly once and in
 * order even across broker restarts. It stays at most {@code maxAhead} records ahead of what the
 * learner has committed, so the learner is always in the middle of the stream, with records left
 * to process, whenever a test kills it before it has committed {@code size - maxAhead} records.
 */
final class PacedProducer implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final TopicNames topics;
    private final List<Workload.Input> records;
    private final int perTick;
    private final LongSupplier consumed;
    private final long maxAhead;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private PacedProducer(
            final String bootstrap,
            final TopicNames topics,
            final Workload workload,
            final int perTick,
            final LongSupplier consumed,
            final long maxAhead) {
        this.topics = topics;
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                        ProducerConfig.LINGER_MS_CONFIG, "5"),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        this.records = workload.records();
        this.perTick = perTick;
        this.consumed = consumed;
        this.maxAhead = maxAhead;
    }

    /**
     * Starts producing {@code perTick} records every {@code tickMillis} milliseconds, pausing while
     * more than {@code maxAhead} records are ahead of {@code consumed} (the learner's committed
     * input records; a supplier that throws counts as "pause").
     */
    static PacedProducer start(
            final String bootstrap,
            final TopicNames topics,
            final Workload workload,
            final int perTick,
            final long tickMillis,
            final LongSupplier consumed,
            final long maxAhead) {
        final PacedProducer paced = new PacedProducer(bootstrap, topics, workload, perTick, consumed, maxAhead);
        paced.scheduler.scheduleAtFixedRate(paced::tick, 0, tickMillis, TimeUnit.MILLISECONDS);
        return paced;
    }

    /** Records handed to the producer so far. */
    int sent() {
        return sent.get();
    }

    /** Completes once every record is acknowledged, or exceptionally on the first failed send. */
    CompletableFuture<Void> done() {
        return done;
    }

    private void tick() {
        try {
            sendNext();
        } catch (RuntimeException e) {
            if (failure.compareAndSet(null, e)) {
                done.completeExceptionally(e);
            }
        }
    }

    private void sendNext() {
        if (done.isDone() || !mayProduce()) {
            return;
        }
        final int from = sent.get();
        final int to = Math.min(records.size(), from + perTick);
        for (int i = from; i < to; i++) {
            final Workload.Input r = records.get(i);
            final String topic = topics.input(r.source());
            producer.send(
                    new ProducerRecord<>(
                            topic, r.partition(), r.timestamp(), r.model().getBytes(StandardCharsets.UTF_8), r.value()),
                    (metadata, error) -> {
                        if (error != null && failure.compareAndSet(null, error)) {
                            done.completeExceptionally(error);
                        }
                    });
        }
        sent.set(to);
        if (to == records.size()) {
            producer.flush();
            if (failure.get() == null) {
                done.complete(null);
            }
        }
    }

    private boolean mayProduce() {
        try {
            return sent.get() - consumed.getAsLong() < maxAhead;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Stops producing and closes the producer. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
