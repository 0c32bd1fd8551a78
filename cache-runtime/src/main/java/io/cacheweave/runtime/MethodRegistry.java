package io.cacheweave.runtime;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@code @Cached} methods registered with the process or bound to a runtime, held weakly. A method's cache
 * belongs to the generated key builder of its class (a {@code static final} field), so when an application server
 * or a test runner drops a class loader, the caches of its methods (memory tier and all) go with it; this list
 * forgets them once they are collected. Iteration sees a snapshot of the methods alive then.
 */
final class MethodRegistry implements Iterable<MethodCache> {
    private final CopyOnWriteArrayList<WeakReference<MethodCache>> methods = new CopyOnWriteArrayList<>();
    private final ReferenceQueue<MethodCache> collected = new ReferenceQueue<>();

    /** Adds {@code m} unless it is listed already. */
    synchronized void add(MethodCache m) {
        forgetCollected();
        for (WeakReference<MethodCache> r : methods) {
            if (r.get() == m) {
                return;
            }
        }
        methods.add(new WeakReference<>(m, collected));
    }

    /** @return the methods alive now, in registration order */
    List<MethodCache> alive() {
        forgetCollected();
        List<MethodCache> alive = new ArrayList<>(methods.size());
        for (WeakReference<MethodCache> r : methods) {
            MethodCache m = r.get();
            if (m != null) {
                alive.add(m);
            }
        }
        return alive;
    }

    @Override
    public Iterator<MethodCache> iterator() {
        return alive().iterator();
    }

    /** Drops the references of collected methods, when the collector has reported any. */
    private void forgetCollected() {
        if (collected.poll() != null) {
            while (collected.poll() != null) {
                // drain: one sweep below handles them all
            }
            methods.removeIf(r -> r.get() == null);
        }
    }
}
