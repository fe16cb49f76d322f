/**
 * Parameterized type constructors whose results have canonical names that another JVM
 * resolves back to the same object: the Java form of the spec's {@code mpmetrics.generics}
 * (Python pickles a class by the name its generic helper gave it; Java has no fork, so a
 * {@link io.mpmetrics.generics.TypeRegistry} parses the name instead).
 *
 * <pre>{@code
 * IntType<Thing> things = IntType.of("Thing", (name, n) -> new Thing(name, n));
 * Thing five = things.get(5);                  // named "Thing[5]"
 * assert things.get(5) == five;                // memoized
 * TypeRegistry registry = new TypeRegistry().register(things);
 * assert registry.resolve("Thing[5]") == five; // what another JVM does with the name
 * }</pre>
 *
 * <p>Canonical names: {@code Base} or {@code Base[arg,arg,...]} with no spaces; an argument
 * is an integer ({@link java.lang.Long#toString(long)}), a float
 * ({@link java.lang.Double#toString(double)}) or another canonical name.
 */
package io.mpmetrics.generics;
