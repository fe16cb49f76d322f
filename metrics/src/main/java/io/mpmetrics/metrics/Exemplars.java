package io.mpmetrics.metrics;

import io.mpmetrics.metrics.internal.ExemplarSlot;

/**
 * Checks exemplar labels: valid names, no null values, and (OpenMetrics) at most
 * {@value ExemplarSlot#MAX_CHARACTERS} UTF-8 characters (code points) of names and values in all.
 */
final class Exemplars {
    private Exemplars() {
    }

    static byte[] encode(String... labelPairs) {
        if (labelPairs.length % 2 != 0) {
            throw new IllegalArgumentException("exemplar labels come in name, value pairs; got " + labelPairs.length
                    + " strings");
        }
        for (int i = 0; i < labelPairs.length; i += 2) {
            Names.checkLabelName(labelPairs[i], "an exemplar");
            if (labelPairs[i + 1] == null) {
                throw new IllegalArgumentException("exemplar label " + labelPairs[i] + " has a null value");
            }
        }
        return ExemplarSlot.encode(labelPairs);
    }
}
