package io.cacheweave.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Checks one class file before the build-time weaver reads it, so that bad input fails with the file and the
 * reason rather than deep inside the engine: unreadable, not a class file, compiled for a newer Java than the
 * build runs on, or cut short.
 */
final class ClassFileCheck {
    private static final int MAGIC = 0xCAFEBABE;
    /** Class file major version of Java 1.0 to 1.1; Java N has major version N + 44. */
    private static final int JAVA_VERSION_OFFSET = 44;

    private ClassFileCheck() {
    }

    /** @return the problem with {@code file}, or {@code null} if it is a class file this Java can weave */
    static String problem(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return file + ": cannot be read (" + e + ")";
        }
        if (bytes.length < 8 || readInt(bytes, 0) != MAGIC) {
            return file + ": is not a class file (it does not start with 0xCAFEBABE); remove it from the classes "
                    + "directory or rebuild the project";
        }
        int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
        int javaOfFile = major - JAVA_VERSION_OFFSET;
        int javaOfBuild = Runtime.version().feature();
        if (javaOfFile > javaOfBuild) {
            return file + ": compiled for Java " + javaOfFile + " (class file version " + major + "), newer than the "
                    + "Java " + javaOfBuild + " this build runs on; run the build on Java " + javaOfFile
                    + " or newer, or compile for an older release (maven.compiler.release)";
        }
        try {
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) { }, 0);
        } catch (RuntimeException e) {
            return file + ": is cut short or corrupt (" + e + "); rebuild the project";
        }
        return null;
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
