package io.onlinelearner.learner;

/**
 * Adam's state for a model's live parameters, in the layout of its parameters: dense
 * {@link Moments} for Adam, {@link LazyMoments} for the lazy Adam of hashed models. Sealed, like
 * the parameters' {@link io.onlinelearner.stopping.Weights}, so that the learner chooses its
 * optimiser by the type of the state it holds.
 */
public sealed interface AdamMoments permits Moments, LazyMoments {

    /** Adam's step count {@code t}: the updates applied since the start, last reset or last warm restart. */
    long t();

    /** The state of a warm restart in the same layout: zero moments, {@code t = 0}. */
    AdamMoments zeroed();

    /** The number of parameters with moments. */
    int size();
}
