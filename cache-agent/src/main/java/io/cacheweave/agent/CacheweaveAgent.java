package io.cacheweave.agent;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The Cacheweave Java agent: {@code -javaagent:cache-agent.jar[=name=value,...]}. It weaves the methods listed in
 * {@code META-INF/cacheweave/index} (written by the annotation processor) with inline advice that calls the
 * Cacheweave runtime on the application's class path.
 *
 * <p>Agent arguments are settings with their full names, comma-separated:
 * {@code -javaagent:cache-agent.jar=cacheweave.ttl.default=30m,cacheweave.ttl.summarize=2h}. They override every
 * other configuration source.
 *
 * <p>This class does as little as possible: it hands the {@link Instrumentation} to {@link AgentInstaller} and
 * reports any failure instead of stopping the application.
 */
public final class CacheweaveAgent {

    /** The system property through which agent arguments reach the runtime's settings loader. */
    public static final String ARGUMENTS_PROPERTY = "cacheweave.agent.arguments";

    private static volatile boolean installed;

    private CacheweaveAgent() {
    }

    /**
     * Entry point of {@code -javaagent}.
     *
     * @param arguments the agent arguments, possibly {@code null}
     * @param instrumentation the JVM's instrumentation
     */
    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation);
    }

    /**
     * Entry point of a dynamic attach; classes loaded before are retransformed.
     *
     * @param arguments the agent arguments, possibly {@code null}
     * @param instrumentation the JVM's instrumentation
     */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation);
    }

    /**
     * Installs the agent into the running JVM by self-attach, for tests and embedders that cannot add
     * {@code -javaagent}. Does nothing if the agent is already installed.
     */
    public static void install() {
        if (!installed) {
            start(null, ByteBuddyAgent.install());
        }
    }

    /**
     * Installs the agent with a given {@link Instrumentation}. Does nothing if the agent is already installed.
     *
     * @param instrumentation the JVM's instrumentation
     */
    public static void install(Instrumentation instrumentation) {
        start(null, instrumentation);
    }

    /** @return whether the agent has been installed in this JVM */
    public static boolean isInstalled() {
        return installed;
    }

    private static synchronized void start(String arguments, Instrumentation instrumentation) {
        if (installed) {
            return;
        }
        try {
            AgentArguments.apply(arguments);
            AgentInstaller.install(instrumentation, arguments);
            installed = true;
            RuntimeWarmUp.start(arguments);
        } catch (Throwable t) {
            AgentLog.error("could not install the agent; the application runs without caching", t);
        }
    }
}
