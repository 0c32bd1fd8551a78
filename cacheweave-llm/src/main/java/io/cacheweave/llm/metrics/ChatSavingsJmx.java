package io.cacheweave.llm.metrics;

import io.cacheweave.llm.ChatSavings;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what a chat cache saved over JMX: one MXBean per cache and model,
 * {@code io.cacheweave:type=ChatCache,cache=<cache>,model=<model>}, registered when the model's first request is
 * counted. {@link #close()} unregisters them.
 */
public final class ChatSavingsJmx implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatSavingsJmx.class);

    /** What each bean shows. */
    public interface ChatCacheModelMXBean {
        long getExactHits();

        long getSemanticHits();

        long getMisses();

        long getInputTokensSaved();

        long getOutputTokensSaved();

        double getCostSaved();
    }

    private final MBeanServer server;
    private final List<ObjectName> registered = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private ChatSavingsJmx(MBeanServer server) {
        this.server = server;
    }

    /** @return the beans of {@code savings} on the platform MBean server */
    public static ChatSavingsJmx register(ChatSavings savings) {
        ChatSavingsJmx jmx = new ChatSavingsJmx(ManagementFactory.getPlatformMBeanServer());
        savings.onModel(model -> jmx.register(savings, model));
        return jmx;
    }

    private void register(ChatSavings savings, String model) {
        if (closed) {
            return;
        }
        try {
            ObjectName name = new ObjectName("io.cacheweave:type=ChatCache,cache=" + ObjectName.quote(savings.cache())
                    + ",model=" + ObjectName.quote(model));
            server.registerMBean(new ChatCacheModelMXBean() {
                @Override
                public long getExactHits() {
                    return savings.model(model).exactHits();
                }

                @Override
                public long getSemanticHits() {
                    return savings.model(model).semanticHits();
                }

                @Override
                public long getMisses() {
                    return savings.model(model).misses();
                }

                @Override
                public long getInputTokensSaved() {
                    return savings.model(model).inputTokensSaved();
                }

                @Override
                public long getOutputTokensSaved() {
                    return savings.model(model).outputTokensSaved();
                }

                @Override
                public double getCostSaved() {
                    return savings.model(model).costSaved();
                }
            }, name);
            registered.add(name);
        } catch (JMException e) {
            LOG.warn("cacheweave: the JMX bean of chat cache {} model {} could not be registered: {}", savings.cache(),
                    model, e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) { // already gone
            }
        }
        registered.clear();
    }
}
