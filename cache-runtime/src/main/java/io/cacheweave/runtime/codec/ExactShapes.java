package io.cacheweave.runtime.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.CreatorProperty;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.type.ArrayType;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Makes a stored object decode only when it has exactly the shape the encoder writes for the declared type, so
 * that JSON of another shape ({@code {}}, another record's JSON, an object with a class name in it) is a miss rather
 * than a value of nulls and zeros:
 * <ul>
 *   <li>a property the encoder writes but no setter or creator reads (a getter-only property) is known, and
 *       ignored; every other unknown property fails (the mapper's {@code FAIL_ON_UNKNOWN_PROPERTIES});</li>
 *   <li>every property the encoder always writes must be present: creator properties (record components) through
 *       {@link #required(AnnotatedMember, JsonInclude.Value)}, which {@link JsonBindings}' introspector reports as
 *       Jackson's required marker, setter and field properties through {@link PresenceCheck}. A property whose
 *       {@code @JsonInclude} lets the encoder leave it out (on the property or its class) may be absent.</li>
 * </ul>
 */
final class ExactShapes extends BeanDeserializerModifier {
    private static final long serialVersionUID = 1L;

    /** The mapper's serialization side: which properties the encoder writes. Set once, before any decoding. */
    private transient volatile SerializationConfig written;

    void bind(SerializationConfig config) {
        this.written = config;
    }

    /**
     * @param member a property's accessor, field or creator parameter
     * @param inclusion the {@code @JsonInclude} on the member, or {@code null}
     * @return whether the encoder always writes the property, so a stored value must have it
     */
    static boolean required(AnnotatedMember member, JsonInclude.Value inclusion) {
        if (!always(inclusion)) {
            return false;
        }
        JsonInclude onClass = member.getDeclaringClass().getAnnotation(JsonInclude.class);
        return onClass == null || always(JsonInclude.Value.from(onClass));
    }

    private static boolean always(JsonInclude.Value inclusion) {
        if (inclusion == null) {
            return true;
        }
        JsonInclude.Include value = inclusion.getValueInclusion();
        return value == JsonInclude.Include.ALWAYS || value == JsonInclude.Include.USE_DEFAULTS;
    }

    @Override
    public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription beanDesc,
            BeanDeserializerBuilder builder) {
        for (BeanPropertyDefinition property : writtenProperties(beanDesc)) {
            if (builder.findProperty(property.getFullName()) == null) {
                builder.addIgnorable(property.getName()); // written from a getter, read by nothing
            }
        }
        return builder;
    }

    @Override
    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription beanDesc,
            JsonDeserializer<?> deserializer) {
        Class<?> raw = beanDesc.getBeanClass();
        if (TextValue.isTemporal(raw)) {
            return new TextValue(deserializer, raw);
        }
        if (!(deserializer instanceof BeanDeserializerBase bean)) {
            return deserializer;
        }
        List<String> required = new ArrayList<>();
        for (BeanPropertyDefinition property : writtenProperties(beanDesc)) {
            if (property.getMetadata().isRequired()) { // the encoder always writes it (inclusion ALWAYS)
                required.add(property.getName());
            }
        }
        for (Iterator<SettableBeanProperty> it = bean.properties(); it.hasNext(); ) {
            SettableBeanProperty property = it.next();
            if (property instanceof CreatorProperty) {
                required.remove(property.getName()); // Jackson checks creator properties itself
            }
        }
        return required.isEmpty() ? deserializer : new PresenceCheck(deserializer, List.copyOf(required));
    }

    @Override
    public JsonDeserializer<?> modifyArrayDeserializer(DeserializationConfig config, ArrayType valueType,
            BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
        Class<?> raw = valueType.getRawClass();
        return raw == byte[].class || raw == char[].class ? new TextValue(deserializer, raw) : deserializer;
    }

    /** @return the properties the encoder writes for the bean's type */
    private List<BeanPropertyDefinition> writtenProperties(BeanDescription beanDesc) {
        SerializationConfig config = written;
        if (config == null || beanDesc.getType().isContainerType()) {
            return List.of();
        }
        List<BeanPropertyDefinition> found = new ArrayList<>();
        for (BeanPropertyDefinition property : config.introspect(beanDesc.getType()).findProperties()) {
            if (property.couldSerialize()) {
                found.add(property);
            }
        }
        return found;
    }

    /**
     * A bean deserializer that first reads the object's property names (into a token buffer it then decodes
     * from) and fails when a property the encoder always writes is absent: Jackson enforces presence for creator
     * properties only.
     */
    static final class PresenceCheck extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;
        private final List<String> required;

        PresenceCheck(JsonDeserializer<?> delegate, List<String> required) {
            super(delegate);
            this.required = required;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new PresenceCheck(newDelegatee, required);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t != JsonToken.START_OBJECT && t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
                return _delegatee.deserialize(p, ctxt); // another shape: the bean deserializer decides
            }
            if (t == JsonToken.START_OBJECT) {
                t = p.nextToken();
            }
            TokenBuffer buffer = ctxt.bufferForInputBuffering(p);
            buffer.writeStartObject();
            Set<String> present = new HashSet<>();
            for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                present.add(name);
                buffer.writeFieldName(name);
                p.nextToken();
                buffer.copyCurrentStructure(p);
            }
            buffer.writeEndObject();
            for (String name : required) {
                if (!present.contains(name)) {
                    return ctxt.reportInputMismatch(_delegatee, "missing property \"%s\" of %s", name,
                            handledType().getName());
                }
            }
            JsonParser buffered = buffer.asParserOnFirstToken();
            return _delegatee.deserialize(buffered, ctxt);
        }
    }
}
