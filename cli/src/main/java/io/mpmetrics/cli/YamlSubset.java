package io.mpmetrics.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of YAML a web-config file needs: nested block mappings of scalars, with comments,
 * blank lines and plain, single- or double-quoted scalars. Anything else (sequences, flow
 * collections, anchors, multi-line scalars, tabs for indentation) is refused with the line
 * number, never guessed at.
 *
 * <pre>
 * tls_server_config:          # a mapping
 *   cert_file: server.crt     # key: scalar
 * basic_auth_users:
 *   alice: '$2y$10$...'
 * </pre>
 *
 * <p>Parses to {@code Map<String, Object>} whose values are {@code String} or such maps; an
 * empty value ({@code key:} with nothing indented below) is the empty string.
 */
final class YamlSubset {
    /** A line that breaks the subset: the message names the line (1-based). */
    static final class YamlException extends Exception {
        private static final long serialVersionUID = 1L;

        YamlException(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    private record Line(int number, int indent, String key, String value) {
    }

    private final List<Line> lines;
    private int next;

    private YamlSubset(List<Line> lines) {
        this.lines = lines;
    }

    /** Parses {@code text}; an empty document is an empty map. */
    static Map<String, Object> parse(String text) throws YamlException {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            int number = i + 1;
            String line = raw[i];
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String content = stripComment(line, number);
            if (content.isBlank() || (lines.isEmpty() && content.strip().equals("---"))) {
                continue;
            }
            int indent = 0;
            while (indent < content.length() && content.charAt(indent) == ' ') {
                indent++;
            }
            if (content.charAt(indent) == '\t') {
                throw new YamlException(number, "tabs cannot indent YAML; use spaces");
            }
            String body = content.substring(indent).stripTrailing();
            if (body.startsWith("- ") || body.equals("-")) {
                throw new YamlException(number, "sequences (- item) are not supported here");
            }
            if (body.equals("---") || body.equals("...")) {
                throw new YamlException(number, "only one YAML document is allowed");
            }
            int colon = keyEnd(body, number);
            String key = unquote(body.substring(0, colon).strip(), number);
            String value = body.substring(colon + 1).strip();
            lines.add(new Line(number, indent, key, value));
        }
        YamlSubset parser = new YamlSubset(lines);
        Map<String, Object> root = parser.mapping(0);
        if (parser.next < lines.size()) {
            Line l = lines.get(parser.next);
            throw new YamlException(l.number, "unexpected indentation");
        }
        return root;
    }

    private Map<String, Object> mapping(int indent) throws YamlException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (next < lines.size()) {
            Line l = lines.get(next);
            if (l.indent < indent) {
                break;
            }
            if (l.indent > indent) {
                throw new YamlException(l.number, "unexpected indentation");
            }
            next++;
            Object value;
            if (l.value.isEmpty()) {
                if (next < lines.size() && lines.get(next).indent > indent) {
                    value = mapping(lines.get(next).indent);
                } else {
                    value = "";
                }
            } else {
                value = scalar(l.value, l.number);
            }
            if (map.put(l.key, value) != null) {
                throw new YamlException(l.number, "duplicate key '" + l.key + "'");
            }
        }
        return map;
    }

    /** The index of the colon that ends the key (outside quotes, followed by a space or the end). */
    private static int keyEnd(String body, int number) throws YamlException {
        char first = body.charAt(0);
        int from = 0;
        if (first == '"' || first == '\'') {
            int close = body.indexOf(first, 1);
            if (close < 0) {
                throw new YamlException(number, "unterminated quoted key");
            }
            from = close + 1;
        } else if ("{[&*!|>%@`".indexOf(first) >= 0) {
            throw new YamlException(number, "'" + first + "' (flow collections, anchors, tags, block scalars) "
                    + "is not supported here");
        }
        for (int i = from; i < body.length(); i++) {
            if (body.charAt(i) == ':' && (i + 1 == body.length() || body.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        throw new YamlException(number, "expected 'key: value'");
    }

    private static String scalar(String value, int number) throws YamlException {
        char first = value.charAt(0);
        if (first == '"' || first == '\'') {
            return unquote(value, number);
        }
        if ("{[&*!|>%@`".indexOf(first) >= 0) {
            throw new YamlException(number, "'" + first + "' (flow collections, anchors, tags, block scalars) "
                    + "is not supported here; write a plain or quoted value");
        }
        return value;
    }

    private static String unquote(String s, int number) throws YamlException {
        if (s.isEmpty()) {
            throw new YamlException(number, "empty key");
        }
        char q = s.charAt(0);
        if (q != '"' && q != '\'') {
            return s;
        }
        if (s.length() < 2 || s.charAt(s.length() - 1) != q) {
            throw new YamlException(number, "unterminated quoted string");
        }
        String inner = s.substring(1, s.length() - 1);
        if (q == '\'') {
            if (inner.replace("''", "").indexOf('\'') >= 0) {
                throw new YamlException(number, "a single quote inside '...' must be doubled ('')");
            }
            return inner.replace("''", "'");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '"') {
                throw new YamlException(number, "a double quote inside \"...\" must be escaped (\\\")");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i == inner.length()) {
                throw new YamlException(number, "a backslash ends the string");
            }
            char e = inner.charAt(i);
            switch (e) {
                case '\\', '"', '/' -> out.append(e);
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                default -> throw new YamlException(number, "unsupported escape \\" + e);
            }
        }
        return out.toString();
    }

    /** The line without a comment: a '#' at the start or after white space, outside quotes. */
    private static String stripComment(String line, int number) throws YamlException {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if ((c == '"' || c == '\'') && (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == ':')) {
                quote = c;
            } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == '\t')) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
