package io.cacheweave.llm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rejects a semantic near-miss whose question differs from the stored one in a way embeddings blur: a negation, a
 * number, a name, a date or a word of opposite meaning. Embedding similarity puts "Is Paris the capital of France?"
 * and "Is Paris not the capital of France?" close together (0.90 with all-MiniLM-L6-v2), and "Who did Brutus kill?"
 * and "Who killed Brutus?" closer still (0.99); their answers differ. The guard compares the two texts' signals and
 * answers a hit only when they agree, so it trades a little recall for precision: measured on the labelled pairs
 * shipped with the tests ({@code semantic-pairs.tsv}, see {@code SemanticPairsIT}).
 */
final class MeaningGuard {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’.,/-]*");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "none", "nobody", "nothing", "neither",
            "nor", "nowhere", "without", "cannot", "hardly", "barely", "except", "excluding", "non");
    private static final Set<String> NUMBER_WORDS = Set.of("zero", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
            "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
            "ninety", "hundred", "thousand", "million", "billion", "trillion", "first", "second", "third", "fourth",
            "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "half", "quarter", "dozen", "once", "twice",
            "single", "double", "triple");
    /** Words that pin a question to a time: months, weekdays, days and parts of days relative to now. */
    private static final Set<String> DATE_WORDS = Set.of("january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul",
            "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday", "today", "tomorrow", "yesterday", "tonight", "morning", "evening", "afternoon",
            "night", "weekend", "last", "next", "previous", "ago", "spring", "summer", "autumn", "winter");
    /** Date words that are also everyday words, counted only when capitalised ("May", not "may"). */
    private static final Set<String> CAPITALISED_DATES = Set.of("may", "march", "mar", "jan", "jun", "jul", "aug",
            "sep", "oct", "nov", "dec");
    private static final Set<String> PREPOSITIONS = Set.of("at", "in", "on", "for", "from", "with", "by", "during",
            "after", "before", "under", "over", "within", "without", "since", "until", "across", "through", "per");
    /** Auxiliary verbs, left out of the order rule: "who did Brutus kill" has the words of "who killed Brutus". */
    private static final Set<String> AUXILIARIES = Set.of("do", "does", "did", "is", "are", "was", "were", "be",
            "been", "being", "has", "have", "had", "will", "would", "shall", "should", "can", "could", "may", "might",
            "must");
    /** Words that do not make a capitalised word a name: sentence-initial words are skipped anyway. */
    private static final Set<String> NOT_NAMES = Set.of("i", "what", "which", "who", "whom", "whose", "when", "where",
            "why", "how", "is", "are", "was", "were", "do", "does", "did", "can", "could", "should", "would", "will",
            "the", "a", "an", "please", "tell", "explain", "give", "list", "name", "describe", "in", "on", "of", "for",
            "and", "or", "to", "me", "my");
    private static final Map<String, String> OPPOSITES = opposites(
            "increase decrease", "increasing decreasing", "raise lower", "rise fall", "more less", "more fewer",
            "most least", "largest smallest", "biggest smallest", "bigger smaller", "larger smaller", "higher lower",
            "highest lowest", "best worst", "better worse", "cheapest expensive", "cheaper pricier", "fastest slowest",
            "faster slower", "longest shortest", "longer shorter", "oldest youngest", "older younger", "newest oldest",
            "before after", "above below", "over under", "inside outside", "buy sell", "buying selling", "add remove",
            "enable disable", "start stop", "open close", "win lose", "pros cons", "advantages disadvantages",
            "benefits risks", "true false", "yes no", "north south", "east west", "left right", "up down",
            "import export", "input output", "minimum maximum", "min max", "first last", "early late", "hot cold",
            "positive negative", "safe dangerous", "legal illegal", "possible impossible", "allowed forbidden",
            "include exclude", "accept reject", "agree disagree", "like dislike", "love hate", "always never",
            "all none", "male female", "men women", "boys girls", "husband wife", "sunrise sunset", "day night",
            "encrypt decrypt", "compress decompress", "upload download", "push pull", "send receive", "client server",
            "private public", "synchronous asynchronous", "sync async", "inner outer", "front back", "top bottom",
            "cause effect", "past future", "happy sad", "strong weak", "rich poor", "wet dry", "heavy light", "closest farthest", "nearest farthest", "closer farther", "near far", "to from");

    private MeaningGuard() {
    }

    /**
     * @param asked the new question
     * @param stored the stored question whose answer would be served
     * @return {@code null} when the two may share an answer, else the reason they may not ({@code "negation"},
     *     {@code "number"}, {@code "name"}, {@code "date"}, {@code "opposite"})
     */
    static String conflict(String asked, String stored) {
        Signals a = Signals.of(asked);
        Signals b = Signals.of(stored);
        if (a.negations % 2 != b.negations % 2 || a.negations != b.negations && Math.min(a.negations, b.negations) == 0) {
            return "negation";
        }
        if (!a.numbers.equals(b.numbers)) {
            return "number";
        }
        if (!a.dates.equals(b.dates)) {
            return "date";
        }
        if (!names(a, b) || !names(b, a)) {
            return "name";
        }
        if (opposed(a, b) || opposed(b, a)) {
            return "opposite";
        }
        if (a.sequence.size() > 1 && !a.sequence.equals(b.sequence) && sorted(a.sequence).equals(sorted(b.sequence))
                && !rotation(a.sequence, b.sequence)) {
            // the same words in another order ("dollars to euros", "euros to dollars"; "who did Brutus kill", "who
            // killed Brutus"); a phrase moved to the front ("at sea level, what is ...") is a rotation and passes
            return "order";
        }
        return null;
    }

    /** {@code a} says a word whose opposite {@code b} says instead (and neither says both). */
    private static boolean opposed(Signals a, Signals b) {
        for (String w : a.words) {
            String opposite = OPPOSITES.get(w);
            if (opposite != null && b.words.contains(opposite) && !b.words.contains(w) && !a.words.contains(opposite)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return whether one text is the other with a prepositional phrase moved to the front ("at sea level, what is
     *     the boiling point of water"); "is a rectangle a square" is a rotation of "is a square a rectangle" too,
     *     but not one that starts with a preposition
     */
    private static boolean rotation(List<String> a, List<String> b) {
        return frontedPhrase(a, b) || frontedPhrase(b, a);
    }

    private static boolean frontedPhrase(List<String> a, List<String> b) {
        int n = a.size();
        for (int k = 1; k < n; k++) {
            if (PREPOSITIONS.contains(a.get(k)) && a.subList(k, n).equals(b.subList(0, n - k))
                    && a.subList(0, k).equals(b.subList(n - k, n))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> sorted(List<String> words) {
        List<String> copy = new ArrayList<>(words);
        copy.sort(null);
        return copy;
    }

    /** Every name of {@code from} appears, in any case, among the words of {@code in}. */
    private static boolean names(Signals from, Signals in) {
        for (String name : from.names) {
            if (!in.words.contains(name)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> opposites(String... pairs) {
        Map<String, String> map = new TreeMap<>();
        for (String pair : pairs) {
            String[] two = pair.split(" ");
            map.putIfAbsent(two[0], two[1]);
            map.putIfAbsent(two[1], two[0]);
        }
        return map;
    }

    private record Signals(int negations, List<String> numbers, Set<String> dates, Set<String> names,
            Set<String> words, List<String> sequence) {

        static Signals of(String text) {
            int negations = 0;
            List<String> numbers = new ArrayList<>();
            Set<String> dates = new HashSet<>();
            Set<String> names = new HashSet<>();
            Set<String> words = new HashSet<>();
            List<String> sequence = new ArrayList<>();
            Matcher m = WORD.matcher(text);
            boolean sentenceStart = true;
            int end = 0;
            while (m.find()) {
                String between = text.substring(end, m.start());
                if (between.matches(".*[.!?:;\"“(]\\s*") ) {
                    sentenceStart = true;
                }
                end = m.end();
                String raw = trimPunctuation(m.group());
                String word = stripPossessive(raw.toLowerCase(Locale.ROOT).replace('’', '\''));
                if (word.isEmpty()) {
                    continue;
                }
                words.add(word);
                if (!AUXILIARIES.contains(word)) {
                    sequence.add(stem(word));
                }
                if (NEGATIONS.contains(word) || word.endsWith("n't")) {
                    negations++;
                }
                Matcher number = NUMBER.matcher(word);
                while (number.find()) {
                    numbers.add(number.group().replace(",", ""));
                }
                if (NUMBER_WORDS.contains(word)) {
                    numbers.add(word);
                }
                if (DATE_WORDS.contains(word)
                        && (!CAPITALISED_DATES.contains(word) || Character.isUpperCase(raw.charAt(0)))) {
                    dates.add(word);
                }
                boolean capitalised = Character.isUpperCase(raw.charAt(0))
                        || raw.length() > 1 && raw.chars().filter(Character::isLetter).allMatch(Character::isUpperCase)
                        && raw.chars().anyMatch(Character::isLetter);
                if (capitalised && (!sentenceStart || raw.length() > 1 && isAcronym(raw))
                        && !NOT_NAMES.contains(word)) {
                    names.add(word);
                }
                sentenceStart = false;
            }
            numbers.sort(null);
            return new Signals(negations, numbers, dates, names, words, sequence);
        }

        /** A crude stem, so "killed" and "kill" compare equal in the order rule. */
        private static String stem(String word) {
            if (word.length() > 4 && word.endsWith("ing")) {
                return word.substring(0, word.length() - 3);
            }
            if (word.length() > 4 && word.endsWith("ed")) {
                return word.substring(0, word.length() - 2);
            }
            if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
                return word.substring(0, word.length() - 1);
            }
            return word;
        }

        private static boolean isAcronym(String raw) {
            return raw.chars().filter(Character::isLetter).allMatch(Character::isUpperCase)
                    && raw.chars().filter(Character::isLetter).count() > 1;
        }

        private static String trimPunctuation(String word) {
            int end = word.length();
            while (end > 0 && ".,/-'’".indexOf(word.charAt(end - 1)) >= 0) {
                end--;
            }
            return word.substring(0, end);
        }

        private static String stripPossessive(String word) {
            return word.endsWith("'s") ? word.substring(0, word.length() - 2) : word;
        }
    }
}
