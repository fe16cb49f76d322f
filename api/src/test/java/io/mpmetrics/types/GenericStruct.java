package io.mpmetrics.types;

import io.mpmetrics.generics.ListType;
import io.mpmetrics.generics.Param;

import java.util.List;

/**
 * The spec tests' {@code GenericStruct}: a struct of the given field types, named by them
 * ({@code GenericStruct[Double,Array[Size_t,2]]}) and thus resolvable without registering
 * each struct. Fields are named "0", "1", ...
 */
final class GenericStruct {
    @SuppressWarnings({"unchecked", "rawtypes"})
    static final ListType<SharedType<?>, StructType<Struct>> TYPE = ListType.of("GenericStruct",
            (Param<SharedType<?>>) (Param) Param.object(SharedType.class), GenericStruct::build);

    private GenericStruct() {
    }

    private static StructType<Struct> build(String name, List<SharedType<?>> fields) {
        Struct.Builder b = Struct.builder(name);
        for (int i = 0; i < fields.size(); i++) {
            b.field(Integer.toString(i), fields.get(i));
        }
        return b.build();
    }

    static StructType<Struct> of(List<SharedType<?>> fields) {
        return TYPE.get(fields);
    }
}
