package io.cacheweave.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentArgumentsTest {

    @Test
    void checkSyntax_wellFormed_hasNoProblems() {
        assertEquals(List.of(), AgentArguments.checkSyntax("cacheweave.ttl.default=30m,cacheweave.ttl.qa=5m"));
    }

    @Test
    void checkSyntax_missingEquals_namesTheArgumentAndTheForm() {
        List<String> problems = AgentArguments.checkSyntax("cacheweave.ttl.default");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("\"cacheweave.ttl.default\" is not of the form name=value"),
                problems.get(0));
    }

    @Test
    void checkSyntax_nameWithoutPrefix_isReported() {
        List<String> problems = AgentArguments.checkSyntax("ttl.default=30m");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("names no setting"), problems.get(0));
    }
}
