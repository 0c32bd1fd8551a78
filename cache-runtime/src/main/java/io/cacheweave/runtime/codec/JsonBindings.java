package io.cacheweave.runtime.codec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.invoke.MethodType;
import java.lang.reflect.Type;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one Jackson mapper of a codec and its reader and writer per declared type, each built once.
 *
 * <p>Why the mapper is configured as it is:
 * <ul>
 *   <li>no default typing, a polymorphic type validator that allows no class, and {@code @JsonTypeInfo} with class
 *       name ids refused outright: the stored bytes never name a class, so they can never choose one;</li>
 *   <li>a value decodes only from JSON of exactly the shape the encoder writes for the declared type
 *       ({@link ExactShapes}): unknown properties, missing properties (record components, creator and bean
 *       properties the encoder always writes), duplicate properties and trailing tokens fail, so JSON of another
 *       shape is a miss, never a value of nulls and zeros;</li>
 *   <li>no scalar coercion: no text for a number, boolean or enum and no number or boolean for text, no fraction
 *       for an integer, no {@code null} for a primitive, no empty text for an object, no number for an enum or a
 *       {@code java.time} value (leniency off); an integer for a floating-point number stays allowed (it loses
 *       nothing, and Jackson writes a {@code BigDecimal} of scale 0 so);</li>
 *   <li>{@code java.time} values as ISO-8601 text with their zone or offset, read back unchanged (not moved to
 *       UTC), so a value equals itself after a round trip;</li>
 *   <li>text and property names up to the codec's maximum payload size, and the same nesting limit for reading
 *       and writing, so whatever encodes also decodes.</li>
 * </ul>
 */
final class JsonBindings {
    /** Beyond this many declared types new ones are built per call rather than cached (a {@code Type} without equals). */
    private static final int MAX_CACHED_TYPES = 10_000;
    private static final int MAX_NESTING_DEPTH = 1000;

    /** What one declared type needs: its raw class for the instance check, and its reader and writer. */
    record Binding(Class<?> rawClass, ObjectReader reader, ObjectWriter writer) {
    }

    private final JsonMapper mapper;
    private final ConcurrentHashMap<Type, Binding> bindings = new ConcurrentHashMap<>();

    JsonBindings(int maxPayloadBytes) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(maxPayloadBytes)
                        .maxNameLength(maxPayloadBytes)
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build())
                .streamWriteConstraints(StreamWriteConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build())
                .build();
        ExactShapes shapes = new ExactShapes();
        this.mapper = JsonMapper.builder(factory)
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule("cacheweave-exact-shapes").setDeserializerModifier(shapes))
                .annotationIntrospector(new NoClassNameTypeIds())
                .polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder().build())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .defaultLeniency(false)
                .withCoercionConfigDefaults(c -> c.setAcceptBlankAsEmpty(false)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.DateTime, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID)
                .build();
        shapes.bind(mapper.getSerializationConfig());
    }

    /** @throws RuntimeException when Jackson cannot make a type of {@code type} */
    Binding of(Type type) {
        Binding binding = bindings.get(type);
        if (binding != null) {
            return binding;
        }
        JavaType javaType = mapper.getTypeFactory().constructType(type);
        Class<?> raw = javaType.isPrimitive() ? box(javaType.getRawClass()) : javaType.getRawClass();
        binding = new Binding(raw, mapper.readerFor(javaType), mapper.writerFor(javaType));
        if (bindings.size() < MAX_CACHED_TYPES) {
            Binding raced = bindings.putIfAbsent(type, binding);
            return raced != null ? raced : binding;
        }
        return binding;
    }

    private static Class<?> box(Class<?> primitive) {
        return MethodType.methodType(primitive).wrap().returnType();
    }

    /**
     * Refuses {@code @JsonTypeInfo(use = CLASS or MINIMAL_CLASS)} wherever it appears (a type, a property), for
     * writing and reading alike: such a type or property cannot be cached. Logical names ({@code use = NAME} with
     * {@code @JsonSubTypes}) stay allowed, because then the declared type lists the classes that may be built.
     */
    private static final class NoClassNameTypeIds extends JacksonAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        /** Every property the encoder always writes is required on reading ({@link ExactShapes}). */
        @Override
        public Boolean hasRequiredMarker(AnnotatedMember member) {
            return ExactShapes.required(member, findPropertyInclusion(member)) ? Boolean.TRUE
                    : super.hasRequiredMarker(member);
        }

        @Override
        public JsonTypeInfo.Value findPolymorphicTypeInfo(MapperConfig<?> config, Annotated annotated) {
            JsonTypeInfo.Value info = super.findPolymorphicTypeInfo(config, annotated);
            if (info != null && (info.getIdType() == JsonTypeInfo.Id.CLASS
                    || info.getIdType() == JsonTypeInfo.Id.MINIMAL_CLASS)) {
                throw new IllegalArgumentException("@JsonTypeInfo(use = " + info.getIdType() + ") on "
                        + annotated.getName() + " would store class names; cached values may not name classes, use"
                        + " JsonTypeInfo.Id.NAME with @JsonSubTypes");
            }
            return info;
        }
    }
}
