package io.cacheweave.agent;

import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;

/**
 * The agent's use of Byte Buddy, kept in one class that {@link IndexedClassTransformer} reaches only when a class
 * needs it, so that a JVM whose application loads no listed class never loads Byte Buddy at all. Weaving a class
 * here is what Byte Buddy's {@code AgentBuilder} did with {@code disableClassFormatChanges()} and
 * {@code TypeStrategy.Default.DECORATE}: the class keeps its members and shape, only the listed methods' code
 * changes (so it can also be retransformed).
 */
final class ClassWeaver {
    private static final ByteBuddy BYTE_BUDDY = new ByteBuddy()
            .with(Implementation.Context.Disabled.Factory.INSTANCE);
    private static final String CACHED = "Lio/cacheweave/annotations/Cached;";

    private ClassWeaver() {
    }

    /** A woven class; {@code complete} when every listed method was woven (only such a class is kept on disk). */
    record Woven(byte[] bytes, boolean complete) {
    }

    /**
     * @param name the class's binary name
     * @return the class with the advice of every entry inlined; an entry that cannot be woven is reported and left
     */
    static Woven weave(ClassLoader loader, String name, byte[] bytes, List<WeaveIndex.Entry> entries) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, bytes),
                ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = TypePool.Default.of(locator);
        TypeDescription type = pool.describe(name).resolve();
        DynamicType.Builder<?> builder = BYTE_BUDDY.decorate(type, locator);
        boolean[] problems = new boolean[1];
        builder = MethodWeaving.weave(builder, type, entries, pool, problem -> {
            problems[0] = true;
            AgentLog.warn(problem.getMessage() + " The method runs uncached.");
        });
        return new Woven(builder.make(pool).getBytes(), !problems[0]);
    }

    /** @return whether a method of the class carries {@code @Cached} (read with ASM alone, code skipped) */
    static boolean hasCachedMethods(byte[] bytes) {
        boolean[] found = new boolean[1];
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                        found[0] |= CACHED.equals(annotation);
                        return null;
                    }
                };
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found[0];
    }
}
