package io.onlinelearner.model;

import java.util.Locale;

/**
 * Why a record was not learned from. Each reason is one class of bad input named by the contract;
 * its {@link #code()} is the value of the dead letter's reason header.
 */
public enum RejectionReason {
    /** The record has no value. */
    NULL_VALUE,
    /** The key (the model id) is not well-formed UTF-8, so it names no model. */
    BAD_KEY,
    /** The value is longer than {@code learner.input.max-bytes}, whatever it holds. */
    TOO_LARGE,
    /** The value is not a JSON document. */
    NOT_JSON,
    /** The JSON document is not an object. */
    NOT_AN_OBJECT,
    /** The object has no {@code x}. */
    MISSING_X,
    /** The object has no {@code y}. */
    MISSING_Y,
    /** A {@code labels} record has no {@code id} (or a null one). */
    MISSING_ID,
    /** {@code x} or {@code y} is not a number (or {@code x} not an array of numbers). */
    NOT_NUMERIC,
    /** {@code x} or {@code y} holds NaN or an infinity. */
    NOT_FINITE,
    /** {@code x} is an empty array. */
    NO_FEATURES,
    /** {@code x} has another dimension than the model. */
    WRONG_DIMENSION,
    /** {@code x} has more features than {@code learner.model.max-features}. */
    TOO_MANY_FEATURES,
    /** The label is not one the loss accepts (logistic: 0 or 1). */
    INVALID_LABEL,
    /** Applying the update would make a parameter or a moment non-finite. */
    NON_FINITE_UPDATE,
    /** A {@code commands} record that is not a well-formed command. */
    BAD_COMMAND,
    /** A {@code features} object of another shape than named features allow, or with no feature left. */
    BAD_FEATURES,
    /** An Avro single-object value whose schema fingerprint is not the expected schema's. */
    SCHEMA_MISMATCH,
    /** A value that is not Avro single-object encoded, or whose body does not decode. */
    NOT_AVRO,
    /**
     * A label that joins no remembered prediction: unknown {@code id}, already labelled, too late,
     * too early, forgotten, or its request had no {@code id}.
     */
    UNKNOWN_PREDICTION;

    private final String code = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** True for the reasons only a {@code labels} record can have: none occurs with labels off. */
    public boolean labelsOnly() {
        return this == MISSING_ID || this == UNKNOWN_PREDICTION;
    }

    /** The reason as written in the dead letter's headers, e.g. {@code wrong-dimension}. */
    public String code() {
        return code;
    }
}
