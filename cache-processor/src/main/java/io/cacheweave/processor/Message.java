package io.cacheweave.processor;

import static javax.tools.Diagnostic.Kind.ERROR;
import static javax.tools.Diagnostic.Kind.WARNING;

import java.util.Locale;
import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor reports. The tag ({@code [CachedVoidMethod]}) is derived from the constant name and
 * is stable: build tools and people search for it. Each text reads: the subject as written (the annotation and the
 * method), the rule that it breaks, then a fix. The first argument of every message is that subject.
 */
enum Message {
    CACHED_ON_CONSTRUCTOR(ERROR, "%s: a constructor cannot be cached, since every call must return a new object; "
            + "put @Cached on a method that returns the value, such as a static factory"),
    CACHED_ABSTRACT_METHOD(ERROR, "%s: the method is abstract, so it has no body to weave; put @Cached on the "
            + "implementing method, or give this one a body (a default method in an interface)"),
    CACHED_VOID_METHOD(ERROR, "%s: the method returns void, so there is no result to cache; return the value to "
            + "cache, or use @Invalidate on a method that only changes data"),
    CACHED_ONE_SHOT_RESULT(ERROR, "%s: the method returns %s, %s; a stored one would reach the first caller "
            + "and be consumed, and every later caller would get it used up; %s"),
    CACHED_SUSPEND_UNIT(ERROR, "%s: the suspend function returns Unit, so there is no result to cache; return the "
            + "value to cache, or use @Invalidate on a function that only changes data"),
    CACHED_SUSPEND_REFRESH(ERROR, "%s: refreshAfter reloads in the background by calling the method again, and a "
            + "suspend function can only run inside a coroutine; leave refreshAfter out (entries then live until "
            + "their TTL), or cache a non-suspending function"),
    CACHED_EMPTY_OPERATION(ERROR, "%s: the operation must not be empty, since it names the keys, the statistics and "
            + "the settings of this cache; name it, such as operation = \"%s\""),
    CACHED_INVALID_OPERATION(ERROR, "%s: the operation must not contain ':', '*', '?', '[', ']', '\\' or "
            + "whitespace, since it is the first part of every key and patterns match on it; found %s at index %d; "
            + "use letters, digits, '-', '_' or '.', such as operation = \"%s\""),
    CACHED_REFRESH_NOT_POSITIVE(ERROR, "%s: refreshAfter is the age in seconds after which a hit reloads in the "
            + "background; give a positive number smaller than the TTL, or leave refreshAfter out for no refresh-ahead"),
    CACHED_REFRESH_NOT_BEFORE_TTL(ERROR, "%s: refreshAfter must be smaller than the TTL, or entries expire before "
            + "they are ever refreshed; use for example refreshAfter = %d"),
    CACHED_JITTER_OUT_OF_RANGE(ERROR, "%s: jitter is a percentage of the TTL from 0 to 100; use for example "
            + "jitter = 10, so that each entry lives between 90%% and 100%% of its TTL"),
    CACHED_ZERO_TTL(ERROR, "%s: a TTL of 0 seconds would expire every entry as it is stored; give the seconds an "
            + "entry lives, such as ttl = 3600, or leave ttl out to use the configured TTL"),
    CACHED_DUPLICATE_OPERATION(ERROR, "%s: operation \"%s\" is already used by %s; operations must be unique per "
            + "method, so that the keys of two methods cannot collide; rename one of them, such as "
            + "operation = \"%s\""),
    CACHED_UNKNOWN_KEY_PARAMETER(ERROR, "%s: no parameter named \"%s\"; %s.%s"),
    CACHED_UNKNOWN_KEY_PROPERTY(ERROR, "%s: in {%s}, %s has no property \"%s\" (a record component, a getter "
            + "get%s()/is%s(), a no-argument method %s() or an accessible field); %s.%s"),
    CACHED_MALFORMED_KEY(ERROR, "%s: %s; %s"),
    CACHED_KEY_WILDCARD(ERROR, "%s: '%s' at index %d is a pattern character, and a key must be literal so that "
            + "patterns can match it; remove it from the key (wildcards belong in @Invalidate(pattern = ...))"),
    CACHED_KEY_WITH_CACHE_KEY(ERROR, "%s: parameter \"%s\" is marked @CacheKey, but the key template already says "
            + "which parameters make the key; remove @CacheKey, or remove key to use the @CacheKey parameters"),
    CACHED_AND_INVALIDATE(ERROR, "%s: a method cannot be both @Cached and @Invalidate, since a hit skips the body "
            + "and its invalidation with it; put @Invalidate on the method that changes the data"),
    CACHED_UNSTABLE_KEY_PARAMETER(WARNING, "%s: key %s has type %s, %s, so equal calls get different keys and "
            + "never hit; %s"),
    CACHE_KEY_WITHOUT_CACHED(WARNING, "%s: the method has no @Cached, so @CacheKey has no effect; add @Cached, or "
            + "remove @CacheKey"),
    INVALIDATE_NO_TARGET(ERROR, "%s: give exactly one of pattern and operation; with neither, nothing would be "
            + "removed; add operation = \"...\" to remove a whole operation, or pattern = \"operation:...\""),
    INVALIDATE_TAGS_WITH_OTHER_TARGET(ERROR, "%s: tags cannot be combined with pattern, operation or key, since "
            + "each says on its own what goes; use two @Invalidate annotations to remove both"),
    CACHED_MALFORMED_TAG(ERROR, "%s: tag \"%s\": %s; %s"),
    INVALIDATE_MALFORMED_TAG(ERROR, "%s: tag \"%s\": %s; %s"),
    CACHED_TAG_NOT_IN_KEY(ERROR, "%s: tag \"%s\": {%s} is not a part of the key (%s), and a tag must be a function "
            + "of the key, so that one entry has one set of tags; add {%s} to the key, or leave it out of the tag"),
    CACHED_TAGS_WITHOUT_VALUE_EQUALITY(ERROR, "%s: tags need key parts with value equality, and %s has none (it is "
            + "keyed by its rendered text); key it by a property with equals, or leave the tags out"),
    INVALIDATE_BOTH_TARGETS(ERROR, "%s: give exactly one of pattern and operation, not both; use two @Invalidate "
            + "annotations to remove both"),
    INVALIDATE_INVALID_OPERATION(ERROR, "%s: an operation name cannot contain ':', '*', '?', '[', ']', '\\' or "
            + "whitespace; found %s at index %d; for a glob over keys use pattern = \"%s\" instead"),
    INVALIDATE_ABSTRACT_METHOD(ERROR, "%s: the method is abstract, so it has no body to weave and would never "
            + "invalidate; put @Invalidate on the implementing method"),
    INVALIDATE_UNKNOWN_PARAMETER(ERROR, "%s: no parameter named \"%s\"; %s.%s"),
    INVALIDATE_UNKNOWN_PROPERTY(ERROR, "%s: in {%s}, %s has no property \"%s\" (a record component, a getter "
            + "get%s()/is%s(), a no-argument method %s() or an accessible field); %s.%s"),
    INVALIDATE_MALFORMED_PATTERN(ERROR, "%s: %s; %s"),
    INVALIDATE_UNKNOWN_OPERATION(WARNING, "%s: no @Cached method of this compilation has operation \"%s\", so this "
            + "may remove nothing; %s.%s (An operation declared by another module is fine: then ignore this.)"),
    INVALIDATE_KEY_WITHOUT_OPERATION(ERROR, "%s: key names one entry of an operation, so it needs operation; add "
            + "operation = \"...\" naming the @Cached operation whose entry goes"),
    INVALIDATE_KEY_WITH_PATTERN(ERROR, "%s: key cannot be combined with pattern, since a pattern already says which "
            + "keys go; use operation = \"...\" with key for one entry, or put the key into the pattern"),
    INVALIDATE_MALFORMED_KEY(ERROR, "%s: %s; %s"),
    INVALIDATE_KEY_WILDCARD(ERROR, "%s: '%s' at index %d is a pattern character, and key names one exact entry; "
            + "remove it from the key, or use pattern = \"...\" to remove every matching entry"),
    INVALIDATE_KEY_SHAPE_MISMATCH(WARNING, "%s: the key has %d part(s), but the keys of %s, which has operation "
            + "\"%s\", have %d (%s), so this may remove nothing; write the key in the same form, such as "
            + "key = \"%s\""),
    KEY_TYPE_INACCESSIBLE(ERROR, "%s: %s has type %s, which is %s, so the generated key builder %s cannot name it; "
            + "make %s package-private or wider"),
    KEY_BUILDER_NAME_CLASH(ERROR, "%s: its key builder would be %s, the same as the key builder of %s; rename one "
            + "of the two classes"),
    PROCESSOR_FAILURE(ERROR, "%s: the cacheweave processor failed: %s; this is a bug in the processor, please "
            + "report it with this trace: %s");

    private final Diagnostic.Kind kind;
    private final String format;
    private final String tag;

    Message(Diagnostic.Kind kind, String format) {
        this.kind = kind;
        this.format = format;
        this.tag = tagOf(name());
    }

    /** @return {@code CachedVoidMethod} for {@code CACHED_VOID_METHOD} */
    private static String tagOf(String constant) {
        StringBuilder tag = new StringBuilder(constant.length());
        for (String word : constant.split("_")) {
            tag.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return tag.toString();
    }

    Diagnostic.Kind kind() {
        return kind;
    }

    String tag() {
        return tag;
    }

    /** @param args the subject first, then the message's own arguments @return the full text, tag first */
    String format(Object... args) {
        return "[" + tag + "] " + String.format(Locale.ROOT, format, args);
    }
}
