package io.cacheweave.runtime.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * A value the encoder writes as text, read from text only: {@code java.time} values (ISO-8601, as the codec
 * writes them), {@code java.util.Date} and {@code Calendar}, {@code byte[]} (base64) and {@code char[]}. Jackson
 * would also build them from numbers (epoch seconds or days), arrays ({@code [2026,12,5]}) or numeric text, and
 * some from text of another type (a date-time for a time); none of those is what the encoder wrote, so they fail.
 * A {@code java.time} text must also parse with the type's own ISO {@code parse} method.
 */
final class TextValue extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    private final Class<?> type;
    /** {@code parse(CharSequence)} (or {@code ZoneId.of(String)}) of a {@code java.time} type, else {@code null}. */
    private final transient MethodHandle parse;

    TextValue(JsonDeserializer<?> delegate, Class<?> type) {
        super(delegate);
        this.type = type;
        this.parse = parser(type);
    }

    /** @return whether values of the type are dates or times the encoder writes as text */
    static boolean isTemporal(Class<?> type) {
        return type.getName().startsWith("java.time.") || java.util.Date.class.isAssignableFrom(type)
                || java.util.Calendar.class.isAssignableFrom(type);
    }

    private static MethodHandle parser(Class<?> type) {
        if (!type.getName().startsWith("java.time.")) {
            return null;
        }
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        try {
            if (ZoneId.class.isAssignableFrom(type)) {
                return lookup.findStatic(type, "of", MethodType.methodType(type, String.class))
                        .asType(MethodType.methodType(Object.class, String.class));
            }
            return lookup.findStatic(type, "parse", MethodType.methodType(type, CharSequence.class))
                    .asType(MethodType.methodType(Object.class, String.class));
        } catch (ReflectiveOperationException e) {
            return null; // no ISO parse method (an enum such as DayOfWeek is read by name): text only
        }
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
        return new TextValue(newDelegatee, type);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return _delegatee.deserialize(p, ctxt);
            }
            return ctxt.reportInputMismatch(this, "%s is stored as text, not %s", type.getName(),
                    p.currentToken());
        }
        String text = p.getText();
        if (parse != null) {
            try {
                parse.invoke(text);
            } catch (DateTimeException e) {
                return ctxt.reportInputMismatch(this, "\"%s\" is not an ISO-8601 %s", text, type.getSimpleName());
            } catch (Throwable e) {
                return ctxt.reportInputMismatch(this, "\"%s\" is not a %s: %s", text, type.getSimpleName(), e);
            }
        } else if (isTemporal(type) && !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return ctxt.reportInputMismatch(this, "\"%s\" is a number, not a %s", text, type.getName());
        }
        return _delegatee.deserialize(p, ctxt);
    }
}
