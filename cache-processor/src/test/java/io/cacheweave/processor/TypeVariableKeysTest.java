package io.cacheweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import io.cacheweave.runtime.woven.CachedMethod;
import java.lang.reflect.Constructor;
import org.junit.jupiter.api.Test;

/** Generic records whose components are type variables: the generated code casts what it reads erased. */
class TypeVariableKeysTest {

    @Test
    void render_typeVariableComponentAndPath() throws Exception {
        Compilation c = Compilations.compile("good/com/acme/box/Boxes.java");
        assertThat(c).succeededWithoutWarnings();
        ClassLoader loader = Compilations.classLoader(c);
        Object options = loader.loadClass("com.acme.box.Boxes$Options").getConstructor(String.class, int.class)
                .newInstance("en", 3);
        Constructor<?> box = loader.loadClass("com.acme.box.Boxes$Box").getConstructor(Object.class, String.class);
        Object value = box.newInstance(options, "x");
        Class<?> holder = loader.loadClass("com.acme.box.Boxes_CacheweaveKeys");
        CachedMethod boxed = (CachedMethod) holder.getField("CACHED_boxed_0").get(null);
        CachedMethod unboxed = (CachedMethod) holder.getField("CACHED_unboxed_1").get(null);
        assertEquals(value, boxed.keys.key(value), "a record of value types is its own key");
        assertEquals("boxed:(value=(lang=en,max=3),label=x)", boxed.logicalKey(boxed.keys.key(value)));
        assertEquals("unboxed:en:x", unboxed.logicalKey(unboxed.keys.key(value)));
    }
}
