package io.mpmetrics.generics;

/**
 * A type name that a {@link TypeRegistry} does not know: typically a user type that this JVM
 * has not registered yet.
 */
public class UnknownTypeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String typeName;

    /** {@code typeName} is not registered; {@code detail} says how to fix it. */
    public UnknownTypeException(String typeName, String detail) {
        super("unknown type '" + typeName + "': " + detail);
        this.typeName = typeName;
    }

    /** The base name that was not found. */
    public String typeName() {
        return typeName;
    }
}
