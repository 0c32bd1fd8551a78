/**
 * The Cacheweave annotation processor, {@link io.cacheweave.processor.CacheweaveProcessor}: it checks
 * {@code @Cached}, {@code @Invalidate} and {@code @CacheKey}, generates one key builder per class with woven methods,
 * and writes the index of woven methods. Everything here except the processor class is internal and is not API.
 *
 * <h2>The key builder</h2>
 * For a class {@code com.acme.TextService} (binary name; nested {@code com.acme.Outer$Inner} gives
 * {@code Outer_Inner_CacheweaveKeys}) the processor generates, in the same package:
 * <pre>{@code
 * @Generated("io.cacheweave.processor.CacheweaveProcessor")
 * public final class TextService_CacheweaveKeys {
 *     public static final CachedMethod CACHED_summarize_0 = Cacheweave.cachedMethod(
 *             new CachedMethodSpec("com.acme.TextService", "summarize",
 *                     "(Ljava/lang/String;Lcom/acme/Options;)Lcom/acme/Summary;", "summarize", 7200L, ""),
 *             new KeyFunction() { ... });            // key(a0, a1), key(Object[]), render(key, out)
 *     public static final InvalidatingMethod INVALIDATE_onModelUpdate_1 = Cacheweave.invalidatingMethod(
 *             new InvalidateSpec("com.acme.TextService", "onModelUpdate", "()V", List.of("pattern=summarize:*")),
 *             new InvalidateFunction() { ... });     // invalidate(args, inv, before)
 *     private TextService_CacheweaveKeys() {}
 *     // private static helpers: key_<field>(KeyWriter, parts...), property_<field>_<n>(Object),
 *     // render_<Type>(KeyWriter, Type)
 * }
 * }</pre>
 * Fields are named {@code CACHED_<method>_<n>} and {@code INVALIDATE_<method>_<n>}, {@code n} counting the woven
 * methods of the class from 0 in source order. The class is never referred to by a class literal, so a private
 * class gets a key builder that compiles.
 *
 * <h2>The index</h2>
 * After the last round the processor writes {@code META-INF/cacheweave/index} (UTF-8, class output) when at least
 * one method was woven: a header comment line starting with {@code #}, then one line per woven method, with fields
 * separated by a single space:
 * <pre>
 * # cacheweave index v1: kind class method descriptor holder field
 * cached &lt;binary class name&gt; &lt;method name&gt; &lt;descriptor&gt; &lt;key builder binary name&gt; &lt;field name&gt;
 * invalidate &lt;binary class name&gt; &lt;method name&gt; &lt;descriptor&gt; &lt;key builder binary name&gt; &lt;field name&gt;
 * </pre>
 * An {@code @Invalidate} method's kind says when its invalidations run: {@code invalidate} after a normal return
 * only, {@code invalidate-before} on entry only ({@code beforeInvocation = true}), {@code invalidate-both} some on
 * entry and some after a normal return. For example
 * <pre>
 * cached com.acme.TextService summarize (Ljava/lang/String;Lcom/acme/Options;)Lcom/acme/Summary; com.acme.TextService_CacheweaveKeys CACHED_summarize_0
 * invalidate com.acme.TextService onModelUpdate ()V com.acme.TextService_CacheweaveKeys INVALIDATE_onModelUpdate_1
 * </pre>
 * No field contains a space. Readers skip lines starting with {@code #} and empty lines; a new field, if ever, is
 * appended at the end of the line together with a new header version.
 */
package io.cacheweave.processor;
