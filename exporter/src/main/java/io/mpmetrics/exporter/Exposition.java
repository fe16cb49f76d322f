package io.mpmetrics.exporter;

import io.mpmetrics.metrics.MetricsRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusProtobufWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes a registry in a Prometheus exposition format with the Prometheus Java client's own
 * writers (never by hand): for tools that print or serve metrics without a
 * {@code PrometheusRegistry}, such as {@code mpmetrics dump}.
 *
 * <pre>{@code
 * try (MetricsRegistry registry = MetricsRegistry.openExisting(file)) {
 *     Exposition.write(System.out, registry, Exposition.Format.OPENMETRICS);
 * }
 * String text = Exposition.toText(registry, Exposition.Format.of("prometheus"));
 * }</pre>
 *
 * <p>By default, as in client_java, {@code _created} samples are left out (Prometheus would store
 * each as a series of its own); {@link #write(OutputStream, MetricSnapshots, Format, boolean)}
 * can include them, in seconds since the epoch in both text formats. Metrics that have no series
 * yet are not written (client_java skips empty families).
 */
public final class Exposition {
    private Exposition() {
    }

    /** The formats client_java writes. */
    public enum Format {
        /** Prometheus text format 0.0.4. */
        PROMETHEUS("prometheus", PrometheusTextFormatWriter.CONTENT_TYPE),
        /** OpenMetrics text 1.0.0: adds exemplars, {@code # EOF}, and units. */
        OPENMETRICS("openmetrics", OpenMetricsTextFormatWriter.CONTENT_TYPE),
        /**
         * Prometheus protobuf (delimited {@code MetricFamily} messages); needs
         * {@code io.prometheus:prometheus-metrics-exposition-formats} at run time.
         */
        PROTOBUF("protobuf", PrometheusProtobufWriter.CONTENT_TYPE);

        private final String label;
        private final String contentType;

        Format(String label, String contentType) {
            this.label = label;
            this.contentType = contentType;
        }

        /** The name used on command lines: {@code prometheus}, {@code openmetrics} or {@code protobuf}. */
        public String label() {
            return label;
        }

        /** The HTTP {@code Content-Type} of this format. */
        public String contentType() {
            return contentType;
        }

        /**
         * The format named {@code name} (case-insensitive; {@code text} means Prometheus text).
         *
         * @throws IllegalArgumentException naming the known formats if there is none such
         */
        public static Format of(String name) {
            String n = Objects.requireNonNull(name, "format name").trim().toLowerCase(Locale.ROOT);
            if (n.equals("text")) {
                return PROMETHEUS;
            }
            for (Format f : values()) {
                if (f.label.equals(n)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown exposition format '" + name
                    + "' (known: prometheus, openmetrics, protobuf)");
        }
    }

    /**
     * The client_java writer of {@code format}.
     *
     * @param createdTimestamps whether to write {@code _created} samples for counters, summaries
     *        and histograms
     * @throws IllegalStateException for {@link Format#PROTOBUF} when the protobuf writer is not on
     *         the class path
     */
    @SuppressWarnings("deprecation") // setTimestampsInMs: see below
    public static ExpositionFormatWriter writer(Format format, boolean createdTimestamps) {
        switch (Objects.requireNonNull(format, "format")) {
            case PROMETHEUS:
                // Seconds, as in OpenMetrics and client_python; client_java 1.x defaults to millis and
                // deprecates the switch ahead of making seconds its default.
                return PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(createdTimestamps)
                        .setTimestampsInMs(false).build();
            case OPENMETRICS:
                return OpenMetricsTextFormatWriter.builder().setCreatedTimestampsEnabled(createdTimestamps).build();
            case PROTOBUF: {
                PrometheusProtobufWriter w = new PrometheusProtobufWriter();
                if (!w.isAvailable()) {
                    throw new IllegalStateException("the protobuf format needs "
                            + "io.prometheus:prometheus-metrics-exposition-formats on the class path");
                }
                return w;
            }
            default:
                throw new AssertionError(format);
        }
    }

    /** Writes every metric of {@code registry} to {@code out} (not closed) in {@code format}. */
    public static void write(OutputStream out, MetricsRegistry registry, Format format) throws IOException {
        write(out, registry, format, false);
    }

    /**
     * Writes every metric of {@code registry} to {@code out} (not closed) in {@code format}, with
     * {@code _created} samples if {@code createdTimestamps}.
     */
    public static void write(OutputStream out, MetricsRegistry registry, Format format, boolean createdTimestamps)
            throws IOException {
        Objects.requireNonNull(out, "out");
        ExpositionFormatWriter writer = writer(format, createdTimestamps);
        writer.write(out, new MpmetricsCollector(registry).collect());
        out.flush();
    }

    /**
     * Writes {@code snapshots} (e.g. a {@code PrometheusRegistry} scrape) to {@code out} (not
     * closed) in {@code format}.
     */
    public static void write(OutputStream out, MetricSnapshots snapshots, Format format, boolean createdTimestamps)
            throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(snapshots, "snapshots");
        writer(format, createdTimestamps).write(out, snapshots);
        out.flush();
    }

    /**
     * The exposition of {@code registry} as text.
     *
     * @throws IllegalArgumentException for {@link Format#PROTOBUF}, which is binary
     */
    public static String toText(MetricsRegistry registry, Format format) {
        if (format == Format.PROTOBUF) {
            throw new IllegalArgumentException("the protobuf format is binary; use write(..)");
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            write(buffer, registry, format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
