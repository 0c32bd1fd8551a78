package io.cacheweave.runtime.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fuzz-style: JSON of other shapes and scalars of other kinds, written over entries of every kind of type the codec
 * accepts, never decode into a value. A payload may decode only when it is exactly what the encoder writes for the
 * value it decodes to (compared as JSON trees, numbers by value); anything else must fail with
 * {@link CodecException.Reason#UNDECODABLE}.
 */
class HostilePayloadTest {
    private static final ObjectMapper TREES = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    record Point(int x, int y) {
    }

    record Square(double side) {
    }

    record Circle(double r) {
    }

    record Profile(String name, long age, Optional<String> nickname, Instant created, boolean active) {
    }

    record Tags(List<String> tags, Map<String, Integer> counts, Set<String> roles) {
    }

    enum Color { RED, GREEN }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = Shape.Sq.class, name = "square"),
            @JsonSubTypes.Type(value = Shape.Ci.class, name = "circle")})
    sealed interface Shape {
        record Sq(double side) implements Shape {
        }

        record Ci(double r) implements Shape {
        }
    }

    /** A bean with a getter-only property, an ignored property and a property left out when null. */
    public static final class Account {
        private String id;
        private long balance;
        private Color color;
        @JsonInclude(JsonInclude.Include.NON_NULL)
        private String note;
        @JsonIgnore
        private String session = "local";

        public Account() {
        }

        Account(String id, long balance, Color color, String note) {
            this.id = id;
            this.balance = balance;
            this.color = color;
            this.note = note;
        }

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public long getBalance() {
            return balance;
        }

        public void setBalance(long balance) {
            this.balance = balance;
        }

        public Color getColor() {
            return color;
        }

        public void setColor(Color color) {
            this.color = color;
        }

        public String getNote() {
            return note;
        }

        public void setNote(String note) {
            this.note = note;
        }

        public String getDisplay() {
            return id + ":" + balance;
        }

        public String getSession() {
            return session;
        }

        public void setSession(String session) {
            this.session = session;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Account a && Objects.equals(id, a.id) && balance == a.balance && color == a.color
                    && Objects.equals(note, a.note);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, balance, color, note);
        }
    }

    /** A declared type and values of it as the application caches them. */
    record Sample(String name, Type type, List<Object> values) {
    }

    private static List<Sample> samples() {
        Instant now = Instant.parse("2026-12-05T08:30:00.123456Z");
        return List.of(
                new Sample("record", Point.class, List.of(new Point(1, 2))),
                new Sample("square", Square.class, List.of(new Square(2.5))),
                new Sample("circle", Circle.class, List.of(new Circle(1.5))),
                new Sample("profile", Profile.class, List.of(
                        new Profile("ann", 41, Optional.of("a"), now, true),
                        new Profile(null, 0, Optional.empty(), null, false))),
                new Sample("tags", Tags.class, List.of(new Tags(List.of("x", "y"), Map.of("x", 1), Set.of("admin")))),
                new Sample("bean", Account.class, List.of(new Account("a1", 12345, Color.RED, "n"),
                        new Account("a2", 0, null, null))),
                new Sample("shape", Shape.class, List.of(new Shape.Sq(2.0), new Shape.Ci(3.0))),
                new Sample("enum", Color.class, List.of(Color.GREEN)),
                new Sample("string", String.class, List.of("12345", "", "text")),
                new Sample("long", Long.class, List.of(12345L, -1L)),
                new Sample("int", Integer.class, List.of(12, 0)),
                new Sample("double", Double.class, List.of(12.75, Double.NaN, 1e300)),
                new Sample("boolean", Boolean.class, List.of(true)),
                new Sample("decimal", BigDecimal.class, List.of(new BigDecimal("12.50"), new BigDecimal("7"))),
                new Sample("list", new TypeReference<List<Point>>() { }.getType(),
                        List.of(List.of(new Point(1, 2), new Point(3, 4)))),
                new Sample("map", new TypeReference<Map<String, Point>>() { }.getType(),
                        List.of(Map.of("p", new Point(5, 6)))),
                new Sample("longMap", new TypeReference<Map<Long, String>>() { }.getType(), List.of(Map.of(7L, "s"))),
                new Sample("set", new TypeReference<Set<Long>>() { }.getType(), List.of(Set.of(9L))),
                new Sample("optional", new TypeReference<Optional<Point>>() { }.getType(),
                        List.of(Optional.of(new Point(7, 8)))),
                new Sample("array", Point[].class, List.of((Object) new Point[] {new Point(1, 1)})),
                new Sample("ints", int[].class, List.of((Object) new int[] {1, 2, 3})),
                new Sample("bytes", byte[].class, List.of((Object) "bytes".getBytes(StandardCharsets.UTF_8))),
                new Sample("strings", String[].class, List.of((Object) new String[] {"a", null})),
                new Sample("instant", Instant.class, List.of(now)),
                new Sample("localDate", LocalDate.class, List.of(LocalDate.of(2026, 12, 5))),
                new Sample("localDateTime", LocalDateTime.class, List.of(LocalDateTime.of(2026, 12, 5, 8, 30))),
                new Sample("localTime", LocalTime.class, List.of(LocalTime.of(8, 30, 1))),
                new Sample("zoned", ZonedDateTime.class,
                        List.of(ZonedDateTime.of(2026, 12, 5, 8, 30, 0, 0, ZoneId.of("Europe/Paris")))),
                new Sample("offset", OffsetDateTime.class,
                        List.of(OffsetDateTime.of(2026, 12, 5, 8, 30, 0, 0, ZoneOffset.ofHours(2)))),
                new Sample("duration", Duration.class, List.of(Duration.ofMinutes(90))));
    }

    @Test
    void decode_ownValues_roundTrip() {
        JsonValueCodec codec = JsonValueCodec.create();
        for (Sample sample : samples()) {
            for (Object value : sample.values()) {
                Object back = codec.decode(codec.encode(value, sample.type()), sample.type());
                assertEquals(json(codec, value, sample.type()), json(codec, back, sample.type()), sample.name());
            }
        }
    }

    @Test
    void decode_hostilePayloads_neverServeAValueOfAnotherShape() {
        JsonValueCodec codec = JsonValueCodec.create();
        List<Sample> samples = samples();
        List<JsonNode> everyValue = new ArrayList<>();
        for (Sample sample : samples) {
            for (Object value : sample.values()) {
                everyValue.add(json(codec, value, sample.type()));
            }
        }
        everyValue.addAll(List.of(tree("{}"), tree("[]"), tree("12345"), tree("\"12345\""), tree("12.75"),
                tree("true"), tree("\"\""), tree("0"), tree("1"), tree("\"true\""), tree("\"2026-12-05\""),
                tree("[1,2]"), tree("{\"kind\":\"square\",\"r\":2.5}"), tree("{\"kind\":\"triangle\",\"side\":1.0}"),
                tree("{\"@class\":\"java.net.URL\",\"x\":1,\"y\":2}"), tree("[\"java.net.URL\",{\"x\":1}]"),
                tree("{\"x\":1,\"y\":2,\"y\":3}"), tree("\"PT1H\""), tree("1733387400"), tree("[2026,12,5]")));
        Random random = new Random(13);
        int payloads = 0;
        int refused = 0;
        List<String> served = new ArrayList<>();
        for (Sample sample : samples) {
            List<JsonNode> hostile = new ArrayList<>(everyValue);
            for (Object value : sample.values()) {
                hostile.addAll(mutations(json(codec, value, sample.type()), random));
            }
            for (JsonNode payload : hostile) {
                payloads++;
                Object back;
                try {
                    back = codec.decode(CodecFixtures.envelope(payload.toString()), sample.type());
                } catch (CodecException e) {
                    assertEquals(CodecException.Reason.UNDECODABLE, e.reason(), payload.toString());
                    refused++;
                    continue;
                }
                if (!sameJson(json(codec, back, sample.type()), payload, sample.type())) {
                    served.add(sample.name() + " <- " + payload);
                }
            }
        }
        assertEquals(List.of(), served, "payloads served as a value of another shape");
        assertTrue(payloads > 2000 && refused > payloads / 2, payloads + " payloads, " + refused + " refused");
        if (Boolean.getBoolean("cacheweave.test.verbose")) {
            System.out.printf("hostile payloads: %d, refused: %d, decoded as exactly their own encoding: %d, served"
                + " as another value: %d%n", payloads, refused, payloads - refused, served.size());
        }
    }

    /** Every payload with one change: a property removed, added or renamed, a scalar of another kind. */
    private static List<JsonNode> mutations(JsonNode original, Random random) {
        List<JsonNode> out = new ArrayList<>();
        List<List<Object>> paths = new ArrayList<>();
        collectPaths(original, new ArrayList<>(), paths);
        for (List<Object> path : paths) {
            JsonNode leaf = at(original, path);
            for (JsonNode replacement : replacements(leaf)) {
                out.add(replaced(original, path, replacement));
            }
            if (!path.isEmpty() && path.get(path.size() - 1) instanceof String) {
                out.add(removed(original, path));
            }
            if (leaf.isObject()) {
                ObjectNode extra = (ObjectNode) leaf.deepCopy();
                extra.put("extra" + random.nextInt(100), random.nextInt());
                out.add(replaced(original, path, extra));
                ObjectNode named = ((ObjectNode) leaf.deepCopy());
                named.put("@class", "java.lang.ProcessBuilder");
                out.add(replaced(original, path, named));
            }
        }
        return out;
    }

    private static List<JsonNode> replacements(JsonNode leaf) {
        List<JsonNode> r = new ArrayList<>(List.of(NODES.objectNode(), NODES.arrayNode(), NODES.textNode(""),
                NODES.numberNode(12.75), NODES.booleanNode(true), NODES.nullNode()));
        if (leaf.isTextual()) {
            r.add(NODES.numberNode(12345));
            r.add(NODES.textNode(leaf.asText() + "x"));
        } else if (leaf.isNumber()) {
            r.add(NODES.textNode(leaf.asText()));
            r.add(NODES.numberNode(leaf.decimalValue().add(new BigDecimal("0.5"))));
            r.add(NODES.numberNode(Long.MAX_VALUE));
            r.add(NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890")));
        } else if (leaf.isBoolean()) {
            r.add(NODES.numberNode(1));
            r.add(NODES.textNode("true"));
        } else if (leaf.isContainerNode() && leaf.size() > 0) {
            ArrayNode wrapped = NODES.arrayNode();
            wrapped.add(leaf.deepCopy());
            r.add(wrapped);
        }
        return r;
    }

    private static void collectPaths(JsonNode node, List<Object> path, List<List<Object>> out) {
        out.add(List.copyOf(path));
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                path.add(e.getKey());
                collectPaths(e.getValue(), path, out);
                path.remove(path.size() - 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                collectPaths(node.get(i), path, out);
                path.remove(path.size() - 1);
            }
        }
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode n = root;
        for (Object step : path) {
            n = step instanceof String name ? n.get(name) : n.get((Integer) step);
        }
        return n;
    }

    private static JsonNode replaced(JsonNode root, List<Object> path, JsonNode replacement) {
        if (path.isEmpty()) {
            return replacement;
        }
        JsonNode copy = root.deepCopy();
        JsonNode parent = at(copy, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (last instanceof String name) {
            ((ObjectNode) parent).set(name, replacement);
        } else {
            ((ArrayNode) parent).set((Integer) last, replacement);
        }
        return copy;
    }

    private static JsonNode removed(JsonNode root, List<Object> path) {
        JsonNode copy = root.deepCopy();
        ((ObjectNode) at(copy, path.subList(0, path.size() - 1))).remove((String) path.get(path.size() - 1));
        return copy;
    }

    private static JsonNode json(JsonValueCodec codec, Object value, Type type) {
        byte[] stored = codec.encode(value, type);
        byte[] payload = java.util.Arrays.copyOfRange(stored, 12, stored.length);
        if (stored[3] != 0) { // compressed: read it back through an uncompressed codec's encoding
            return json(JsonValueCodec.builder().compression(Compression.NONE).build(), value, type);
        }
        return tree(new String(payload, StandardCharsets.UTF_8));
    }

    private static JsonNode tree(String json) {
        try {
            return TREES.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(json, e);
        }
    }

    /**
     * Whether a payload is what the encoder writes for the value it decoded to, up to representation: numbers by
     * value ({@code 12} and {@code 12.0} are one number; a floating-point number by its {@code double}), a property
     * that is {@code null} like one that is absent, arrays in any order (sets), the getter-only {@code display}
     * (derived, so ignored on reading) left out, and an instant with an offset like the same instant in UTC.
     */
    private static boolean sameJson(JsonNode encoded, JsonNode payload, Type type) {
        if (type == Instant.class && encoded.isTextual() && payload.isTextual()) {
            return OffsetDateTime.parse(payload.asText()).toInstant().equals(Instant.parse(encoded.asText()));
        }
        return normalized(encoded).equals(NUMBERS_BY_VALUE, normalized(payload));
    }

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (x, y) -> {
        if (x.isNumber() && y.isNumber()) {
            boolean same = x.decimalValue().compareTo(y.decimalValue()) == 0
                    || (x.isFloatingPointNumber() || y.isFloatingPointNumber()) && x.doubleValue() == y.doubleValue();
            return same ? 0 : 1;
        }
        return x.equals(y) ? 0 : 1;
    };

    private static JsonNode normalized(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!e.getValue().isNull() && !e.getKey().equals("display")) {
                    out.set(e.getKey(), normalized(e.getValue()));
                }
            }
            return out;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(normalized(item)));
            items.sort(Comparator.comparing(JsonNode::toString));
            ArrayNode out = NODES.arrayNode();
            items.forEach(out::add);
            return out;
        }
        return node;
    }
}
