package io.onlinelearner.model;

/**
 * One well-formed record of the {@code commands} topic: what an operator asks of one model. The
 * model it acts on is the record's key; the learner applies it in stream order with that model's
 * other records.
 */
public sealed interface Command {

    /** The command's name on the wire, e.g. {@code set-lr}. */
    String name();

    /** {@code {"command": "stop"}}: stop now, as early stopping would at this point. */
    record Stop() implements Command {
        @Override
        public String name() {
            return "stop";
        }
    }

    /**
     * {@code {"command": "resume", "from": "best"|"last"}}: a stopped model trains again.
     *
     * @param from where the parameters come from
     */
    record Resume(ResumeFrom from) implements Command {
        @Override
        public String name() {
            return "resume";
        }
    }

    /** {@code {"command": "reset"}}: the model starts over from its initial parameters. */
    record Reset() implements Command {
        @Override
        public String name() {
            return "reset";
        }
    }

    /**
     * {@code {"command": "set-lr", "lr": 0.01}}: the learning rate for every later update.
     *
     * @param lr the new rate; finite and > 0
     */
    record SetLr(double lr) implements Command {
        /** Checks the rate. */
        public SetLr {
            if (!(lr > 0.0) || !Double.isFinite(lr)) {
                throw new IllegalArgumentException("lr = " + lr + ": must be finite and > 0");
            }
        }

        @Override
        public String name() {
            return "set-lr";
        }
    }

    /** Where a resumed model's parameters come from. */
    enum ResumeFrom {
        /** The frozen parameters, with Adam's moments and step reset to zero (a warm restart). */
        BEST,
        /** The parameters and Adam state as they were when the model stopped. */
        LAST;

        /** The name on the wire, e.g. {@code best}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
