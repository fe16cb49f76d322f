package io.mpmetrics.cli;

import io.mpmetrics.exporter.Exposition;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --format}: the text formats only ({@code prometheus}, {@code openmetrics}). */
final class TextFormatConverter implements ITypeConverter<Exposition.Format> {
    @Override
    public Exposition.Format convert(String value) {
        Exposition.Format f;
        try {
            f = Exposition.Format.of(value);
        } catch (IllegalArgumentException e) {
            f = null;
        }
        if (f == null || f == Exposition.Format.PROTOBUF) {
            throw new TypeConversionException("unknown format '" + value + "' (use prometheus or openmetrics)");
        }
        return f;
    }
}
