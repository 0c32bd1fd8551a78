package com.acme.bad;

import io.cacheweave.annotations.Cached;
import io.cacheweave.annotations.Invalidate;

public class UnknownTargets {
    @Cached(operation = "summarize")
    public String summarize(String text) {
        return text;
    }

    @Invalidate(operation = "sumarize")
    public void typo() {
    }

    @Invalidate(pattern = "summarise:*")
    public void patternTypo() {
    }

    @Invalidate(pattern = "sum*:x")
    public void wildcardOperation() {
    }

    @Invalidate(pattern = "summarize:{text}")
    public void known(String text) {
    }
}
