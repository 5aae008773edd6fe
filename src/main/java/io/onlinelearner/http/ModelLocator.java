package io.onlinelearner.http;

import io.onlinelearner.learner.ModelState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a model wherever its records were processed, without assuming how its producers
 * partitioned them: this instance's store first (every active partition held here), then every
 * other instance with a local-only request ({@link PeerClient#HOP_HEADER}: the peer answers from its
 * own store and never forwards, so a lookup is at most one hop and never loops). The owner that
 * Kafka Streams' metadata computes with murmur2 ({@link ModelDirectory#locate}) is only asked
 * first, as a shortcut; it decides nothing.
 *
 * <p>The answer is {@link Kind#NOT_FOUND} only when this instance and every other one answered "not
 * here" while every partition had a running owner, and no partition moved between the first read
 * and the last ({@link ModelDirectory#assignment()}); {@link Kind#NOT_READY} when no one had it and
 * some store was restoring, an instance did not answer, or the owners are being reassigned. The
 * {@code GET /models/{id}} and {@code POST /models/{id}/predict} routes both use it; thread-safe.
 */
public final class ModelLocator {

    private final ModelDirectory directory;
    private final Peers peers;

    /** A locator over this instance's {@code directory}, asking other instances through {@code peers}. */
    public ModelLocator(final ModelDirectory directory, final Peers peers) {
        this.directory = directory;
        this.peers = peers;
    }

    /** A locator over {@code directory} asking other instances' {@code GET /models/{id}} with {@code client}. */
    static ModelLocator overHttp(final ModelDirectory directory, final PeerClient client) {
        return new ModelLocator(directory, (hostPort, id) -> ask(client, hostPort, id));
    }

    /** Where model {@code id} is now; see the class comment for the decisions. */
    public Lookup find(final String id) {
        final Optional<ModelDirectory.Assignment> before = directory.assignment();
        final List<String> problems = new ArrayList<>();
        try {
            final Optional<ModelState> local = directory.find(id);
            if (local.isPresent()) {
                return new Lookup(Kind.LOCAL, local.get(), null, null, null);
            }
        } catch (ModelDirectory.NotReadyException e) {
            problems.add("this instance: " + e.getMessage());
        }
        for (final String peer : ordered(id, directory.peers())) {
            final PeerAnswer answer = peers.ask(peer, id);
            switch (answer.kind()) {
                case FOUND:
                    return new Lookup(Kind.REMOTE, null, peer, answer.body(), null);
                case FAILED:
                    return new Lookup(Kind.FAILED, null, peer, answer.body(), peer + ": " + answer.detail());
                case ABSENT:
                    break;
                default:
                    problems.add(peer + ": " + answer.detail());
            }
        }
        if (!problems.isEmpty()) {
            return notReady("model '" + id + "' not found, and not every instance could answer: "
                    + String.join("; ", problems));
        }
        if (!settled(before)) {
            return notReady(
                    "model '" + id + "' not found while partitions are being assigned (starting or rebalancing)");
        }
        return new Lookup(Kind.NOT_FOUND, null, null, null, "no model '" + id + "'");
    }

    /**
     * Whether this instance holds model {@code id}, for another instance that asked it alone:
     * {@link Kind#LOCAL}, or {@link Kind#NOT_FOUND} only when the assignment was complete and did
     * not move while the store was read, else {@link Kind#NOT_READY}.
     *
     * @throws ModelDirectory.NotReadyException while this instance's store cannot be queried
     * @throws ModelDirectory.UnreadableException when the model's stored state cannot be read
     */
    public Lookup findHere(final String id) {
        final Optional<ModelDirectory.Assignment> before = directory.assignment();
        final Optional<ModelState> local = directory.find(id);
        if (local.isPresent()) {
            return new Lookup(Kind.LOCAL, local.get(), null, null, null);
        }
        return settled(before)
                ? new Lookup(Kind.NOT_FOUND, null, null, null, "no model '" + id + "' on this instance")
                : notReady("partitions are being assigned here (starting or rebalancing)");
    }

    /** True when {@code before} was a complete assignment and it is still the one now. */
    private boolean settled(final Optional<ModelDirectory.Assignment> before) {
        return before.isPresent() && before.equals(directory.assignment());
    }

    private List<String> ordered(final String id, final List<String> all) {
        final ModelDirectory.Location hint = directory.locate(id);
        if (hint.kind() != ModelDirectory.Location.Kind.REMOTE || !all.contains(hint.hostPort())) {
            return all;
        }
        final List<String> ordered = new ArrayList<>(all.size());
        ordered.add(hint.hostPort());
        all.stream().filter(peer -> !peer.equals(hint.hostPort())).forEach(ordered::add);
        return ordered;
    }

    private static Lookup notReady(final String reason) {
        return new Lookup(Kind.NOT_READY, null, null, null, reason);
    }

    private static PeerAnswer ask(final PeerClient client, final String hostPort, final String id) {
        try {
            final PeerClient.Reply reply = client.get(hostPort, ModelPaths.of(id, ""), null);
            return switch (reply.status()) {
                case 200 -> new PeerAnswer(PeerAnswer.Kind.FOUND, reply.body(), null);
                case 404 -> new PeerAnswer(PeerAnswer.Kind.ABSENT, null, null);
                case 503 -> new PeerAnswer(PeerAnswer.Kind.NOT_READY, null, "not ready (503)");
                case 500 -> new PeerAnswer(PeerAnswer.Kind.FAILED, reply.body(), "failed (500)");
                default -> new PeerAnswer(PeerAnswer.Kind.UNREACHABLE, null, "answered " + reply.status());
            };
        } catch (IOException e) {
            return new PeerAnswer(PeerAnswer.Kind.UNREACHABLE, null, "did not answer (" + PeerClient.why(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PeerAnswer(PeerAnswer.Kind.UNREACHABLE, null, "interrupted");
        }
    }

    /** What a lookup decided. */
    public enum Kind {
        /** Held by this instance: {@link Lookup#state()}. */
        LOCAL,
        /** Held by the instance at {@link Lookup#hostPort()}, whose snapshot is {@link Lookup#snapshot()}. */
        REMOTE,
        /** No instance has it, and every instance answered: 404. */
        NOT_FOUND,
        /** No instance that answered has it, and some could not answer or owners are moving: 503. */
        NOT_READY,
        /**
         * The instance at {@link Lookup#hostPort()} failed on it (e.g. its stored state cannot be
         * read): 500, with that instance's error as {@link Lookup#snapshot()}.
         */
        FAILED
    }

    /**
     * The result of {@link #find}.
     *
     * @param kind     the decision
     * @param state    the model's state, when {@code LOCAL}
     * @param hostPort the other instance's HTTP address, when {@code REMOTE}
     * @param snapshot the other instance's JSON snapshot of the model, when {@code REMOTE}; its JSON
     *                 error, when {@code FAILED}
     * @param reason   why, when {@code NOT_FOUND} or {@code NOT_READY}
     */
    public record Lookup(Kind kind, ModelState state, String hostPort, byte[] snapshot, String reason) {}

    /** Asks another instance, from its own store only, whether it holds a model. */
    @FunctionalInterface
    public interface Peers {

        /** The answer of the instance at {@code hostPort} for model {@code id}; never throws. */
        PeerAnswer ask(String hostPort, String id);
    }

    /**
     * Another instance's answer.
     *
     * @param kind   what it said
     * @param body   its JSON snapshot, when {@code FOUND}; its JSON error, when {@code FAILED}
     * @param detail why it could not answer, when {@code NOT_READY} or {@code UNREACHABLE}
     */
    public record PeerAnswer(Kind kind, byte[] body, String detail) {

        /** What another instance said. */
        public enum Kind {
            /** It holds the model. */
            FOUND,
            /** It answered and does not hold the model. */
            ABSENT,
            /** Its store is not queryable now (restoring, rebalancing). */
            NOT_READY,
            /** It answered 500: it failed on the model (e.g. its stored state cannot be read). */
            FAILED,
            /** It did not answer, or answered with another error. */
            UNREACHABLE
        }
    }
}
