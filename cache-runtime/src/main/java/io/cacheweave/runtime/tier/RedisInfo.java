package io.cacheweave.runtime.tier;

/**
 * The numbers Redis reports about itself in {@code INFO} that the monitor shows; on a cluster, summed over the
 * masters.
 *
 * @param keyspaceHits {@code keyspace_hits}
 * @param keyspaceMisses {@code keyspace_misses}
 * @param usedMemoryBytes {@code used_memory}
 * @param connectedClients {@code connected_clients}
 * @param commandsProcessed {@code total_commands_processed}
 */
public record RedisInfo(long keyspaceHits, long keyspaceMisses, long usedMemoryBytes, long connectedClients,
        long commandsProcessed) {

    /**
     * @param info the text of {@code INFO} ({@code name:value} lines, {@code #} section headers)
     * @return its numbers; a field that is missing or not a number is 0
     */
    public static RedisInfo parse(String info) {
        long hits = 0;
        long misses = 0;
        long memory = 0;
        long clients = 0;
        long commands = 0;
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.startsWith("#")) {
                continue;
            }
            String name = line.substring(0, colon);
            long value = number(line.substring(colon + 1).trim());
            switch (name) {
                case "keyspace_hits" -> hits = value;
                case "keyspace_misses" -> misses = value;
                case "used_memory" -> memory = value;
                case "connected_clients" -> clients = value;
                case "total_commands_processed" -> commands = value;
                default -> { }
            }
        }
        return new RedisInfo(hits, misses, memory, clients, commands);
    }

    /** @return the sum of this and {@code other} (two masters of a cluster) */
    public RedisInfo plus(RedisInfo other) {
        return new RedisInfo(keyspaceHits + other.keyspaceHits, keyspaceMisses + other.keyspaceMisses,
                usedMemoryBytes + other.usedMemoryBytes, connectedClients + other.connectedClients,
                commandsProcessed + other.commandsProcessed);
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
