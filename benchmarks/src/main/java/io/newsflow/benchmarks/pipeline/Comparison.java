package io.newsflow.benchmarks.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Result files of {@link PipelineBenchmark} side by side: each figure in each run, with its ratio to the first run's
 * (the pass-through baseline); then the ratios between runs that differ in one thing only, when labels read
 * {@code <configuration>-<store>} (full-empty / pass-through-empty, full-preloaded / full-empty, ...).
 */
final class Comparison {

    private record Figure(String title, String pointer, boolean decimals) {
    }

    /** Runs {@code numerator} and {@code denominator}, by position. */
    private record Pair(int numerator, int denominator) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("accepted", "/accepted", false),
            new Figure("accepted/s", "/acceptedPerSecond", true),
            new Figure("end-to-end/s", "/endToEndPerSecond", true),
            new Figure("visible p50 ms", "/visibleLatencyMs/p50", false),
            new Figure("visible p90 ms", "/visibleLatencyMs/p90", false),
            new Figure("visible p99 ms", "/visibleLatencyMs/p99", false),
            new Figure("visible max ms", "/visibleLatencyMs/max", false),
            new Figure("answer p50 ms", "/ackLatencyMs/p50", false),
            new Figure("answer p99 ms", "/ackLatencyMs/p99", false),
            new Figure("copies dropped", "/nearDuplicates", false),
            new Figure("LOST", "/lost", false));

    private final List<JsonNode> reports;
    private final List<Pair> pairs = new ArrayList<>();

    Comparison(List<JsonNode> reports) {
        this.reports = reports;
        for (int b = 0; b < reports.size(); b++) {
            for (int a = 0; a < b; a++) {
                String[] later = parts(label(b));
                String[] earlier = parts(label(a));
                if (later != null && earlier != null
                        && later[0].equals(earlier[0]) != later[1].equals(earlier[1])) {
                    pairs.add(new Pair(b, a));
                }
            }
        }
    }

    /** Every figure of every run, and after the first run's its ratio to it. */
    String table() {
        List<String> header = new ArrayList<>(List.of("scenario", "figure"));
        for (int k = 0; k < reports.size(); k++) {
            header.add(label(k));
        }
        List<List<String>> rows = new ArrayList<>();
        for (String scenario : scenarios()) {
            for (Figure figure : FIGURES) {
                List<String> row = new ArrayList<>(List.of(scenario, figure.title()));
                for (int k = 0; k < reports.size(); k++) {
                    String cell = format(value(k, scenario, figure), figure);
                    Double ratio = ratio(k, 0, scenario, figure);
                    row.add(k == 0 || ratio == null ? cell : cell + String.format(Locale.ROOT, " (x%.2f)", ratio));
                }
                rows.add(row);
            }
        }
        return render(header, rows);
    }

    /** The ratios between runs that differ in configuration only, or in store only; empty when there are none. */
    String pairTable() {
        if (pairs.isEmpty()) {
            return "";
        }
        List<String> header = new ArrayList<>(List.of("scenario", "figure"));
        for (Pair pair : pairs) {
            header.add(label(pair.numerator()) + " / " + label(pair.denominator()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (String scenario : scenarios()) {
            for (Figure figure : FIGURES) {
                List<String> row = new ArrayList<>(List.of(scenario, figure.title()));
                for (Pair pair : pairs) {
                    Double ratio = ratio(pair.numerator(), pair.denominator(), scenario, figure);
                    row.add(ratio == null ? "-" : String.format(Locale.ROOT, "x%.2f", ratio));
                }
                rows.add(row);
            }
        }
        return render(header, rows);
    }

    /** The runs as they were written, and every ratio of the two tables. */
    ObjectNode combined(ObjectMapper json) {
        ObjectNode combined = json.createObjectNode();
        combined.put("comparedAt", Instant.now().toString());
        ArrayNode runs = combined.putArray("runs");
        reports.forEach(runs::add);
        ObjectNode toFirst = combined.putObject("ratiosToFirst");
        for (int k = 1; k < reports.size(); k++) {
            ratios(toFirst.putObject(label(k)), k, 0);
        }
        ObjectNode between = combined.putObject("ratiosBetweenPairs");
        for (Pair pair : pairs) {
            ratios(between.putObject(label(pair.numerator()) + " / " + label(pair.denominator())), pair.numerator(),
                    pair.denominator());
        }
        return combined;
    }

    private void ratios(ObjectNode into, int numerator, int denominator) {
        for (String scenario : scenarios()) {
            ObjectNode figures = into.putObject(scenario);
            for (Figure figure : FIGURES) {
                figures.put(figure.title(), ratio(numerator, denominator, scenario, figure));
            }
        }
    }

    /** The scenarios of all runs, in the order they first appear. */
    private Set<String> scenarios() {
        Set<String> scenarios = new LinkedHashSet<>();
        for (JsonNode report : reports) {
            for (JsonNode scenario : report.path("scenarios")) {
                scenarios.add(scenario.path("scenario").asText());
            }
        }
        return scenarios;
    }

    private String label(int k) {
        return reports.get(k).path("label").asText("run " + (k + 1));
    }

    private JsonNode value(int k, String scenario, Figure figure) {
        for (JsonNode result : reports.get(k).path("scenarios")) {
            if (result.path("scenario").asText().equals(scenario)) {
                return result.at(figure.pointer());
            }
        }
        return MissingNode.getInstance();
    }

    /** Null when either value is missing or the denominator is 0. */
    private Double ratio(int numerator, int denominator, String scenario, Figure figure) {
        JsonNode top = value(numerator, scenario, figure);
        JsonNode bottom = value(denominator, scenario, figure);
        if (!top.isNumber() || !bottom.isNumber() || bottom.asDouble() == 0) {
            return null;
        }
        return Math.round(top.asDouble() / bottom.asDouble() * 1000) / 1000.0;
    }

    private static String format(JsonNode value, Figure figure) {
        if (!value.isNumber()) {
            return "-";
        }
        return figure.decimals() ? String.format(Locale.ROOT, "%.1f", value.asDouble()) : Long.toString(value.asLong());
    }

    /** {@code full-preloaded} is configuration {@code full}, store {@code preloaded}; null without a dash. */
    private static String[] parts(String label) {
        int cut = label.lastIndexOf('-');
        return cut <= 0 || cut == label.length() - 1 ? null
                : new String[] {label.substring(0, cut), label.substring(cut + 1)};
    }

    private static String render(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder table = new StringBuilder();
        String previousScenario = null;
        for (List<String> row : all) {
            if (row != header && !row.get(0).equals(previousScenario)) {
                table.append('\n');
            }
            previousScenario = row == header ? null : row.get(0);
            for (int c = 0; c < row.size(); c++) {
                // Names to the left, figures to the right, so that digits line up.
                String format = c < 2 ? "%-" + widths[c] + "s" : "%" + widths[c] + "s";
                table.append(c == 0 ? "" : "  ").append(String.format(Locale.ROOT, format, row.get(c)));
            }
            table.append('\n');
        }
        return table.toString();
    }
}
