package io.onlinelearner.cli;

/**
 * An action run when the JVM is asked to stop (Ctrl-C, SIGTERM) while it is registered: how the
 * commands close the learner and the broker cleanly. Closing the handle unregisters it, for the
 * normal path where the command closes them itself.
 */
final class ShutdownHook implements AutoCloseable {

    private final Thread thread;

    private ShutdownHook(final Thread thread) {
        this.thread = thread;
    }

    /** Registers {@code action} to run on shutdown, in a thread named {@code name}. */
    static ShutdownHook register(final String name, final Runnable action) {
        final Thread thread = new Thread(action, name);
        Runtime.getRuntime().addShutdownHook(thread);
        return new ShutdownHook(thread);
    }

    /** Unregisters the action; does nothing when the JVM is already shutting down (the action runs). */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs or has run: nothing to undo
        }
    }
}
