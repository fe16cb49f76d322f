package io.mpmetrics.generics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A canonical type name split into its base and its raw (unparsed) arguments:
 * {@code Array[Struct[Double,Size_t],5]} is base {@code Array} with arguments
 * {@code Struct[Double,Size_t]} and {@code 5}. Names come from other processes (handles,
 * files), so parsing is strict and bounded: at most {@value #MAX_LENGTH} characters,
 * brackets nested at most {@value #MAX_DEPTH} deep, no spaces.
 *
 * <pre>{@code
 * TypeName n = TypeName.parse("Array[Double,5]");
 * n.base();   // "Array"
 * n.args();   // ["Double", "5"]
 * }</pre>
 */
public final class TypeName {
    /** The longest name accepted. */
    public static final int MAX_LENGTH = 4096;
    /** The deepest bracket nesting accepted. */
    public static final int MAX_DEPTH = 32;

    private final String base;
    private final List<String> args;

    private TypeName(String base, List<String> args) {
        this.base = base;
        this.args = args;
    }

    /** The part before the brackets. */
    public String base() {
        return base;
    }

    /** The raw arguments; {@code null} for a plain name (no brackets), empty for {@code Base[]}. */
    public List<String> args() {
        return args;
    }

    /** Whether the name has a bracketed argument list. */
    public boolean isParameterized() {
        return args != null;
    }

    /**
     * Parses {@code name}.
     *
     * @throws IllegalArgumentException if it is not a well-formed type name
     */
    public static TypeName parse(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a type name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("type name is longer than " + MAX_LENGTH + " characters: "
                    + name.substring(0, 64) + "...");
        }
        int open = name.indexOf('[');
        if (open < 0) {
            return new TypeName(checkBase(name), null);
        }
        String base = checkBase(name.substring(0, open));
        if (name.charAt(name.length() - 1) != ']') {
            throw malformed(name, "it does not end with ']'");
        }
        return new TypeName(base, splitArgs(name, open + 1, name.length() - 1));
    }

    private static List<String> splitArgs(String name, int from, int to) {
        if (from == to) {
            return Collections.emptyList();
        }
        List<String> args = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i < to; i++) {
            char c = name.charAt(i);
            if (c == '[') {
                // the outer bracket is level 1
                if (++depth >= MAX_DEPTH) {
                    throw malformed(name, "brackets nest deeper than " + MAX_DEPTH);
                }
            } else if (c == ']') {
                if (--depth < 0) {
                    throw malformed(name, "unbalanced ']' at " + i);
                }
            } else if (c == ',') {
                if (depth == 0) {
                    args.add(arg(name, start, i));
                    start = i + 1;
                }
            } else if (!isNameChar(c) && c != '-' && c != '+') {
                throw malformed(name, "character '" + c + "' at " + i + " is not allowed");
            }
        }
        if (depth != 0) {
            throw malformed(name, "unbalanced '['");
        }
        args.add(arg(name, start, to));
        return Collections.unmodifiableList(args);
    }

    private static String arg(String name, int from, int to) {
        if (from == to) {
            throw malformed(name, "empty argument at " + from);
        }
        return name.substring(from, to);
    }

    /**
     * Checks that {@code base} is a valid base name: a letter or {@code _} followed by letters,
     * digits, {@code _}, {@code .} or {@code $}.
     *
     * @return {@code base}
     * @throws IllegalArgumentException otherwise
     */
    public static String checkBase(String base) {
        if (base == null || base.isEmpty()) {
            throw new IllegalArgumentException("a type name must start with a base name, got '" + base + "'");
        }
        if (base.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("base name is longer than " + MAX_LENGTH + " characters");
        }
        char first = base.charAt(0);
        if (!(Character.isLetter(first) || first == '_') || first > 0x7f) {
            throw new IllegalArgumentException("type name '" + base + "' must start with an ASCII letter or '_'");
        }
        for (int i = 1; i < base.length(); i++) {
            if (!isNameChar(base.charAt(i))) {
                throw new IllegalArgumentException("type name '" + base + "' has a character that is not allowed: '"
                        + base.charAt(i) + "' (allowed: ASCII letters, digits, '_', '.', '$')");
            }
        }
        return base;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '$';
    }

    private static IllegalArgumentException malformed(String name, String why) {
        return new IllegalArgumentException("malformed type name '" + name + "': " + why);
    }

    /** {@code base[args...]} joined back. */
    @Override
    public String toString() {
        return args == null ? base : base + "[" + String.join(",", args) + "]";
    }
}
