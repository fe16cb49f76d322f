package io.mpmetrics.types;

import io.mpmetrics.generics.TypeName;

import java.io.Serializable;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;

/**
 * Where a boxed object lives: its type's canonical name, the heap file and the offset of its
 * block. Another JVM {@linkplain Box#attach(io.mpmetrics.heap.Heap, Handle) attaches} to the
 * very same object from it: the Java form of the spec's pickling of a {@code Box}.
 *
 * <p>It travels as text ({@link #toString()} / {@link #parse(String)}, e.g. on a child's
 * command line) or through Java serialization. Its serialized form is exactly its three
 * components, and deserialization runs the same validation as the constructor (records are
 * always deserialized through their canonical constructor).
 *
 * <pre>{@code
 * Handle h = box.handle();            // Array[Double,5]@4096:/dev/shm/mpmetrics/app.heap
 * // another JVM:
 * Handle same = Handle.parse(args[0]);
 * try (Heap heap = Heap.openExisting(same.heapPath())) {
 *     Array<?> a = (Array<?>) Box.attach(heap, same).get();
 * }
 * }</pre>
 *
 * @param typeName the canonical name of the boxed type, e.g. {@code Array[Double,5]}
 * @param heapFile the absolute path of the heap file
 * @param offset the start of the object's block in the heap file
 */
public record Handle(String typeName, String heapFile, long offset) implements Serializable {
    /** The longest heap path accepted. */
    public static final int MAX_PATH_LENGTH = 4096;

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if the type name is malformed, the path is not absolute
     *     or the offset is negative
     */
    public Handle {
        TypeName.parse(Objects.requireNonNull(typeName, "typeName"));
        Objects.requireNonNull(heapFile, "heapFile");
        if (heapFile.isEmpty() || heapFile.length() > MAX_PATH_LENGTH || heapFile.indexOf('\0') >= 0
                || !Paths.get(heapFile).isAbsolute()) {
            throw new IllegalArgumentException("a handle needs the absolute path of a heap file, got '"
                    + abbreviate(heapFile) + "'");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("a handle's offset must not be negative, got " + offset);
        }
    }

    /** A handle for {@code type} at {@code offset} of the heap file {@code heapFile}. */
    public static Handle of(SharedType<?> type, Path heapFile, long offset) {
        return new Handle(type.name(), heapFile.toAbsolutePath().normalize().toString(), offset);
    }

    /** The heap file as a path. */
    public Path heapPath() {
        return Paths.get(heapFile);
    }

    /**
     * Parses the text form {@code typeName@offset:heapFile}.
     *
     * @throws IllegalArgumentException if {@code text} is not one
     */
    public static Handle parse(String text) {
        int at = text.indexOf('@');
        int colon = at < 0 ? -1 : text.indexOf(':', at);
        if (at <= 0 || colon < 0) {
            throw new IllegalArgumentException("not a handle (expected typeName@offset:heapFile): '" + abbreviate(text) + "'");
        }
        long offset;
        try {
            offset = Long.parseLong(text.substring(at + 1, colon));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad offset in handle '" + abbreviate(text) + "'", e);
        }
        return new Handle(text.substring(0, at), text.substring(colon + 1), offset);
    }

    /** The text form {@code typeName@offset:heapFile}, which {@link #parse} reads back. */
    @Override
    public String toString() {
        return typeName + "@" + offset + ":" + heapFile;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
