package io.mpmetrics.exporter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample lines of a text exposition, for asserting values in tests (validity is promtool's
 * and Prometheus' job, see PromtoolTest and PrometheusScrapeTest). Our label values hold no
 * spaces, braces or quotes, so splitting on them is enough here.
 */
final class Exposed {
    /** One sample line: {@code series value [# exemplar]}. */
    record Sample(String series, String value, String exemplar) {
    }

    final String text;
    final List<String> lines;
    final Map<String, Sample> samples = new LinkedHashMap<>();

    Exposed(String text) {
        this.text = text;
        this.lines = List.of(text.split("\n"));
        for (String line : lines) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String exemplar = null;
            int hash = line.indexOf(" # ");
            String sample = line;
            if (hash >= 0) {
                exemplar = line.substring(hash + 3);
                sample = line.substring(0, hash);
            }
            int space = sample.lastIndexOf(' ');
            String series = sample.substring(0, space);
            if (samples.put(series, new Sample(series, sample.substring(space + 1), exemplar)) != null) {
                throw new AssertionError("series " + series + " appears twice in\n" + text);
            }
        }
    }

    Sample sample(String series) {
        Sample s = samples.get(series);
        if (s == null) {
            throw new AssertionError("no sample " + series + " in\n" + text);
        }
        return s;
    }

    String value(String series) {
        return sample(series).value();
    }

    double number(String series) {
        return Double.parseDouble(value(series));
    }

    /** The sample names (without labels). */
    List<String> names() {
        List<String> out = new ArrayList<>();
        for (String series : samples.keySet()) {
            int brace = series.indexOf('{');
            out.add(brace < 0 ? series : series.substring(0, brace));
        }
        return out;
    }
}
