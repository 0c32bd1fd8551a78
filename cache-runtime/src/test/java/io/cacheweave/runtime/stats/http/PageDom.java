package io.cacheweave.runtime.stats.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of the stats page's serialised DOM the browser test reads: rows, their cells and single elements. */
record PageDom(String html) {
    private static final Pattern CELL = Pattern.compile("<td([^>]*)>(.*?)</td>", Pattern.DOTALL);
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");

    /** A table cell: its attributes and its text. */
    record Cell(Map<String, String> attributes, String text) {
        String value() {
            return attributes.get("data-value");
        }
    }

    /**
     * @param rowStart the row's opening tag exactly, such as {@code <tr data-op="summarize">}
     * @return the row's cells by {@code data-field}
     */
    Map<String, Cell> row(String rowStart) {
        int start = html.indexOf(rowStart);
        if (start < 0) {
            throw new AssertionError("no row " + rowStart + " in\n" + html);
        }
        String row = html.substring(start, html.indexOf("</tr>", start));
        Map<String, Cell> cells = new LinkedHashMap<>();
        Matcher m = CELL.matcher(row);
        while (m.find()) {
            Map<String, String> attributes = attributes(m.group(1));
            cells.put(attributes.getOrDefault("data-field", "#" + cells.size()),
                    new Cell(attributes, unescape(m.group(2))));
        }
        return cells;
    }

    /** @return the attributes of the element with this id */
    Map<String, String> element(String id) {
        Matcher m = Pattern.compile("<\\w+ ([^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*)>").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no element #" + id + " in\n" + html);
        }
        return attributes(m.group(1));
    }

    /** @return the text of the element with this id, which holds only text */
    String text(String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no element #" + id + " in\n" + html);
        }
        return unescape(m.group(1));
    }

    /**
     * @param id the id of an {@code <svg>} chart
     * @param tag an element name, such as {@code path}
     * @return the attributes of each such element in the chart, in document order
     */
    List<Map<String, String>> inChart(String id, String tag) {
        int start = html.indexOf("id=\"" + id + "\"");
        if (start < 0) {
            throw new AssertionError("no chart #" + id + " in\n" + html);
        }
        String chart = html.substring(start, html.indexOf("</svg>", start));
        List<Map<String, String>> out = new ArrayList<>();
        Matcher m = Pattern.compile("<" + tag + " ([^>]*)>").matcher(chart);
        while (m.find()) {
            out.add(attributes(m.group(1)));
        }
        return out;
    }

    boolean contains(String text) {
        return html.contains(text);
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher a = ATTRIBUTE.matcher(text);
        while (a.find()) {
            attributes.put(a.group(1), unescape(a.group(2)));
        }
        return attributes;
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&nbsp;", "\u00a0")
                .replace("&amp;", "&");
    }
}
