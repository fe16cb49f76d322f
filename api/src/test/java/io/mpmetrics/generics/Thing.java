package io.mpmetrics.generics;

import java.util.List;

/** A test value built by the type constructors: its name and the arguments it was made from. */
class Thing implements Named {
    private final String name;
    private final List<Object> args;

    Thing(String name, List<Object> args) {
        this.name = name;
        this.args = args;
    }

    @Override
    public String name() {
        return name;
    }

    List<Object> args() {
        return args;
    }

    @Override
    public String toString() {
        return name;
    }
}
