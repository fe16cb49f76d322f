/**
 * Types backed by (shared) memory: the spec's {@code mpmetrics.types}. Plain scalars
 * ({@link io.mpmetrics.types.DoubleValue}...), the backend's atomics and locks, C-layout
 * {@link io.mpmetrics.types.Struct}s, {@link io.mpmetrics.types.Array}s, codec-encoded
 * {@link io.mpmetrics.types.SharedObject}/{@link io.mpmetrics.types.SharedList}/{@link io.mpmetrics.types.SharedDict},
 * and {@link io.mpmetrics.types.Box} to put any of them in a heap and hand it to another JVM.
 *
 * <pre>{@code
 * StructType<Struct> point = Struct.builder("Point").field("x", Types.DOUBLE).field("y", Types.DOUBLE).build();
 * Types.registry().register(point);
 * Box<Array<Struct>> points = Box.create(heap, Types.array(point, 10));
 * points.get().get(3).get("x", Types.DOUBLE).set(1.5);
 * String handle = points.handle().toString();   // "Array[Point,10]@...:/dev/shm/..."
 * }</pre>
 *
 * <table>
 * <caption>Spec names and Java names</caption>
 * <tr><th>spec</th><th>Java</th></tr>
 * <tr><td>Double, Int64, UInt64, Size_t</td><td>DoubleValue, Int64Value, UInt64Value, SizeT (type names stay Double, Int64, UInt64, Size_t)</td></tr>
 * <tr><td>Struct, _fields_</td><td>Struct, StructType, Struct.builder(name).field(..).build()</td></tr>
 * <tr><td>Array[T, n]</td><td>Array, ArrayType, Array.of(T, n)</td></tr>
 * <tr><td>Box[T](heap), pickling</td><td>Box.create(heap, T), Box.handle(), Box.attach(heap, handle)</td></tr>
 * <tr><td>__init__ / _setstate</td><td>SharedType.initialize / SharedType.attach</td></tr>
 * <tr><td>Object, List, Dict</td><td>SharedObject, SharedList, SharedDict (pickle: Codec, DefaultCodec)</td></tr>
 * </table>
 */
package io.mpmetrics.types;
