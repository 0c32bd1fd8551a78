package io.cacheweave.runtime.tier;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * A connection that is made in the background. Lettuce reconnects an established connection on its own
 * ({@code autoReconnect}), but it does not retry the first one: when Redis is unreachable at start-up, this class
 * keeps trying with the client's back-off, and until it succeeds {@link #get()} fails at once with a
 * {@link TierException}. Start-up therefore never waits for, nor fails because of, Redis.
 */
final class LazyConnection<C extends StatefulConnection<?, ?>> implements AutoCloseable {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(LazyConnection.class);

    private final String what;
    private final Supplier<CompletableFuture<C>> connector;
    private final Consumer<C> onConnected;
    private final ScheduledExecutorService scheduler;
    private final Delay delay;
    private final CountDownLatch firstAttempt = new CountDownLatch(1);

    private volatile C connection;
    private volatile Throwable failure;
    private volatile boolean closed;
    /** The attempt under way, if any: {@link #close()} lets it settle before the client's threads stop. */
    private volatile CompletableFuture<C> inFlight;
    /** Set by whichever of {@link #close()} and a late {@link #connected} closes the connection first. */
    private final java.util.concurrent.atomic.AtomicBoolean connectionClosed =
            new java.util.concurrent.atomic.AtomicBoolean();
    /** Touched only by the chain of attempts, which never overlap. */
    private int attempts;
    private boolean tlsReported;

    /**
     * @param what names the connection in messages, e.g. "redis tier at redis://host:6379"
     * @param connector starts one connection attempt
     * @param onConnected runs once the connection is made (in a Lettuce thread)
     */
    LazyConnection(String what, Supplier<CompletableFuture<C>> connector, Consumer<C> onConnected,
            ScheduledExecutorService scheduler, Delay delay) {
        this.what = what;
        this.connector = connector;
        this.onConnected = onConnected;
        this.scheduler = scheduler;
        this.delay = delay;
    }

    /** Starts connecting (the first attempt, and the following ones in the background). */
    void start() {
        attempt();
    }

    /** Waits up to {@code wait} for the first attempt to succeed or fail. */
    void awaitFirstAttempt(Duration wait) {
        try {
            firstAttempt.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @return the connection (which may itself be reconnecting, in which case its commands fail at once)
     * @throws TierNotConnectedException when no connection has been made yet
     * @throws TierException when closed
     */
    C get() {
        C c = connection;
        if (c == null) {
            Throwable f = failure;
            if (closed) {
                throw new TierException(what + " is not connected (closed)", f);
            }
            throw new TierNotConnectedException(what + " is not connected" + (f == null ? " yet"
                    : " (retrying in the background): " + f.getMessage()), f);
        }
        return c;
    }

    /** @return whether a connection was made (it may be reconnecting now) */
    boolean everConnected() {
        return connection != null;
    }

    /** @return whether a connection exists and is open right now */
    boolean isConnected() {
        C c = connection;
        return c != null && c.isOpen();
    }

    private void attempt() {
        CompletableFuture<C> future;
        synchronized (this) { // with close(): an attempt that has begun is the one close() waits for; none begins after
            if (closed) {
                return;
            }
            try {
                future = connector.get();
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            inFlight = future;
        }
        future.whenComplete((c, e) -> {
            if (e == null) {
                connected(c);
            } else {
                failed(e instanceof CompletionException && e.getCause() != null
                        ? e.getCause() : e);
            }
            firstAttempt.countDown();
        });
    }

    private void connected(C c) {
        if (closed) {
            closeOnce(c);
            return;
        }
        if (attempts > 0) {
            LOG.info("cacheweave: {} connected after {} failed attempts", what, attempts);
        }
        try {
            onConnected.accept(c);
        } catch (RuntimeException e) {
            LOG.warn("cacheweave: setting up the new connection of {} failed", what, e);
        }
        connection = c;
    }

    private void failed(Throwable e) {
        failure = e;
        attempts++;
        if (closed) { // an attempt that ended after close(): nobody waits for this connection any more
            LOG.debug("cacheweave: connection attempt of {} failed after it was closed: {}", what, e.toString());
            return;
        }
        String tls = tlsAdvice(e);
        if (attempts == 1 || (!tlsReported && !tls.isEmpty())) {
            // a TLS failure is reported even when an earlier attempt failed otherwise (a slow first handshake)
            tlsReported |= !tls.isEmpty();
            LOG.warn("cacheweave: cannot connect {} ({}); retrying in the background{}", what, withRootCause(e), tls);
        } else {
            LOG.debug("cacheweave: connection attempt {} of {} failed: {}", attempts, what, e.toString());
        }
        if (closed) {
            return;
        }
        try {
            scheduler.schedule(this::attempt, delay.createDelay(attempts).toNanos(), TimeUnit.NANOSECONDS);
        } catch (RuntimeException rejected) {
            LOG.debug("cacheweave: no further connection attempts of {}: {}", what, rejected.toString());
        }
    }

    /** @return the failure, and its root cause when it has one (Lettuce's "Unable to connect" says no more) */
    static String withRootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + ", caused by " + root;
    }

    /** Closes {@code c} unless it was closed already (Lettuce warns on a second close). */
    private CompletableFuture<Void> closeOnce(C c) {
        return connectionClosed.compareAndSet(false, true) ? c.closeAsync() : CompletableFuture.completedFuture(null);
    }

    /** @return advice when the failure is a TLS handshake that did not trust the server, else "" */
    static String tlsAdvice(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof javax.net.ssl.SSLHandshakeException || t instanceof java.security.cert.CertificateException
                    || t instanceof java.security.cert.CertPathValidatorException) {
                return ". The TLS handshake failed (" + t.getMessage() + "): the server's certificate is not "
                        + "trusted or does not name this host; trust the certificate of the CA that signed it with "
                        + "cacheweave.redis.tls.ca-cert-file (a PEM file), or add it to the JVM's trust store. "
                        + "Calls run without Redis until then";
            }
        }
        return "";
    }

    /**
     * Stops connecting and closes the connection, waiting up to two seconds. Waiting matters: Lettuce forgets a
     * closed connection only once it is fully closed, and a client shut down before that closes it again and warns.
     */
    @Override
    public void close() {
        CompletableFuture<C> attempt;
        synchronized (this) {
            closed = true;
            attempt = inFlight;
        }
        C c = connection;
        if (c == null && attempt != null) {
            // an attempt still registering its channel when the client's event loops stop makes Netty force-close
            // it and log a rejected task; let it settle first (it fails or connects within the connect timeout)
            try {
                c = attempt.get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | java.util.concurrent.CancellationException e) {
                LOG.debug("cacheweave: {} had no connection to close: {}", what, e.toString());
            }
        }
        if (c != null) { // also while it reconnects: closing it stops Lettuce's watchdog before the client's threads stop
            try {
                closeOnce(c).get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("cacheweave: closing {} failed: {}", what, e.toString());
            }
        }
    }
}
