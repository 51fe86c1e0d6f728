package io.newsflow.enrichment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.newsflow.contract.Keyword;
import io.newsflow.fixtures.Repository;

/**
 * The real extractor on the real development sets of ../shared/eval-data/keywords, scored as
 * ../shared/eval/score_keywords.py scores (F1@10, exact match after its normalisation, mean over documents); skipped
 * where the evaluation data is not beside the clone.
 */
class KeywordQualityTest {

    static final int K = 10;
    final KeywordExtractor extractor = new KeywordExtractor();
    final LanguageDetector languages = new LanguageDetector();

    @ParameterizedTest
    @CsvSource({"WikiNews, 0.30", "500N-KPCrowd-v1.1, 0.12"})
    void scoresAboveTheBarOnTheDevelopmentSet(String name, double bar) throws IOException {
        Path set = Repository.evaluationData("keywords/" + name).orElse(null);
        Assumptions.assumeTrue(set != null, "../shared/eval-data/keywords/" + name + " is not beside this clone");
        List<Double> f1s = new ArrayList<>();
        try (Stream<Path> docs = Files.list(set.resolve("docsutf8"))) {
            for (Path doc : docs.sorted().toList()) {
                String id = doc.getFileName().toString().replaceFirst("\\.txt$", "");
                Path keys = set.resolve("keys").resolve(id + ".key");
                if (Files.isRegularFile(keys)) {
                    f1s.add(f1(doc, keys));
                }
            }
        }
        double f1 = f1s.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        System.out.printf("keywords F1@%d on %s (%d documents): %.3f%n", K, name, f1s.size(), f1);
        assertTrue(f1 >= bar, name + " F1@10 " + f1 + " is below " + bar);
    }

    private double f1(Path doc, Path keys) throws IOException {
        String content = Files.readString(doc, StandardCharsets.UTF_8).strip();
        int firstBreak = content.indexOf('\n');
        String title = firstBreak < 0 ? content : content.substring(0, firstBreak);
        String body = firstBreak < 0 ? "" : content.substring(firstBreak + 1);
        String language = languages.detect(content, null).code();
        Set<String> predicted = new LinkedHashSet<>();
        for (Keyword keyword : extractor.extract(title, body, language, K)) {
            predicted.add(normalise(keyword.text()));
        }
        List<String> top = predicted.stream().limit(K).toList();
        Set<String> gold = new LinkedHashSet<>();
        for (String line : Files.readAllLines(keys, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                gold.add(normalise(line));
            }
        }
        long hits = top.stream().filter(gold::contains).count();
        if (top.isEmpty() || gold.isEmpty() || hits == 0) {
            return 0;
        }
        double precision = (double) hits / top.size();
        double recall = (double) hits / gold.size();
        return 2 * precision * recall / (precision + recall);
    }

    /** score_keywords.py's normalize(): lower case, ASCII punctuation to spaces, other punctuation split off. */
    static String normalise(String key) {
        StringBuilder out = new StringBuilder();
        for (char c : key.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c < 128 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0) {
                out.append(' ');
            } else if (c == '\u2019' || c == '\u2018' || c == '\u02bc') {
                out.append(c);
            } else if (isPunctuation(c)) {
                out.append(' ').append(c).append(' ');
            } else {
                out.append(c);
            }
        }
        return String.join(" ", out.toString().trim().split("\\s+"));
    }

    private static boolean isPunctuation(char c) {
        int type = Character.getType(c);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION || type == Character.MATH_SYMBOL;
    }
}
