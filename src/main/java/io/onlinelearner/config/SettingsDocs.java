package io.onlinelearner.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the documentation of {@link LearnerSettings} from the definitions, so that the
 * configuration table of {@code docs/configuration.md} never drifts from the code:
 * {@link #table()} is the table, and {@link #main(String[])} rewrites the one in that file (a
 * test checks it is current).
 */
public final class SettingsDocs {

    /** The table's header row, which also marks where the table starts in {@link #DOCUMENT}. */
    public static final String TABLE_HEADER = "| key | default | meaning |";

    private SettingsDocs() {}

    /** The Markdown table of every key: key, default ("(unset)" when empty) and meaning. */
    public static String table() {
        final StringBuilder table = new StringBuilder(TABLE_HEADER).append("\n|---|---|---|\n");
        for (final Setting<?> setting : LearnerSettings.all()) {
            final String defaultValue =
                    setting.defaultValue().isEmpty() ? "(unset)" : "`" + setting.defaultValue() + "`";
            table.append("| `")
                    .append(setting.key())
                    .append("` | ")
                    .append(defaultValue)
                    .append(" | ")
                    .append(setting.meaning().replace("|", "\\|"))
                    .append(" |\n");
        }
        return table.toString();
    }

    /**
     * {@code document} with its configuration table (from {@link #TABLE_HEADER} to the first line
     * not starting with {@code |}) replaced by {@link #table()}.
     *
     * @throws IllegalArgumentException when the document has no such table
     */
    public static String withCurrentTable(final String document) {
        final List<String> lines = new ArrayList<>(List.of(document.split("\n", -1)));
        final int start = lines.indexOf(TABLE_HEADER);
        if (start < 0) {
            throw new IllegalArgumentException("no line '" + TABLE_HEADER + "' in the document");
        }
        int end = start;
        while (end < lines.size() && lines.get(end).startsWith("|")) {
            end++;
        }
        lines.subList(start, end).clear();
        final String table = table();
        lines.addAll(start, List.of(table.substring(0, table.length() - 1).split("\n")));
        return String.join("\n", lines);
    }

    /** The file whose table {@link #main(String[])} rewrites by default. */
    public static final Path DOCUMENT = Path.of("docs", "configuration.md");

    /** Rewrites the configuration table of {@code docs/configuration.md} (or of the file given) in place. */
    public static void main(final String[] args) throws IOException {
        final Path document = args.length > 0 ? Path.of(args[0]) : DOCUMENT;
        final String text = Files.readString(document, StandardCharsets.UTF_8);
        Files.writeString(document, withCurrentTable(text), StandardCharsets.UTF_8);
    }
}
