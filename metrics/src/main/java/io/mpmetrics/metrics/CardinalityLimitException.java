package io.mpmetrics.metrics;

/**
 * A metric already has as many label sets (series) as its limit allows, or a registry as many
 * metrics. Nothing is stored for the refused one; existing series keep working.
 *
 * <pre>{@code
 * Counter c = Counter.builder().name("hits").help("..").labelNames("path").maxLabelSets(100).register(registry);
 * }</pre>
 */
public class CardinalityLimitException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}, which names the metric, the file and the limit.
     *
     * @param message what was refused and why
     */
    public CardinalityLimitException(String message) {
        super(message);
    }
}
