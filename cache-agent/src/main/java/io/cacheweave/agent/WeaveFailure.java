package io.cacheweave.agent;

import java.util.List;

/**
 * The build-time weave step failed: every problem found, each naming the file or class and the fix. Nothing was
 * written to the output directory.
 */
public final class WeaveFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    WeaveFailure(List<String> problems) {
        super(message(problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** @return the problems, one sentence or more each */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        StringBuilder text = new StringBuilder("Cacheweave could not weave the classes (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        for (String problem : problems) {
            text.append("\n  - ").append(problem);
        }
        return text.toString();
    }
}
