package io.mpmetrics.metrics;

import io.mpmetrics.metrics.internal.ExemplarSlot;

/** Checks exemplar labels (OpenMetrics: at most 128 characters of names and values in all). */
final class Exemplars {
    static final int MAX_CHARACTERS = 128;

    private Exemplars() {
    }

    static byte[] encode(String... labelPairs) {
        if (labelPairs.length % 2 != 0) {
            throw new IllegalArgumentException("exemplar labels come in name, value pairs; got " + labelPairs.length
                    + " strings");
        }
        int chars = 0;
        for (int i = 0; i < labelPairs.length; i += 2) {
            Names.checkLabelName(labelPairs[i], "an exemplar");
            if (labelPairs[i + 1] == null) {
                throw new IllegalArgumentException("exemplar label " + labelPairs[i] + " has a null value");
            }
            chars += labelPairs[i].codePointCount(0, labelPairs[i].length())
                    + labelPairs[i + 1].codePointCount(0, labelPairs[i + 1].length());
        }
        if (chars > MAX_CHARACTERS) {
            throw new IllegalArgumentException("exemplar labels have " + chars + " characters; OpenMetrics allows "
                    + MAX_CHARACTERS);
        }
        return ExemplarSlot.encode(labelPairs);
    }
}
