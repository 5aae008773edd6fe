package io.onlinelearner.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.metrics.LearnerObservations;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Clients that send a broken or unfinished request body get a 400 or nothing, and never hold up
 * the others: {@code /health} still answers while several such connections stay open.
 */
class BrokenClientsTest {

    /** How long a read of this test may wait for an answer before it counts as none. */
    private static final int READ_TIMEOUT_MS = 5_000;

    private LearnerHttpServer server;

    @BeforeEach
    void start() throws IOException {
        final LearnerConfig config = LearnerConfig.defaults();
        server = LearnerHttpServer.bind("127.0.0.1", 0);
        server.start(new LearnerHttpServer.Api(
                new FakeDirectory(),
                new Learner(config.model(), config.adam(), config.stopping()),
                new LearnerObservations(10)::histories,
                () -> "",
                () -> KafkaStreams.State.RUNNING,
                TestTopics.DEFAULT_LINEAGE));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Socket connect() throws IOException {
        final Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(READ_TIMEOUT_MS);
        return socket;
    }

    private static void write(final Socket socket, final String request) throws IOException {
        final OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The status line and headers of the answer, as far as they came before the read timed out. */
    private static String head(final Socket socket) throws IOException {
        final InputStream in = socket.getInputStream();
        final StringBuilder text = new StringBuilder();
        int b;
        while (!text.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
            text.append((char) b);
        }
        return text.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ZZ\r\nabc\r\n0\r\n\r\n", "-5\r\nabc\r\n", "FFFFFFFFFFFF\r\nabc"})
    void shouldAnswerABrokenChunkedBodyWith400(final String chunks) throws IOException {
        try (Socket socket = connect()) {
            write(
                    socket,
                    "POST /models/m/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n" + chunks);
            assertThat(head(socket)).startsWith("HTTP/1.1 400 ");
        }
    }

    @Test
    void shouldAnswerOthersWhileClientsHoldUnfinishedBodies() throws IOException {
        final List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                final Socket socket = connect();
                stalled.add(socket);
                write(socket, "POST /models/m/predict HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"x\": [1");
            }
            try (Socket socket = connect()) {
                write(socket, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(head(socket)).startsWith("HTTP/1.1 200 ");
            }
        } finally {
            for (final Socket socket : stalled) {
                socket.close();
            }
        }
    }
}
