package io.mpmetrics.generics;

final class Arity {
    private Arity() {
    }

    static void exactly(String name, int expected, int count) {
        if (count != expected) {
            throw new IllegalArgumentException(name + " takes " + expected + " argument" + (expected == 1 ? "" : "s")
                    + ", got " + count);
        }
    }
}
