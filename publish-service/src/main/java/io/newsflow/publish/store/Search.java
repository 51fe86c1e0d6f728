package io.newsflow.publish.store;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.newsflow.contract.Keyword;

/**
 * Word search without MongoDB's {@code $text} (which the embedded server lacks): each article stores the folded words
 * of its title, summary and keywords, and a query asks for all of its words with {@code $all}.
 */
final class Search {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Search() {
    }

    /** Lower case, no accents, split on anything not a letter or digit; one-letter words dropped. */
    static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("")
                .toLowerCase(Locale.ROOT);
        return Arrays.stream(NOT_WORD.split(folded)).filter(w -> w.length() > 1).distinct().toList();
    }

    static Set<String> terms(String title, String summary, List<Keyword> keywords) {
        Set<String> terms = new LinkedHashSet<>(words(title));
        terms.addAll(words(summary));
        keywords.stream().flatMap(k -> Stream.of(k.text())).map(Search::words).forEach(terms::addAll);
        return terms;
    }

    static Set<String> terms(StoredArticle a) {
        return terms(a.title(), a.summary(), a.keywords());
    }
}
