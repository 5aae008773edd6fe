package io.onlinelearner.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.onlinelearner.app.OperationsExtension;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.metrics.LearnerObservations;
import io.onlinelearner.topology.LearnerDriver;
import io.onlinelearner.topology.Source;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.logging.Level;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Loads the live page in headless Chromium (Debian's {@code chromium} and {@code chromium-driver})
 * while the real topology, run by {@code TopologyTestDriver}, feeds the listener, and checks that
 * both curves of every model are drawn with points, with the best and stop markers, the markers of
 * learning-rate changes, resumes and resets, the learning rate and the predictions answered, the
 * served-loss curve of a model with labels that come later (and none for the others), the stop of
 * a model stopped by a command before any round, that the page follows new records, and that the
 * browser's console shows no warning or error. Leaves a screenshot in {@code target/live-page.png}.
 */
class LivePageBrowserIT {

    /** Debian's Chromium, or the binary named by {@code -Dchromium.binary}. */
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    /** Debian's ChromeDriver, or the binary named by {@code -Dchromedriver.binary}. */
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

    private static final Map<String, String> SETTINGS = Map.of(
            LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), "20",
            LearnerSettings.STOPPING_PATIENCE.key(), "3",
            LearnerSettings.ADAM_LR.key(), "0.05",
            LearnerSettings.LABELS_ENABLED.key(), "true",
            LearnerSettings.LABELS_HOLDOUT_EVERY.key(), "5",
            LearnerSettings.LABELS_WINDOW.key(), "50");

    @TempDir
    Path profile;

    private final Random random = new Random(42);
    private final LearnerObservations metrics = new LearnerObservations(10);
    private final FakeDirectory directory = new FakeDirectory();
    private LearnerDriver learner;
    private LearnerHttpServer server;
    private ChromeDriver browser;

    @BeforeAll
    static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser test needs Debian's Chromium: " + CHROMIUM + " and " + CHROMEDRIVER
                    + " are missing. Install them with: apt-get update && apt-get install -y chromium chromium-driver"
                    + " (or name others with -Dchromium.binary=… -Dchromedriver.binary=…)");
        }
    }

    @BeforeEach
    void start() throws Exception {
        learner = new LearnerDriver(SETTINGS, metrics);
        server = LearnerHttpServer.bind("127.0.0.1", 0);
        server.start(new LearnerHttpServer.Api(
                directory,
                OperationsExtension.learner(config()),
                metrics::histories,
                () -> "",
                () -> KafkaStreams.State.RUNNING,
                TestTopics.DEFAULT_LINEAGE));
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath());
        final LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        final ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1100, 1320));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        server.close();
        learner.close();
    }

    @Test
    void shouldDrawBothCurvesOfEveryModelWithMarkersAndFollowNewRecords() throws Exception {
        feed("drifting", 12, true);
        feed("steady", 3, false);
        browser.get("http://" + server.hostPort() + "/");
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(count(".model")).isEqualTo(2));
        for (final String model : List.of("drifting", "steady")) {
            assertThat(points(model, "train"))
                    .as("training-loss points of %s", model)
                    .isPositive();
            assertThat(points(model, "round"))
                    .as("round-loss points of %s", model)
                    .isPositive();
        }
        assertThat(text(card("drifting") + " .status")).isEqualTo("STOPPED");
        assertThat(count(card("drifting") + " svg[data-curve=round] .stop-line"))
                .isEqualTo(1);
        assertThat(count(card("drifting") + " svg[data-curve=round] circle.best"))
                .isEqualTo(1);
        assertThat(text(card("drifting") + " .params")).startsWith("frozen w = [");
        assertThat(text(card("steady") + " .status")).isEqualTo("TRAINING");
        assertThat(count(card("steady") + " .stop-line")).isZero();

        feed("managed", 4, false);
        learner.command("managed", "{\"command\": \"set-lr\", \"lr\": 0.02}");
        learner.predict("managed", "{\"x\": 1.0}");
        learner.predict("managed", "{\"x\": 2.0}");
        learner.command("managed", "{\"command\": \"stop\"}");
        learner.command("managed", "{\"command\": \"resume\", \"from\": \"last\"}");
        feed("managed", 1, false);
        learner.command("managed", "{\"command\": \"reset\"}");
        feed("managed", 2, false);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(count(card("managed") + " svg[data-curve=train] .lr-line"))
                    .isEqualTo(1);
            assertThat(count(card("managed") + " svg[data-curve=train] .reset-line"))
                    .as("a page drawn after the last records (it refreshes while they come)")
                    .isEqualTo(1);
            assertThat(points("managed", "round")).isEqualTo(7);
        });
        for (final String curve : List.of("train", "round")) {
            final String svg = card("managed") + " svg[data-curve=" + curve + "]";
            assertThat(count(svg + " .lr-line")).as(curve).isEqualTo(1);
            assertThat(count(svg + " .resume-line")).as(curve).isEqualTo(1);
            assertThat(count(svg + " .reset-line")).as(curve).isEqualTo(1);
            assertThat(text(svg + " .label-lr")).isEqualTo("lr 0.02");
        }
        assertThat(points("managed", "round"))
                .as("rounds before and after the reset")
                .isEqualTo(7);
        assertThat(points("managed", "train"))
                .as("updates before and after the reset")
                .isEqualTo(70);
        assertThat(text(card("managed") + " .facts"))
                .contains("learning rate: 0.05", "generation: 2", "predictions: 2");
        assertThat(text(card("steady") + " .facts")).contains("learning rate: 0.05", "predictions: 0");

        feed("late", 2, false);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(count(".model")).isEqualTo(4);
            assertThat(points("late", "round")).isEqualTo(2);
        });
        assertThat(points("late", "train")).isEqualTo(200 / LearnerObservations.TRAIN_SAMPLE_EVERY);
        assertThat(count(".model svg[data-curve=served]"))
                .as("no served-loss curve for a model without labels")
                .isZero();

        feedLabelled("labelled", 3);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(count(".model")).isEqualTo(5);
            assertThat(points("labelled", "served"))
                    .as("one point per joined label")
                    .isEqualTo(300);
        });
        assertThat(points("labelled", "round"))
                .as("every 5th label held out, 20 a round")
                .isEqualTo(3);
        assertThat(points("labelled", "train")).isEqualTo(240 / LearnerObservations.TRAIN_SAMPLE_EVERY);
        assertThat(text(card("labelled") + " svg[data-curve=served]")).contains("labels joined");
        assertThat(text(card("labelled") + " .facts"))
                .as("301 requests, the first answered before the model had a state, so before it was tracked")
                .contains("pending: 1", "predictions: 300")
                .containsPattern("served loss: [0-9]");
        assertThat(servedLossFalls("labelled"))
                .as("the served loss falls as the model learns")
                .isTrue();
        for (int i = 0; i < 40; i++) {
            final double x = random.nextGaussian();
            learner.train("halted", record(x, 2.0 * x + 1.0));
        }
        learner.command("halted", "{\"command\": \"stop\"}");
        directory.models.put("halted", learner.state("halted"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(text(card("halted") + " .status")).isEqualTo("STOPPED"));
        assertThat(count(card("halted") + " svg[data-curve=train] .stop-line"))
                .as("stopped by a command before any round closed: marked on the training curve")
                .isEqualTo(1);
        assertThat(count(card("halted") + " svg[data-curve=round] .stop-line"))
                .as("no round to mark")
                .isZero();
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .as("the browser's console (a request the page makes and the learner does not serve shows here)")
                .filteredOn(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .isEmpty();
        final Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", "live-page.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static LearnerConfig config() {
        final Properties properties = new Properties();
        properties.putAll(SETTINGS);
        return LearnerConfig.parse(properties);
    }

    private static String card(final String model) {
        return ".model[data-model='" + model + "']";
    }

    private long points(final String model, final String curve) {
        return count(card(model) + " svg[data-curve=" + curve + "] circle.pt");
    }

    /** Counts matching elements in one script, so a re-render between calls cannot interfere. */
    private long count(final String selector) {
        return (Long) browser.executeScript("return document.querySelectorAll(arguments[0]).length;", selector);
    }

    private String text(final String selector) {
        return (String) browser.executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", selector);
    }

    /** Sends {@code rounds} rounds of 100 training and 20 validation records; drifting labels from round 4 on.
     * With patience 3 no model can stop before round 3. */
    private void feed(final String model, final int rounds, final boolean drift) {
        for (int r = 0; r < rounds; r++) {
            final double shift = drift && r >= 4 ? 3.0 * (r - 3) : 0.0;
            for (int i = 0; i < 100; i++) {
                final double x = random.nextGaussian();
                learner.train(model, record(x, 2.0 * x + 1.0 + shift + 0.1 * random.nextGaussian()));
            }
            for (int i = 0; i < 20; i++) {
                final double x = random.nextGaussian();
                learner.validate(model, record(x, 2.0 * x + 1.0));
            }
            directory.models.put(model, learner.state(model));
        }
    }

    /**
     * Sends {@code rounds} times 100 prediction requests with ids, each followed by its label, then
     * one request that no label answers; with holdout-every 5 every 100 labels close one round.
     */
    private void feedLabelled(final String model, final int rounds) {
        for (int i = 0; i < rounds * 100; i++) {
            final double x = random.nextGaussian();
            learner.predict(model, String.format(Locale.ROOT, "{\"x\": %.6f, \"id\": \"r%d\"}", x, i));
            learner.pipe(
                    Source.LABELS,
                    model.getBytes(StandardCharsets.UTF_8),
                    String.format(Locale.ROOT, "{\"id\": \"r%d\", \"y\": %.6f}", i, 2.0 * x + 1.0)
                            .getBytes(StandardCharsets.UTF_8));
        }
        learner.predict(model, "{\"x\": 1.0, \"id\": \"unanswered\"}");
        directory.models.put(model, learner.state(model));
    }

    /** Whether the served-loss curve's last point is drawn lower (a larger y in SVG) than its 50th, the first full window's. */
    private boolean servedLossFalls(final String model) {
        return (Boolean) browser.executeScript(
                "const pts = document.querySelectorAll(arguments[0]);"
                        + " return Number(pts[pts.length - 1].getAttribute('cy')) > Number(pts[49].getAttribute('cy'));",
                card(model) + " svg[data-curve=served] circle.pt");
    }

    private static String record(final double x, final double y) {
        return String.format(Locale.ROOT, "{\"x\": %.6f, \"y\": %.6f}", x, y);
    }
}
