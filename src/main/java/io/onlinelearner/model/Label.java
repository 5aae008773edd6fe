package io.onlinelearner.model;

import java.util.Objects;

/**
 * One parsed record of the {@code labels} topic: the {@code id} of an earlier prediction and its
 * label. {@code y} is finite; whether the loss accepts it is checked when the label is joined.
 *
 * @param idJson the {@code id} as its JSON text (a string with its quotes), compared with the
 *               remembered request's as text: {@code 7} and {@code "7"} differ
 * @param y      the label
 */
public record Label(String idJson, double y) {

    /** Checks that there is an id. */
    public Label {
        Objects.requireNonNull(idJson, "idJson");
    }
}
