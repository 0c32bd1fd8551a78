package io.cacheweave.runtime.tier;

/**
 * The text form of an {@link Invalidation} on the pub/sub channel:
 *
 * <pre>cw1 &lt;nodeId&gt; &lt;sequence&gt; &lt;kind&gt; &lt;target&gt;</pre>
 *
 * <p>Fields are separated by one space: the format tag {@code cw1}; the sender's node id (printable ASCII, no space);
 * the sequence number (decimal, from 1); the kind ({@code PATTERN}, {@code OPERATION}, {@code ALL},
 * {@code GENERATION} or {@code TAG}, the last two with a target {@code <generation> <name>}); the target,
 * which is everything after the fourth space, verbatim, so it may hold any character (spaces, line breaks) and is
 * empty for {@code ALL}. Example: {@code cw1 3f2a9c 42 PATTERN summarize:*}. Sent as UTF-8.
 */
final class InvalidationMessage {
    static final String TAG = "cw1";

    private InvalidationMessage() {
    }

    static String encode(String nodeId, long sequence, Invalidation.Kind kind, String target) {
        return TAG + ' ' + nodeId + ' ' + sequence + ' ' + kind.name() + ' ' + target;
    }

    /** @throws IllegalArgumentException when the text is not a message of this format */
    static Invalidation decode(String text) {
        String[] f = text.split(" ", 5);
        if (f.length != 5 || !f[0].equals(TAG)) {
            throw new IllegalArgumentException("not a " + TAG + " invalidation message: " + abbreviate(text));
        }
        if (!isNodeId(f[1])) {
            throw new IllegalArgumentException("bad node id in invalidation message: " + abbreviate(text));
        }
        long sequence;
        Invalidation.Kind kind;
        try {
            sequence = Long.parseLong(f[2]);
            kind = Invalidation.Kind.valueOf(f[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad sequence or kind in invalidation message: " + abbreviate(text));
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be positive in invalidation message: "
                    + abbreviate(text));
        }
        return new Invalidation(f[1], sequence, kind, f[4]);
    }

    /** @return whether the text may be a node id: 1 to 100 printable ASCII characters, no space */
    static boolean isNodeId(String id) {
        return !id.isEmpty() && id.length() <= 100 && id.chars().allMatch(c -> c > ' ' && c <= '~');
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
