package io.onlinelearner.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the end-to-end or the scaling benchmark from the command line, until the CLI's
 * {@code bench} command wires them: {@code java -cp target/online-learner.jar
 * io.onlinelearner.bench.BenchMain [e2e|scaling] [records=N] [features=D] [models=M] [bootstrap=HOST:PORT]
 * [streams.KEY=VALUE ...]}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** Prints the chosen benchmark's Markdown tables to standard output. */
    public static void main(final String[] args) throws Exception {
        final String mode = args.length > 0 && !args[0].contains("=") ? args[0] : "e2e";
        final Map<String, String> values = new HashMap<>();
        Arrays.stream(args).filter(a -> a.contains("=")).forEach(a -> values.put(a.substring(0, a.indexOf('=')),
                a.substring(a.indexOf('=') + 1)));
        final String bootstrap = values.get("bootstrap");
        if ("scaling".equals(mode)) {
            final ScalingBenchmark.Options d = ScalingBenchmark.Options.defaults();
            final ScalingBenchmark.Options options = new ScalingBenchmark.Options(bootstrap,
                    ints(values.get("models"), d.models()), ints(values.get("features"), d.features()),
                    Long.parseLong(values.getOrDefault("records", String.valueOf(d.maxRecords()))),
                    d.maxTopicBytes(), d.maxStateBytes(), d.guarantee(), d.timeout());
            System.out.println(ScalingBenchmark.toMarkdown(ScalingBenchmark.run(options)));
            return;
        }
        final EndToEndBenchmark.Options d = EndToEndBenchmark.Options.defaults();
        final EndToEndBenchmark.Options options = d.withBootstrap(bootstrap).with(
                Long.parseLong(values.getOrDefault("records", String.valueOf(d.records()))),
                Integer.parseInt(values.getOrDefault("features", String.valueOf(d.features()))),
                Integer.parseInt(values.getOrDefault("models", String.valueOf(d.models()))));
        final Map<String, String> streams = new HashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith("streams.")) {
                streams.put(key.substring("streams.".length()), value);
            }
        });
        System.out.println(EndToEndBenchmark.run(options.withStreams(streams)).toMarkdown());
    }

    private static List<Integer> ints(final String csv, final List<Integer> fallback) {
        return csv == null ? fallback : Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }
}
