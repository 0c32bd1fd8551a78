package io.cacheweave.runtime.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RedisInfoTest {

    @Test
    void parse_theFieldsOfInfo() {
        String info = "# Server\r\nredis_version:7.2.4\r\n\r\n# Clients\r\nconnected_clients:3\r\n"
                + "# Memory\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\n"
                + "# Stats\r\ntotal_commands_processed:420\r\nkeyspace_hits:17\r\nkeyspace_misses:5\r\n";
        assertEquals(new RedisInfo(17, 5, 1048576, 3, 420), RedisInfo.parse(info));
    }

    @Test
    void parse_missingOrMalformedFieldsAreZero() {
        assertEquals(new RedisInfo(0, 0, 0, 0, 0), RedisInfo.parse("keyspace_hits:lots\nnothing here\n"));
    }

    @Test
    void plus_sumsTwoMasters() {
        assertEquals(new RedisInfo(3, 5, 7, 9, 11), new RedisInfo(1, 2, 3, 4, 5).plus(new RedisInfo(2, 3, 4, 5, 6)));
    }
}
