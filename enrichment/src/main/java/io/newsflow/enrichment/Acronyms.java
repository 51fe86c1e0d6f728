package io.newsflow.enrichment;

import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.newsflow.contract.Entity;

/**
 * Acronyms: "Long Form (ACR)" bound by the algorithm of Schwartz and Hearst before anything else is read, so that
 * the long form is not read as other names and later bare uses count as mentions of it; a long form in lower case
 * marks the acronym as a common noun. Bare acronyms are resolved once the article is read: a defined one, a known
 * one of {@code acronyms.tsv} (a national body only when a place of its country was found), a place of the
 * gazetteer, or an organisation of its own when it occurs often enough. Currency codes and Roman numerals never are.
 */
final class Acronyms {

    static final int MIN_BARE_ACRONYM_MENTIONS = 2;
    // Two capitals are too often something else (ID, TV, LA) to make an organisation without a long form.
    static final int MIN_BARE_ACRONYM_LETTERS = 3;
    static final int MAX_ACRONYM_LETTERS = 10;
    private static final Set<String> CURRENCY_CODES = currencyCodes();

    private final EntityReading r;
    private final TextTokenizer.Tokens t;
    private final String source;
    private final EntityLanguage lang;
    private final boolean[] consumed;
    private final Map<String, EntityReading.Found> definedAcronyms = new HashMap<>();
    private final Set<String> commonAcronyms = new HashSet<>();
    private final List<Integer> bareAcronyms = new ArrayList<>();

    Acronyms(EntityReading reading) {
        this.r = reading;
        this.t = reading.t;
        this.source = reading.source;
        this.lang = reading.lang;
        this.consumed = reading.consumed;
    }

    /** Token {@code k} is a bare use of an acronym, resolved once the whole article is read. */
    void bare(int k) {
        bareAcronyms.add(k);
    }

    /** Binds "Long Form (ACR)" before anything else, so that the long form is not read as other names. */
    void define() {
        for (int k = 1; k < t.size; k++) {
            if (t.tag[k] != TextTokenizer.ACRONYM || !word(k) || !bracketed(k)) {
                continue;
            }
            int from = longFormStart(k);
            if (from < 0) {
                continue;
            }
            String acronym = r.surface(k);
            consumed[k] = true;
            if (!r.capitalised(from)) {
                commonAcronyms.add(acronym);
                continue;
            }
            String name = r.text(from, k - 1);
            Gazetteer.Match place = lang.gazetteer.match(t, from, k);
            EntityReading.Found entity = place != null && place.end() == k
                    ? r.found("L:" + place.place().country() + ':' + place.place().name(), place.place().name(),
                            Entity.LOCATION, place.place().country())
                    : r.found("O:" + EntityReading.normal(name), name, Entity.ORGANIZATION, null);
            entity.aliases.add(acronym);
            entity.mention(from);
            definedAcronyms.put(acronym, entity);
            for (int j = from; j < k; j++) {
                consumed[j] = true;
            }
        }
    }

    /** An acronym right inside brackets: "(FAR)". */
    private boolean bracketed(int k) {
        int before = t.start[k] - 1;
        return before >= 0 && source.charAt(before) == '(' && t.end[k] < source.length()
                && source.charAt(t.end[k]) == ')';
    }

    /**
     * Schwartz and Hearst's long form: the shortest run of words before the bracket, at most
     * {@code min(|A| + 5, 2|A|)} of them, in which the acronym's letters occur in order from right to left, the
     * first one starting a word. Returns the long form's first token, or -1.
     */
    private int longFormStart(int acronymToken) {
        String acronym = r.surface(acronymToken);
        int letters = acronym.length();
        int window = Math.min(letters + 5, letters * 2);
        int last = acronymToken - 1;
        int first = last;
        while (first > 0 && last - first + 1 < window && t.sentence[first - 1] == t.sentence[last]
                && !t.blockStart[first]) {
            first--;
        }
        if (t.sentence[last] != t.sentence[acronymToken]) {
            return -1;
        }
        String longForm = source.substring(t.start[first], t.end[last]);
        int s = acronym.length() - 1;
        int l = longForm.length() - 1;
        while (s >= 0) {
            char c = Character.toLowerCase(acronym.charAt(s));
            if (!Character.isLetterOrDigit(c)) {
                s--;
                continue;
            }
            while (l >= 0 && Character.toLowerCase(longForm.charAt(l)) != c
                    || s == 0 && l > 0 && Character.isLetterOrDigit(longForm.charAt(l - 1))) {
                l--;
            }
            if (l < 0) {
                return -1;
            }
            l--;
            s--;
        }
        int offset = t.start[first] + l + 1;
        for (int k = first; k <= last; k++) {
            if (t.start[k] <= offset && offset < t.end[k]) {
                // One word no longer than the acronym is no long form of it: "Paris (AFP)" has none.
                return k < last || t.letters[k] > acronym.length() ? k : -1;
            }
        }
        return -1;
    }

    void resolve() {
        Set<String> countries = new HashSet<>();
        for (EntityReading.Found entity : r.byKey.values()) {
            if (entity.country != null) {
                countries.add(entity.country);
            }
        }
        Map<String, Integer> occurrences = new HashMap<>();
        for (int k : bareAcronyms) {
            occurrences.merge(r.surface(k), 1, Integer::sum);
        }
        for (int k : bareAcronyms) {
            String acronym = r.surface(k);
            EntityReading.Found entity = definedAcronyms.get(acronym);
            EntityLanguage.KnownAcronym known = lang.acronyms.get(acronym);
            Gazetteer.Place place;
            if (entity == null && commonAcronyms.contains(acronym)) {
                continue;
            }
            if (entity == null && known != null && (known.country() == null || countries.contains(known.country()))) {
                entity = r.found("O:" + EntityReading.normal(known.name()), known.name(), Entity.ORGANIZATION, null);
                entity.aliases.add(acronym);
            } else if (entity == null && (place = lang.gazetteer.word(t.lower[k])) != null) {
                entity = r.found("L:" + place.country() + ':' + place.name(), place.name(), Entity.LOCATION,
                        place.country());
            } else if (entity == null && occurrences.get(acronym) >= MIN_BARE_ACRONYM_MENTIONS
                    && acronym.length() >= MIN_BARE_ACRONYM_LETTERS && !r.isCue(k)) {
                entity = r.found("O:" + EntityReading.normal(acronym), acronym, Entity.ORGANIZATION, null);
            }
            if (entity != null) {
                entity.mention(k);
            }
        }
    }

    boolean word(int k) {
        String word = r.surface(k);
        if (word.length() < 2 || word.length() > MAX_ACRONYM_LETTERS || EntityReading.ROMAN_NUMERALS.contains(word)
                || CURRENCY_CODES.contains(word)) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (!Character.isUpperCase(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> currencyCodes() {
        Set<String> codes = new HashSet<>();
        for (Currency currency : Currency.getAvailableCurrencies()) {
            codes.add(currency.getCurrencyCode());
        }
        return Set.copyOf(codes);
    }
}
