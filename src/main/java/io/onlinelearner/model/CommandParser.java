package io.onlinelearner.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Parses a {@code commands} value, always JSON whatever {@code learner.input.format} says:
 * {@code {"command": "stop"}}, {@code {"command": "resume", "from": "best"|"last"}} ({@code from}
 * defaults to {@code best}), {@code {"command": "reset"}} or {@code {"command": "set-lr", "lr": 0.01}}
 * ({@code lr} a finite number > 0). Fields may come in any order; unknown fields, and fields that
 * the named command does not take (e.g. {@code lr} on a {@code stop}), are ignored, once they are
 * JSON: a NaN or infinity literal in any of them is a bad command, as it is not JSON.
 *
 * <p>Every malformed command (a null value, not JSON, not an object, no or a non-string
 * {@code command}, an unknown command, a bad {@code from}, a missing or bad {@code lr}) is a
 * {@link RecordRejectedException} with reason {@link RejectionReason#BAD_COMMAND} and a one-line
 * message saying what is wrong. Command names and {@code from} values are case-sensitive.
 *
 * <p>Stateless apart from Jackson's symbol table; still, use one per processor.
 */
public final class CommandParser {

    private final JsonDocuments documents = new JsonDocuments(0);
    private final JsonDocuments.Body<Command> body = (parser, value) -> readCommand(parser);

    /**
     * Parses one command value.
     *
     * @param value the raw bytes, UTF-8 JSON; null is rejected
     * @throws RecordRejectedException with reason {@code BAD_COMMAND} for every malformed command
     */
    public Command parse(final byte[] value) {
        try {
            return documents.read(value, body);
        } catch (RecordRejectedException e) {
            if (e.reason() == RejectionReason.BAD_COMMAND) {
                throw e;
            }
            throw bad(e.getMessage());
        }
    }

    private static Command readCommand(final JsonParser parser) throws IOException {
        String command = null;
        JsonToken commandToken = null;
        String from = null;
        JsonToken fromToken = null;
        double lr = Double.NaN;
        String lrText = null;
        JsonToken lrToken = null;
        boolean lrLiteral = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            final String name = parser.currentName();
            final JsonToken token = parser.nextToken();
            if ("command".equals(name)) {
                commandToken = token;
                command = token == JsonToken.VALUE_STRING ? parser.getText() : null;
            } else if ("from".equals(name)) {
                JsonDocuments.skipValue(parser, token);
                fromToken = token;
                from = token == JsonToken.VALUE_STRING ? parser.getText() : null;
            } else if ("lr".equals(name)) {
                lrToken = token;
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    lr = parser.getDoubleValue();
                    lrText = parser.getText();
                    lrLiteral = parser.isNaN();
                } else {
                    JsonDocuments.skipValue(parser, token);
                }
            } else {
                JsonDocuments.skipValue(parser, token);
            }
            parser.skipChildren();
        }
        if (commandToken == null) {
            throw bad("the object has no field \"command\"");
        }
        if (command == null) {
            throw bad("\"command\" must be a string: found " + JsonDocuments.describe(commandToken));
        }
        if (lrLiteral && !"set-lr".equals(command)) {
            throw bad("not valid JSON: " + lrText + " is not a JSON number");
        }
        switch (command) {
            case "stop":
                return new Command.Stop();
            case "reset":
                return new Command.Reset();
            case "resume":
                return new Command.Resume(resumeFrom(fromToken, from));
            case "set-lr":
                return new Command.SetLr(learningRate(lrToken, lr, lrText));
            default:
                throw bad("unknown command \"" + abbreviate(command) + "\": expected stop, resume, reset or set-lr");
        }
    }

    private static Command.ResumeFrom resumeFrom(final JsonToken token, final String from) {
        if (token == null) {
            return Command.ResumeFrom.BEST;
        }
        for (final Command.ResumeFrom candidate : Command.ResumeFrom.values()) {
            if (candidate.wireName().equals(from)) {
                return candidate;
            }
        }
        throw bad("\"from\" must be \"best\" or \"last\": found "
                + (from == null ? JsonDocuments.describe(token) : "\"" + abbreviate(from) + "\""));
    }

    private static double learningRate(final JsonToken token, final double lr, final String text) {
        if (token == null) {
            throw bad("set-lr needs a field \"lr\"");
        }
        if (text == null) {
            throw bad("\"lr\" must be a number: found " + JsonDocuments.describe(token));
        }
        if (!Double.isFinite(lr) || !(lr > 0.0)) {
            throw bad("\"lr\" must be finite and > 0: found " + text);
        }
        return lr;
    }

    /** A command name or {@code from} value as quoted in a message: at most 40 characters, on one line. */
    private static String abbreviate(final String text) {
        final String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    private static RecordRejectedException bad(final String message) {
        return new RecordRejectedException(RejectionReason.BAD_COMMAND, message);
    }
}
