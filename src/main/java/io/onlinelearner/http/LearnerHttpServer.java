package io.onlinelearner.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.metrics.ModelHistory;
import io.onlinelearner.serde.LineageNames;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The learner's HTTP API (it reads; nothing over HTTP changes a model) on the JDK's {@link HttpServer}. It is bound first, so that its
 * actual port is known for {@code application.server} before the streams client is built, and
 * started once the streams client exists:
 *
 * <pre>
 * LearnerHttpServer http = LearnerHttpServer.bind(config.httpHost(), config.httpPort());
 * // application.server = http.hostPort(); build KafkaStreams ...
 * http.start(new LearnerHttpServer.Api(new StreamsModelDirectory(streams, self), learner, observations::histories,
 *         registry::scrape, streams::state, config.topics().lineage()));
 * </pre>
 */
public final class LearnerHttpServer implements AutoCloseable {

    /** Threads answering requests: enough that a few slow or broken clients do not hold up the others. */
    private static final int THREADS = 16;

    /**
     * Seconds a request may take to arrive, body included, before the JDK's server closes its
     * connection ({@code sun.net.httpserver.maxReqTime}; a {@code -D} setting of it wins): a client
     * that sends part of a body and waits would otherwise hold a thread for as long as it likes.
     */
    static final String MAX_REQUEST_SECONDS = "10";

    private static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";

    /**
     * Seconds that {@link #close} lets requests being answered finish: a restart under load then
     * cuts none of them. JDK 17's server waits the whole delay even when nothing is in flight
     * (JDK-8304065), so it is asked to wait only when something is.
     */
    static final int STOP_GRACE_SECONDS = 2;

    private final HttpServer server;
    private final String host;
    private final HealthPolicy health = new HealthPolicy();
    private final AtomicInteger inFlight = new AtomicInteger();
    private ExecutorService executor;
    private boolean closed;

    private LearnerHttpServer(final HttpServer server, final String host) {
        this.server = server;
        this.host = host;
    }

    /** Binds {@code host:port} (port 0: any free port) without serving yet. */
    public static LearnerHttpServer bind(final String host, final int port) throws IOException {
        if (System.getProperty(MAX_REQUEST_TIME) == null) {
            System.setProperty(MAX_REQUEST_TIME, MAX_REQUEST_SECONDS);
        }
        return new LearnerHttpServer(HttpServer.create(new InetSocketAddress(host, port), 0), host);
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code host:port} as bound: the value for {@code application.server}. */
    public String hostPort() {
        return host + ":" + port();
    }

    /**
     * Tells {@code /health} of a state the streams client entered, so that a rebalance after it
     * first ran counts as up whether or not anyone asked while it ran; may come before
     * {@link #start}.
     */
    public void observe(final KafkaStreams.State state) {
        health.isUp(state);
    }

    /** Starts serving {@code api}. */
    public void start(final Api api) {
        start(api, RequestListener.NONE);
    }

    /** Starts serving {@code api}, telling {@code requests} of every answered request. */
    public synchronized void start(final Api api, final RequestListener requests) {
        final AtomicInteger count = new AtomicInteger();
        executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            final Thread thread = new Thread(runnable, "learner-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        final PeerClient client = new PeerClient();
        final HttpHandler handler = new ApiHandler(
                api, health, new PeerFanOut(client), ModelLocator.overHttp(api.models(), client), requests);
        server.createContext("/", exchange -> {
            inFlight.incrementAndGet();
            try {
                handler.handle(exchange);
            } finally {
                inFlight.decrementAndGet();
            }
        });
        server.start();
    }

    /**
     * Stops accepting connections, lets the requests being answered finish (for up to
     * {@link #STOP_GRACE_SECONDS}), then closes every connection and releases the port. The learner
     * closes it after Kafka Streams, so that {@code /health} answers 503 while the streams client
     * shuts down (and reads of its stores 503 too) instead of refusing connections. Safe to call
     * more than once.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (executor == null) {
            server.start();
        }
        server.stop(inFlight.get() == 0 ? 0 : STOP_GRACE_SECONDS);
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /**
     * What the API reads; nothing in it changes state.
     *
     * @param models    the model store and the other instances
     * @param learner   answers {@code POST /models/{id}/predict} from a model's state, as the predict topic does
     * @param histories the live page's curves
     * @param metrics   the Prometheus text
     * @param state     the streams client's state, for {@code /health}
     * @param lineage   what a lineage calls the topics that train ({@code learner.topic.train}, {@code .labels})
     */
    public record Api(
            ModelDirectory models,
            Learner learner,
            Supplier<List<ModelHistory>> histories,
            Supplier<String> metrics,
            Supplier<KafkaStreams.State> state,
            LineageNames lineage) {}
}
