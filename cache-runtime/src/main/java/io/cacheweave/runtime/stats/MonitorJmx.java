package io.cacheweave.runtime.stats;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;

/**
 * Registers a monitor's MBeans on the platform MBean server: {@code io.cacheweave:type=Cacheweave} and one
 * {@code io.cacheweave:type=Operation,name=<operation>} per operation. When two runtimes live in one JVM (a test
 * installs a new one before the old is closed), the later one's beans replace the earlier one's, and closing the
 * earlier one leaves them in place. Never throws: a failure is logged once.
 */
public final class MonitorJmx implements AutoCloseable {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(MonitorJmx.class);
    /** The domain of every name. */
    public static final String DOMAIN = "io.cacheweave";
    /** Which object registered each name, so a runtime unregisters only its own beans. */
    private static final Map<ObjectName, Object> OWNERS = new ConcurrentHashMap<>();

    private final Supplier<MonitorSnapshot> snapshots;
    private final Set<ObjectName> mine = ConcurrentHashMap.newKeySet();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private volatile boolean closed;

    /** @param snapshots the snapshots the attributes are read from (cached by the caller) */
    public MonitorJmx(Supplier<MonitorSnapshot> snapshots) {
        this.snapshots = snapshots;
    }

    /** @return the name of the runtime's bean */
    public static ObjectName runtimeName() {
        return name("type=Cacheweave");
    }

    /** @param operation an operation @return the name of its bean */
    public static ObjectName operationName(String operation) {
        return name("type=Operation,name=" + (operation.matches("[^,=:\"*?\\\\\n]+") ? operation
                : ObjectName.quote(operation)));
    }

    /** Registers the runtime's bean. */
    public void registerRuntime() {
        register(runtimeName(), new RuntimeBean(snapshots));
    }

    /** @param operation registers its bean, unless already registered by this monitor */
    public void registerOperation(String operation) {
        ObjectName name = operationName(operation);
        if (!mine.contains(name)) {
            register(name, new OperationBean(snapshots, operation));
        }
    }

    private synchronized void register(ObjectName name, Object bean) {
        if (closed) {
            return;
        }
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(bean, name);
            OWNERS.put(name, this);
            mine.add(name);
        } catch (JMException | RuntimeException e) {
            LOG.warn("cacheweave: cannot register MBean {}: {}", name, e.toString());
        }
    }

    /** Unregisters this monitor's beans (those not taken over by a later runtime). */
    @Override
    public synchronized void close() {
        closed = true;
        for (ObjectName name : mine) {
            if (OWNERS.remove(name, this)) {
                try {
                    server.unregisterMBean(name);
                } catch (JMException | RuntimeException e) {
                    LOG.debug("cacheweave: cannot unregister MBean {}", name, e);
                }
            }
        }
        mine.clear();
    }

    private static ObjectName name(String properties) {
        try {
            return new ObjectName(DOMAIN + ":" + properties);
        } catch (JMException e) {
            throw new IllegalArgumentException("malformed MBean name: " + properties, e);
        }
    }
}
