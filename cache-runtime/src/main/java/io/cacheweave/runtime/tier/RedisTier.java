package io.cacheweave.runtime.tier;

import io.cacheweave.runtime.key.GlobPattern;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisKeyAsyncCommands;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;

/**
 * The shared tier on Redis (standalone, Sentinel or Cluster) through one Lettuce connection, or
 * {@link RedisTierConfig#connections()} of them with each call on one picked at random.
 *
 * <ul>
 *   <li>{@code get}: {@code GET} + {@code PTTL}, pipelined; {@code getAll}: the same for every key, pipelined in
 *       batches of {@value #BATCH} keys (routed per key on a cluster, so keys may lie in any slot).</li>
 *   <li>{@code put}: {@code SET key value PX ms}; {@code putAll}: pipelined {@code SET ... PX}, in batches of
 *       {@value #BATCH}.</li>
 *   <li>{@code delete}: {@code UNLINK} (split per slot on a cluster).</li>
 *   <li>{@code deleteMatching}: {@code SCAN MATCH prefilter COUNT n} on every master with {@code UNLINK} of each
 *       batch's keys that {@link GlobPattern#matches} (Redis' glob may end a {@code *} inside an escape sequence,
 *       so its {@code MATCH} only narrows the keys, see {@link GlobPattern#redisPrefilter()}); never
 *       {@code KEYS}.</li>
 *   <li>{@code remainingMillis}: {@code PTTL}; {@code extendTtl}: one Lua script ({@code PTTL}, then
 *       {@code PEXPIRE} to the sum when the key has an expiry), so it is atomic; {@code keys}: {@code SCAN MATCH} on
 *       every master, filtered the same way, until the limit; {@code cleanupExpired}: 0, since Redis removes expired keys itself.</li>
 * </ul>
 *
 * <p>Every command (or pipelined batch) has {@link RedisTierConfig#timeout()}, so a call with many keys may take one
 * timeout per batch of {@value #BATCH} keys (and {@code deleteMatching} one per {@code SCAN} step); a timeout throws
 * {@link TierTimeoutException}, any other failure {@link TierException}. With
 * {@link RedisTierConfig#retryOnTimeout()} an idempotent call that timed out is sent once more before it throws. While Redis is unreachable, commands fail
 * at once (they are not queued); the connection is made, and remade, in the background. Wrap it in a
 * {@link GuardedTier} so callers never see those exceptions. Thread-safe; one instance serves the whole runtime.
 */
public final class RedisTier implements SharedTier, LeaseTier, GenerationTier {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(RedisTier.class);
    /**
     * The codec, in a class of its own: Lettuce's {@code StringCodec} starts Netty's logging and with it SLF4J, and
     * this class initializes on the thread that builds the process-wide runtime, which the first cached call waits
     * for; the codec is first used by the client's start thread.
     */
    static final class Wire {
        /** Keys are UTF-8 text, values opaque bytes. */
        static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

        private Wire() {
        }
    }
    /**
     * Keys per pipelined batch of {@code getAll}/{@code putAll}: each batch is one write and gets the whole timeout,
     * so a large call takes several round trips instead of timing out as a whole.
     */
    static final int BATCH = 500;

    /** The client and its connections, made by {@link #start()}; {@code null} until then. */
    private record Parts(RedisConnector connector, LazyConnection<StatefulConnection<String, byte[]>>[] connections) {
    }

    private final RedisTierConfig config;
    private volatile Parts parts;
    /** Guarded by this: set by {@link #close()}; parts made after it are closed at once. */
    private boolean closed;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    /** {@link #onConnected} actions, run on every connection the client makes. */
    private final List<Runnable> connectedActions = new CopyOnWriteArrayList<>();
    private final boolean retryOnTimeout;
    private final java.util.concurrent.atomic.LongAdder retries = new java.util.concurrent.atomic.LongAdder();
    private final long timeoutNanos;
    private final long connectTimeoutNanos;
    private final int scanCount;

    private RedisTier(RedisTierConfig config) {
        this.config = config;
        this.timeoutNanos = config.timeout().toNanos();
        this.connectTimeoutNanos = config.connectTimeout().toNanos();
        this.scanCount = config.scanCount();
        this.retryOnTimeout = config.retryOnTimeout();
    }

    /** Makes the client (Lettuce, Netty: the costly part) and starts connecting; once, never throws. */
    private void startInBackground() {
        try {
            start();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("cacheweave: cannot start the Redis client of {}; running without Redis", config.redactedUrl(),
                    e);
        }
    }

    /** Makes the client, starts connecting and waits for the first attempts (at most the connect timeout); once. */
    private void start() {
        try {
            RedisConnector connector = new RedisConnector(config, config.clientName());
            connector.onConnected(() -> connectedActions.forEach(Runnable::run));
            @SuppressWarnings("unchecked")
            LazyConnection<StatefulConnection<String, byte[]>>[] made = new LazyConnection[config.connections()];
            for (int i = 0; i < made.length; i++) {
                made[i] = new LazyConnection<>("redis tier at " + config.redactedUrl()
                        + (made.length == 1 ? "" : " (connection " + (i + 1) + " of " + made.length + ")"),
                        () -> connector.connect(Wire.CODEC), c -> { }, connector.resources().eventExecutorGroup(),
                        connector.resources().reconnectDelay());
            }
            Parts p = new Parts(connector, made);
            synchronized (this) {
                if (!closed) {
                    parts = p;
                }
            }
            if (parts == p) {
                for (LazyConnection<?> c : made) {
                    c.start();
                }
                long deadline = System.nanoTime() + connectTimeoutNanos;
                for (LazyConnection<?> c : made) { // attempts run side by side: one connect timeout for all
                    c.awaitFirstAttempt(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                }
            } else {
                connector.close();
            }
        } catch (RuntimeException | LinkageError e) {
            started.completeExceptionally(e);
            throw e;
        } finally {
            started.complete(null); // does nothing after completeExceptionally
        }
    }

    /**
     * Creates the tier and starts connecting. Waits at most {@link RedisTierConfig#connectTimeout()} for the first
     * connection attempt; if Redis is unreachable it returns anyway, and keeps connecting in the background while
     * every command fails at once with a {@link TierException}.
     *
     * @param config where Redis is
     * @return the tier; close it to release its connection and threads
     */
    public static RedisTier connect(RedisTierConfig config) {
        Objects.requireNonNull(config, "config must not be null");
        RedisTier tier = new RedisTier(config);
        tier.start(); // waits for the first attempts
        return tier;
    }

    /**
     * Creates the tier and returns at once: the client is made and connected on a daemon thread
     * ("cacheweave-redis-start"), so nobody waits for Lettuce and Netty to load nor for Redis to answer. Until the
     * first connection is made every command fails at once with a {@link TierNotConnectedException} (a
     * {@link GuardedTier} skips the tier for it, without counting a failure); the first command after it uses Redis.
     *
     * @param config where Redis is
     * @return the tier; close it to release its connection and threads
     */
    public static RedisTier connectInBackground(RedisTierConfig config) {
        Objects.requireNonNull(config, "config must not be null");
        RedisTier tier = new RedisTier(config);
        Thread starter = new Thread(tier::startInBackground, "cacheweave-redis-start");
        starter.setDaemon(true);
        starter.start();
        return tier;
    }

    @Override
    public void onConnected(Runnable action) {
        connectedActions.add(Objects.requireNonNull(action, "action must not be null"));
    }

    /**
     * @return completes once the client is made and its first connection attempts have ended (connected or failed,
     *     at most {@link RedisTierConfig#connectTimeout()}); exceptionally, with the cause, when the client could not
     *     be made
     */
    public CompletableFuture<Void> started() {
        return started;
    }

    /** How long {@link #info()} answers from its last reading. */
    static final long INFO_MAX_AGE_NANOS = 5_000_000_000L;
    private volatile RedisInfo info;
    private volatile long infoAt;

    /**
     * What Redis reports about itself ({@code INFO}; summed over the masters of a cluster), read at most once every
     * five seconds; for the monitor.
     *
     * @return the numbers, or {@code null} when Redis could not be asked or the tier is not connected now
     */
    public RedisInfo info() {
        if (!isConnected()) {
            return null;
        }
        long now = System.nanoTime();
        RedisInfo cached = info;
        if (cached != null && now - infoAt < INFO_MAX_AGE_NANOS) {
            return cached;
        }
        try {
            RedisInfo sum = null;
            for (RedisKeyAsyncCommands<String, byte[]> master : masters(connection().get())) {
                @SuppressWarnings("unchecked")
                String text = RedisFutures.await(((io.lettuce.core.api.async.RedisServerAsyncCommands<String, byte[]>)
                        master).info(), System.nanoTime() + timeoutNanos, "INFO");
                RedisInfo one = RedisInfo.parse(text);
                sum = sum == null ? one : sum.plus(one);
            }
            info = sum;
            infoAt = now;
            return sum;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** @return whether every connection of the tier is up right now (one may still drop at any time) */
    public boolean isConnected() {
        Parts p = parts;
        if (p == null) {
            return false;
        }
        for (LazyConnection<?> c : p.connections()) {
            if (!c.isConnected()) {
                return false;
            }
        }
        return true;
    }

    /** @return whether a connection of the tier has been made since it started (it may be down right now) */
    @Override
    public boolean ready() {
        Parts p = parts;
        if (p == null) {
            return false;
        }
        for (LazyConnection<?> c : p.connections()) {
            if (c.everConnected()) {
                return true;
            }
        }
        return false;
    }

    /** @return calls sent a second time after a timeout ({@link RedisTierConfig#retryOnTimeout()}) */
    public long retries() {
        return retries.sum();
    }

    /** @return one of the data connections, at random when there are several */
    private LazyConnection<StatefulConnection<String, byte[]>> connection() {
        Parts p = parts;
        if (p == null) {
            throw new TierNotConnectedException("redis tier at " + config.redactedUrl() + " is not connected yet (its "
                    + "client is starting)");
        }
        LazyConnection<StatefulConnection<String, byte[]>>[] connections = p.connections();
        return connections.length == 1 ? connections[0]
                : connections[java.util.concurrent.ThreadLocalRandom.current().nextInt(connections.length)];
    }

    /** Runs an idempotent call; sends it once more if it timed out and the configuration asks for that. */
    private <T> T idempotent(java.util.function.Supplier<T> call) {
        if (!retryOnTimeout) {
            return call.get();
        }
        try {
            return call.get();
        } catch (RuntimeException e) {
            if (!GuardedTier.isTimeout(e)) {
                throw e;
            }
            retries.increment();
            return call.get();
        }
    }

    @Override
    public StoredValue get(String key) {
        return idempotent(() -> getOnce(key));
    }

    private StoredValue getOnce(String key) {
        Objects.requireNonNull(key, "key must not be null");
        AsyncCommand<String, byte[], byte[]> value = get0(key);
        AsyncCommand<String, byte[], Long> ttl = pttl(key);
        long deadline = dispatch(List.of(value, ttl), "GET");
        byte[] bytes = RedisFutures.await(value, deadline, "GET");
        Long remaining = RedisFutures.await(ttl, deadline, "PTTL");
        return stored(bytes, remaining);
    }

    @Override
    public Map<String, StoredValue> getAll(List<String> keys) {
        return idempotent(() -> getAllOnce(keys));
    }

    private Map<String, StoredValue> getAllOnce(List<String> keys) {
        Objects.requireNonNull(keys, "keys must not be null");
        for (String key : keys) {
            Objects.requireNonNull(key, "keys must not contain null");
        }
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<String, StoredValue> found = new LinkedHashMap<>();
        for (int from = 0; from < keys.size(); from += BATCH) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + BATCH));
            List<AsyncCommand<String, byte[], ?>> commands = new ArrayList<>(batch.size() * 2);
            for (String key : batch) {
                commands.add(get0(key));
                commands.add(pttl(key));
            }
            RedisFutures.awaitAll(commands, dispatch(commands, "GET"), "GET");
            for (int i = 0; i < batch.size(); i++) {
                StoredValue v = stored((byte[]) commands.get(2 * i).join(), (Long) commands.get(2 * i + 1).join());
                if (v != null) {
                    found.put(batch.get(i), v);
                }
            }
        }
        return found;
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        idempotent(() -> {
            putOnce(key, value, ttl);
            return null;
        });
    }

    private void putOnce(String key, byte[] value, Duration ttl) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(value, "value must not be null");
        AsyncCommand<String, byte[], String> set = setPx(key, value, millis(ttl));
        RedisFutures.await(set, dispatch(List.of(set), "SET"), "SET");
    }

    @Override
    public void putAll(Map<String, byte[]> values, Duration ttl) {
        idempotent(() -> {
            putAllOnce(values, ttl);
            return null;
        });
    }

    private void putAllOnce(Map<String, byte[]> values, Duration ttl) {
        Objects.requireNonNull(values, "values must not be null");
        long px = millis(ttl);
        List<AsyncCommand<String, byte[], ?>> commands = new ArrayList<>(Math.min(values.size(), BATCH));
        for (Map.Entry<String, byte[]> entry : values.entrySet()) {
            String key = Objects.requireNonNull(entry.getKey(), "keys must not be null");
            commands.add(setPx(key, Objects.requireNonNull(entry.getValue(), () -> "value of " + key
                    + " must not be null"), px));
            if (commands.size() == BATCH) {
                RedisFutures.awaitAll(commands, dispatch(commands, "SET"), "SET");
                commands = new ArrayList<>(BATCH);
            }
        }
        if (!commands.isEmpty()) {
            RedisFutures.awaitAll(commands, dispatch(commands, "SET"), "SET");
        }
    }

    @Override
    public long delete(Collection<String> keys) {
        return idempotent(() -> deleteOnce(keys));
    }

    private long deleteOnce(Collection<String> keys) {
        Objects.requireNonNull(keys, "keys must not be null");
        if (keys.isEmpty()) {
            return 0;
        }
        String[] array = keys.toArray(String[]::new);
        for (String key : array) {
            Objects.requireNonNull(key, "keys must not contain null");
        }
        try {
            // UNLINK of a cluster connection splits the keys per slot and sends each part to its master
            RedisFuture<Long> unlinked = keyCommands(connection().get()).unlink(array);
            return RedisFutures.await(unlinked, System.nanoTime() + timeoutNanos, "UNLINK");
        } catch (RuntimeException e) {
            throw RedisFutures.failure(e, "UNLINK");
        }
    }

    @Override
    public long deleteMatching(String glob) {
        return idempotent(() -> deleteMatchingOnce(glob));
    }

    private long deleteMatchingOnce(String glob) {
        Objects.requireNonNull(glob, "glob must not be null");
        if (glob.isEmpty()) {
            throw new IllegalArgumentException("glob must not be empty");
        }
        GlobPattern pattern = GlobPattern.compile(glob);
        try {
            StatefulConnection<String, byte[]> c = connection().get();
            RedisKeyAsyncCommands<String, byte[]> unlink = keyCommands(c);
            long removed = 0;
            for (RedisKeyAsyncCommands<String, byte[]> master : masters(c)) {
                removed += deleteMatching(master, unlink, pattern);
            }
            return removed;
        } catch (RuntimeException e) {
            throw RedisFutures.failure(e, "SCAN/UNLINK");
        }
    }

    /** Scans one master; the next {@code SCAN} is in flight while the previous batch is unlinked. */
    private long deleteMatching(RedisKeyAsyncCommands<String, byte[]> master,
            RedisKeyAsyncCommands<String, byte[]> unlink, GlobPattern pattern) {
        ScanArgs args = ScanArgs.Builder.matches(pattern.redisPrefilter()).limit(scanCount);
        RedisFuture<KeyScanCursor<String>> scan = master.scan(ScanCursor.INITIAL, args);
        RedisFuture<Long> pending = null;
        long removed = 0;
        while (true) {
            KeyScanCursor<String> batch = RedisFutures.await(scan, System.nanoTime() + timeoutNanos, "SCAN");
            if (!batch.isFinished()) {
                scan = master.scan(batch, args);
            }
            if (pending != null) {
                removed += RedisFutures.await(pending, System.nanoTime() + timeoutNanos, "UNLINK");
                pending = null;
            }
            String[] matching = batch.getKeys().stream().filter(pattern::matches).toArray(String[]::new);
            if (matching.length > 0) {
                pending = unlink.unlink(matching);
            }
            if (batch.isFinished()) {
                break;
            }
        }
        if (pending != null) {
            removed += RedisFutures.await(pending, System.nanoTime() + timeoutNanos, "UNLINK");
        }
        return removed;
    }

    /** Adds ARGV[1] milliseconds to the key's expiry if it has one; 1 if extended, else 0. */
    private static final String EXTEND_SCRIPT =
            "local t = redis.call('pttl', KEYS[1]) if t > 0 then "
            + "return redis.call('pexpire', KEYS[1], t + tonumber(ARGV[1])) else return 0 end";

    @Override
    public long remainingMillis(String key) {
        return idempotent(() -> remainingMillisOnce(key));
    }

    private long remainingMillisOnce(String key) {
        AsyncCommand<String, byte[], Long> ttl = pttl(Objects.requireNonNull(key, "key must not be null"));
        Long remaining = RedisFutures.await(ttl, dispatch(List.of(ttl), "PTTL"), "PTTL");
        return remaining == null || remaining == -2 || remaining == 0 ? ABSENT : remaining < 0 ? NO_EXPIRY : remaining;
    }

    @Override
    public boolean extendTtl(String key, Duration extra) {
        CommandArgs<String, byte[]> args = new CommandArgs<>(Wire.CODEC).add(EXTEND_SCRIPT).add(1)
                .addKey(Objects.requireNonNull(key, "key must not be null")).add(millis(extra));
        AsyncCommand<String, byte[], Long> eval = new AsyncCommand<>(new Command<>(CommandType.EVAL,
                new IntegerOutput<>(Wire.CODEC), args));
        return RedisFutures.await(eval, dispatch(List.of(eval), "EVAL"), "EVAL") == 1L;
    }

    @Override
    public List<String> keys(String glob, int limit) {
        return idempotent(() -> keysOnce(glob, limit));
    }

    private List<String> keysOnce(String glob, int limit) {
        Objects.requireNonNull(glob, "glob must not be null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        GlobPattern pattern = GlobPattern.compile(glob);
        try {
            List<String> found = new ArrayList<>();
            ScanArgs args = ScanArgs.Builder.matches(pattern.redisPrefilter()).limit(scanCount);
            for (RedisKeyAsyncCommands<String, byte[]> master : masters(connection().get())) {
                ScanCursor cursor = ScanCursor.INITIAL;
                do {
                    KeyScanCursor<String> batch = RedisFutures.await(master.scan(cursor, args),
                            System.nanoTime() + timeoutNanos, "SCAN");
                    for (String key : batch.getKeys()) {
                        if (found.size() == limit) {
                            return found;
                        }
                        if (pattern.matches(key)) {
                            found.add(key);
                        }
                    }
                    cursor = batch;
                } while (!cursor.isFinished());
            }
            return found;
        } catch (RuntimeException e) {
            throw RedisFutures.failure(e, "SCAN");
        }
    }

    /** Increments a generation counter, never below the floor (a lost counter restarts above every earlier value). */
    private static final String BUMP_SCRIPT =
            "local g = redis.call('incr', KEYS[1]) local f = tonumber(ARGV[1]) "
            + "if g < f then redis.call('set', KEYS[1], ARGV[1]) return f end return g";

    @Override
    public long bumpGeneration(String key, long floor) {
        CommandArgs<String, byte[]> args = new CommandArgs<>(Wire.CODEC).add(BUMP_SCRIPT).add(1)
                .addKey(Objects.requireNonNull(key, "key must not be null")).add(floor);
        AsyncCommand<String, byte[], Long> eval = new AsyncCommand<>(new Command<>(CommandType.EVAL,
                new IntegerOutput<>(Wire.CODEC), args));
        return RedisFutures.await(eval, dispatch(List.of(eval), "EVAL"), "EVAL");
    }

    @Override
    public long[] generations(List<String> keys) {
        return idempotent(() -> {
            List<AsyncCommand<String, byte[], byte[]>> gets = new ArrayList<>(keys.size());
            for (String key : keys) {
                gets.add(get0(Objects.requireNonNull(key, "keys must not contain null")));
            }
            RedisFutures.awaitAll(new ArrayList<>(gets), dispatch(new ArrayList<>(gets), "GET"), "GET");
            long[] values = new long[keys.size()];
            for (int i = 0; i < values.length; i++) {
                byte[] bytes = gets.get(i).join();
                values[i] = bytes == null ? 0 : Long.parseLong(new String(bytes,
                        java.nio.charset.StandardCharsets.US_ASCII));
            }
            return values;
        });
    }

    /** Deletes the key if it holds the token (a lease release that cannot remove another owner's lease). */
    private static final String RELEASE_SCRIPT =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    /** Moves the key's expiry if it holds the token. */
    private static final String RENEW_SCRIPT =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) "
            + "else return 0 end";

    @Override
    public LeaseResult tryLease(String key, String owner, Duration ttl) {
        AsyncCommand<String, byte[], String> set = new AsyncCommand<>(new Command<>(CommandType.SET,
                new StatusOutput<>(Wire.CODEC), new CommandArgs<>(Wire.CODEC).addKey(Objects.requireNonNull(key, "key"))
                        .addValue(owner.getBytes(java.nio.charset.StandardCharsets.UTF_8)).add("NX").add("PX")
                        .add(millis(ttl))));
        String reply = RedisFutures.await(set, dispatch(List.of(set), "SET NX"), "SET NX");
        return "OK".equals(reply) ? LeaseResult.ACQUIRED : LeaseResult.HELD_ELSEWHERE;
    }

    @Override
    public boolean renewLease(String key, String owner, Duration ttl) {
        return eval(RENEW_SCRIPT, key, owner, String.valueOf(millis(ttl))) == 1L;
    }

    @Override
    public void releaseLease(String key, String owner) {
        eval(RELEASE_SCRIPT, key, owner, null);
    }

    private Long eval(String script, String key, String owner, String extra) {
        CommandArgs<String, byte[]> args = new CommandArgs<>(Wire.CODEC).add(script).add(1).addKey(key)
                .addValue(owner.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (extra != null) {
            args.add(extra);
        }
        AsyncCommand<String, byte[], Long> eval = new AsyncCommand<>(new Command<>(CommandType.EVAL,
                new IntegerOutput<>(Wire.CODEC), args));
        return RedisFutures.await(eval, dispatch(List.of(eval), "EVAL"), "EVAL");
    }

    /** @return the commands of every master: the one server, or each cluster master that serves slots */
    private List<RedisKeyAsyncCommands<String, byte[]>> masters(StatefulConnection<String, byte[]> c) {
        if (!(c instanceof StatefulRedisClusterConnection<String, byte[]> cluster)) {
            return List.of(keyCommands(c));
        }
        List<RedisKeyAsyncCommands<String, byte[]>> masters = new ArrayList<>();
        long deadline = System.nanoTime() + connectTimeoutNanos;
        for (RedisClusterNode node : cluster.getPartitions()) {
            if (node.getRole().isUpstream() && !node.hasNoSlots()) {
                // the connection by host and port is the one Lettuce routes this master's writes through
                StatefulRedisConnection<String, byte[]> nodeConnection = RedisFutures.await(cluster.getConnectionAsync(
                        node.getUri().getHost(), node.getUri().getPort()), deadline, "connection to " + node.getUri());
                masters.add(nodeConnection.async());
            }
        }
        if (masters.isEmpty()) {
            throw new TierException("the cluster topology names no master with slots");
        }
        return masters;
    }

    @SuppressWarnings("unchecked")
    private static RedisKeyAsyncCommands<String, byte[]> keyCommands(StatefulConnection<String, byte[]> c) {
        if (c instanceof StatefulRedisClusterConnection<String, byte[]> cluster) {
            return cluster.async();
        }
        return ((StatefulRedisConnection<String, byte[]>) c).async();
    }

    /** Writes the commands in one batch (one flush; routed per key on a cluster). @return the deadline */
    private long dispatch(List<? extends RedisCommand<String, byte[], ?>> commands, String what) {
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            connection().get().dispatch(commands);
        } catch (RuntimeException e) {
            throw RedisFutures.failure(e, what);
        }
        return deadline;
    }

    private static StoredValue stored(byte[] bytes, Long pttl) {
        // PTTL -2: expired between GET and PTTL; 0: expires right now
        if (bytes == null || pttl == null || pttl == -2 || pttl == 0) {
            return null;
        }
        return new StoredValue(bytes, pttl < 0 ? -1 : pttl);
    }

    private static long millis(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl must not be null");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        return Math.max(1, ttl.toMillis());
    }

    private static AsyncCommand<String, byte[], byte[]> get0(String key) {
        return new AsyncCommand<>(new Command<>(CommandType.GET, new ValueOutput<>(Wire.CODEC),
                new CommandArgs<>(Wire.CODEC).addKey(key)));
    }

    private static AsyncCommand<String, byte[], Long> pttl(String key) {
        return new AsyncCommand<>(new Command<>(CommandType.PTTL, new IntegerOutput<>(Wire.CODEC),
                new CommandArgs<>(Wire.CODEC).addKey(key)));
    }

    private static AsyncCommand<String, byte[], String> setPx(String key, byte[] value, long px) {
        return new AsyncCommand<>(new Command<>(CommandType.SET, new StatusOutput<>(Wire.CODEC),
                new CommandArgs<>(Wire.CODEC).addKey(key).addValue(value).add("PX").add(px)));
    }

    /** Closes the connection and shuts the client's threads down (waits at most about two seconds). */
    @Override
    public void close() {
        Parts p;
        synchronized (this) {
            closed = true;
            p = parts;
        }
        if (p == null) {
            return; // not made yet: the starting thread closes what it makes
        }
        try {
            for (LazyConnection<?> c : p.connections()) {
                c.close();
            }
        } finally {
            p.connector().close();
        }
    }

    @Override
    public String toString() {
        return "RedisTier[" + config.redactedUrl() + (config.cluster() ? ", cluster" : "")
                + (isConnected() ? ", connected" : ", not connected") + "]";
    }
}
