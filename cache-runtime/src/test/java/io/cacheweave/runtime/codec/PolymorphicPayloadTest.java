package io.cacheweave.runtime.codec;

import static io.cacheweave.runtime.codec.CodecFixtures.SUMMARY_LIST;
import static io.cacheweave.runtime.codec.CodecFixtures.envelope;
import static io.cacheweave.runtime.codec.CodecFixtures.reason;
import static io.cacheweave.runtime.codec.CodecFixtures.summary;
import static io.cacheweave.runtime.codec.CodecFixtures.typeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.type.TypeReference;
import io.cacheweave.runtime.codec.CodecException.Reason;
import io.cacheweave.runtime.codec.CodecFixtures.Score;
import io.cacheweave.runtime.codec.CodecFixtures.Summary;
import java.io.Serializable;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stored bytes that name classes, in every shape Jackson's polymorphic handling has ever read, decode into the
 * declared type or fail: the named class is never loaded, initialised or constructed.
 */
class PolymorphicPayloadTest {
    private static final String GADGET = "io.cacheweave.runtime.codec.PolymorphicPayloadTest$Gadget";

    /** Flags set by {@link Gadget}, kept outside it so reading them does not initialise it. */
    static final class GadgetFlags {
        static final AtomicInteger INITIALIZED = new AtomicInteger();
        static final AtomicInteger CONSTRUCTED = new AtomicInteger();
    }

    /** Stands for a deserialisation gadget: any side effect of its class being picked shows in the flags. */
    public static class Gadget extends Base implements Serializable, Comparable<Gadget> {
        private static final long serialVersionUID = 1L;

        static {
            GadgetFlags.INITIALIZED.incrementAndGet();
        }

        public String title;

        public Gadget() {
            GadgetFlags.CONSTRUCTED.incrementAndGet();
        }

        public Gadget(String title) {
            this();
            this.title = title;
        }

        public void setAnything(Object anything) {
            GadgetFlags.CONSTRUCTED.incrementAndGet();
        }

        @Override
        public int compareTo(Gadget other) {
            return 0;
        }
    }

    /** A non-final type of ours, so a subclass (the gadget) exists. */
    public static class Base {
        public String title;
    }

    record Holder(Object payload, List<Object> items, Map<String, Object> extra) {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    public static class ClassTyped {
        public String title;
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.MINIMAL_CLASS)
    public static class MinimalClassTyped {
        public String title;
    }

    record ClassTypedProperty(@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) Object content) {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = Dog.class, name = "dog"),
            @JsonSubTypes.Type(value = Cat.class, name = "cat")})
    sealed interface Animal permits Dog, Cat {
    }

    record Dog(String name) implements Animal {
    }

    record Cat(int lives) implements Animal {
    }

    private static final List<String> PAYLOADS = List.of(
            "{\"@class\":\"" + GADGET + "\",\"title\":\"x\",\"keyPoints\":[],\"wordCount\":1}",
            "[\"" + GADGET + "\",{\"title\":\"x\"}]",
            "{\"@type\":\"" + GADGET + "\",\"title\":\"x\"}",
            "{\"@c\":\".PolymorphicPayloadTest$Gadget\",\"title\":\"x\"}",
            "{\"type\":\"" + GADGET + "\",\"kind\":\"" + GADGET + "\",\"title\":\"x\"}",
            "{\"" + GADGET + "\":{\"title\":\"x\"}}",
            "[\"" + GADGET + "\",\"x\"]",
            "{\"payload\":[\"" + GADGET + "\",{\"title\":\"x\"}],\"items\":[[\"" + GADGET + "\",{}]],"
                    + "\"extra\":{\"a\":{\"@class\":\"" + GADGET + "\"}}}",
            "[[\"" + GADGET + "\",{\"title\":\"x\"}]]",
            "{\"a\":[\"" + GADGET + "\",{\"label\":\"x\",\"value\":1}],\"b\":{\"@class\":\"" + GADGET + "\"}}",
            "{\"@class\":\"java.net.URL\",\"val\":\"http://127.0.0.1/\"}",
            "[\"java.net.URL\",\"http://127.0.0.1/\"]",
            "[\"java.util.HashMap\",{\"a\":1}]",
            "[\"com.sun.rowset.JdbcRowSetImpl\",{\"dataSourceName\":\"ldap://127.0.0.1/x\",\"autoCommit\":true}]",
            "[\"org.springframework.context.support.ClassPathXmlApplicationContext\",\"http://127.0.0.1/x.xml\"]",
            "{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"true\"]}",
            "{\"kind\":\"" + GADGET + "\",\"name\":\"x\"}");

    private static final List<Type> DECLARED = List.of(Summary.class, Object.class, SUMMARY_LIST,
            typeOf(new TypeReference<Map<String, Score>>() { }), Base.class, Holder.class,
            typeOf(new TypeReference<Optional<Object>>() { }), typeOf(new TypeReference<List<Object>>() { }),
            typeOf(new TypeReference<Map<String, Object>>() { }), Serializable.class, Comparable.class,
            Animal.class, ClassTyped.class, MinimalClassTyped.class, ClassTypedProperty.class);

    /** What decoding may build: the declared types and JSON's own. */
    private static final Set<Class<?>> ALLOWED = Set.of(Summary.class, Score.class, Base.class, Holder.class,
            Dog.class, Cat.class, Optional.class, LinkedHashMap.class, ArrayList.class, String.class, Integer.class,
            Long.class, Double.class, BigInteger.class, BigDecimal.class, Boolean.class);

    @AfterEach
    void gadgetNeverTouched() {
        assertEquals(0, GadgetFlags.INITIALIZED.get(), "gadget class initialised");
        assertEquals(0, GadgetFlags.CONSTRUCTED.get(), "gadget constructed");
    }

    @Test
    void decode_classNamingPayloads_onlyDeclaredTypes() {
        for (Compression algorithm : Compression.values()) {
            JsonValueCodec codec = JsonValueCodec.builder().compression(algorithm).threshold(0).build();
            for (String json : PAYLOADS) {
                byte[] bytes = envelope(json);
                for (Type type : DECLARED) {
                    Object value;
                    try {
                        value = codec.decode(bytes, type);
                    } catch (CodecException e) {
                        assertEquals(Reason.UNDECODABLE, e.reason(), json + " as " + type);
                        continue;
                    } catch (Throwable e) {
                        fail(json + " as " + type + " threw " + e, e);
                        return;
                    }
                    assertOnlyAllowed(value, json + " as " + type);
                    Class<?> raw = type instanceof Class<?> c ? c : Object.class;
                    if (raw == Summary.class || raw == Base.class || raw == Holder.class) {
                        assertEquals(raw, value.getClass(), "exactly the declared type: " + json);
                    }
                }
            }
        }
    }

    @Test
    void decode_declaredObject_onlyJsonTypes() {
        JsonValueCodec codec = JsonValueCodec.create();
        Object value = codec.decode(envelope("[\"" + GADGET + "\",{\"@class\":\"" + GADGET
                + "\",\"n\":[1,2.5,12345678901234567890,true,null]}]"), Object.class);
        assertEquals(ArrayList.class, value.getClass());
        assertEquals(GADGET, ((List<?>) value).get(0), "a class name is just text");
        assertEquals(LinkedHashMap.class, ((List<?>) value).get(1).getClass());
        assertOnlyAllowed(value, "object");
    }

    @Test
    void encode_neverWritesClassNames() {
        JsonValueCodec codec = JsonValueCodec.builder().compression(Compression.NONE).build();
        for (Object[] valueAndType : new Object[][] {{summary(1), Summary.class},
                {List.of(summary(1)), SUMMARY_LIST}, {summary(1), Object.class}, {new Dog("rex"), Animal.class},
                {List.of(new Score("a", 1)), Object.class}, {Optional.of(summary(2)), Optional.class}}) {
            byte[] bytes = codec.encode(valueAndType[0], (Type) valueAndType[1]);
            String json = new String(bytes, 12, bytes.length - 12, StandardCharsets.UTF_8);
            assertFalse(json.contains("io.cacheweave") || json.contains("java.") || json.contains("@class")
                    || json.contains("$"), json);
        }
    }

    @Test
    void classTypeIds_refusedBothWays() {
        JsonValueCodec codec = JsonValueCodec.create();
        ClassTyped typed = new ClassTyped();
        typed.title = "x";
        CodecException e = org.junit.jupiter.api.Assertions.assertThrows(CodecException.class,
                () -> codec.encode(typed, ClassTyped.class));
        assertEquals(Reason.UNENCODABLE, e.reason());
        assertTrue(e.getMessage().contains("would store class names"), e.getMessage());
        assertEquals(Reason.UNENCODABLE, reason(() -> codec.encode(new MinimalClassTyped(), MinimalClassTyped.class)));
        assertEquals(Reason.UNENCODABLE, reason(() -> codec.encode(new ClassTypedProperty("x"),
                ClassTypedProperty.class)));
        String own = "io.cacheweave.runtime.codec.PolymorphicPayloadTest$ClassTyped";
        assertEquals(Reason.UNDECODABLE, reason(() -> codec.decode(envelope("{\"@class\":\"" + own
                + "\",\"title\":\"x\"}"), ClassTyped.class)), "not even the declared class by name");
        assertEquals(Reason.UNDECODABLE, reason(() -> codec.decode(envelope("{\"content\":{\"@class\":\"" + GADGET
                + "\"}}"), ClassTypedProperty.class)));
    }

    @Test
    void nameTypeIds_roundTripAndRejectUnknownNames() {
        JsonValueCodec codec = JsonValueCodec.create();
        List<Animal> animals = List.of(new Dog("rex"), new Cat(9));
        Type type = typeOf(new TypeReference<List<Animal>>() { });
        assertEquals(animals, codec.decode(codec.encode(animals, type), type));
        assertEquals(Reason.UNDECODABLE, reason(() -> codec.decode(envelope("{\"kind\":\"" + GADGET + "\"}"),
                Animal.class)));
    }

    private static void assertOnlyAllowed(Object value, String what) {
        if (value == null) {
            return;
        }
        assertTrue(ALLOWED.contains(value.getClass()), what + " built a " + value.getClass().getName());
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                assertOnlyAllowed(k, what);
                assertOnlyAllowed(v, what);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(item -> assertOnlyAllowed(item, what));
        } else if (value instanceof Optional<?> optional) {
            optional.ifPresent(item -> assertOnlyAllowed(item, what));
        } else if (value instanceof Summary summary) {
            assertOnlyAllowed(summary.keyPoints() == null ? null : new ArrayList<>(summary.keyPoints()), what);
        } else if (value instanceof Holder holder) {
            assertOnlyAllowed(holder.payload(), what);
            assertOnlyAllowed(holder.items(), what);
            assertOnlyAllowed(holder.extra(), what);
        }
    }
}
