package io.newsflow.enrichment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.ibm.icu.text.DisplayContext;
import com.ibm.icu.text.LocaleDisplayNames;
import com.ibm.icu.text.TimeZoneNames;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;

/**
 * The places of the world as one language names them, each with the ISO 3166-1 alpha-2 code of its country, from
 * maintained data wherever it exists:
 * <ol>
 *   <li>countries: the JDK's CLDR names of every ISO 3166-1 code ({@code Maroc}, {@code المغرب}), then ICU's
 *       short CLDR forms where they differ ({@code UK}, {@code USA}, {@code Palestine}), then the few forms of
 *       {@code place-aliases.tsv} that CLDR lacks ({@code U.S.}, {@code Britain});
 *   <li>capitals that CLDR names no time zone after ({@code Rabat}, {@code Washington}), from {@code capitals.tsv}
 *       beside this class, the one hand-written list;
 *   <li>cities: CLDR's exemplar cities of the time zones, through ICU4J ({@code Casablanca},
 *       {@code الدار البيضاء}, {@code Le Caire}), some 400 large cities localised in every language, the
 *       Antarctic stations left out as they bear people's names ({@code Davis}, {@code Casey}).
 * </ol>
 * A name met twice keeps its first place, so a country wins over a homonymous city.
 *
 * <p>Names are matched token by token, as {@link TextTokenizer} splits them, without accents or case
 * ({@code Israel} finds {@code Israël}); the caller decides whether a capital is needed. French, Spanish, Italian
 * and Portuguese names with an article are also found without it, as the article merges with a preposition
 * ({@code au Caire}, {@code del Cairo}). In Arabic a name is found behind a preposition or conjunction written onto
 * it ({@code بالرباط}, {@code للمغرب}, {@code لإسرائيل}), after Lucene's normalisation of hamza forms and teh marbuta.
 * Immutable once built.
 */
final class Gazetteer {

    record Place(String name, String country) {
    }

    /** A place found in a text and the token after its name. */
    record Match(Place place, int end) {
    }

    private static final Set<String> ARTICLE_MERGING_LANGUAGES = Set.of("fr", "es", "it", "pt");
    private static final int CAPITALS_ENGLISH_COLUMN = 1;
    private static final Map<String, Integer> CAPITALS_COLUMNS = Map.of("en", 1, "fr", 2, "ar", 3);
    private static final String WORLD = "001";
    private static final String ANTARCTICA = "AQ";

    private static final class Node {
        Place place;
        final Map<String, Node> next = new HashMap<>(2);
    }

    private final Node root = new Node();
    private final LanguageProfile profile;
    private final boolean arabic;
    private final boolean articlesMerge;

    private Gazetteer(String language, LanguageProfile profile) {
        this.profile = profile;
        this.arabic = "ar".equals(language);
        this.articlesMerge = ARTICLE_MERGING_LANGUAGES.contains(language);
    }

    /** The gazetteer of an ISO 639-1 language, with the profile its texts are tokenised with. */
    static Gazetteer of(String language, LanguageProfile profile) {
        Gazetteer gazetteer = new Gazetteer(language, profile);
        Locale locale = Locale.forLanguageTag(language);
        ULocale uLocale = ULocale.forLocale(locale);
        LocaleDisplayNames shortNames = LocaleDisplayNames.getInstance(uLocale, DisplayContext.LENGTH_SHORT);
        for (String country : Locale.getISOCountries()) {
            gazetteer.addCountryName(new Locale("", country).getDisplayCountry(locale), country);
        }
        for (String country : Locale.getISOCountries()) {
            gazetteer.addCountryName(shortNames.regionDisplayName(country), country);
        }
        gazetteer.addAliases(language);
        gazetteer.addCapitals(CAPITALS_COLUMNS.getOrDefault(language, CAPITALS_ENGLISH_COLUMN));
        TimeZoneNames zoneNames = TimeZoneNames.getInstance(uLocale);
        for (String zone : TimeZone.getAvailableIDs(TimeZone.SystemTimeZoneType.CANONICAL_LOCATION, null, null)) {
            String country = TimeZone.getRegion(zone);
            String city = zoneNames.getExemplarLocationName(zone);
            // "Center, North Dakota" and the like name a county, not a city the news calls by that name.
            if (city != null && !WORLD.equals(country) && !ANTARCTICA.equals(country) && city.indexOf(',') < 0) {
                gazetteer.add(city, country);
            }
        }
        return gazetteer;
    }

    /**
     * The longest place whose name starts at token {@code from} and ends at or before {@code limit}, or null.
     */
    Match match(TextTokenizer.Tokens tokens, int from, int limit) {
        Match best = null;
        for (String first : firstKeys(tokens.lower[from])) {
            Node node = root.next.get(first);
            int k = from + 1;
            while (node != null) {
                if (node.place != null && (best == null || k > best.end)) {
                    best = new Match(node.place, k);
                }
                if (k >= limit || tokens.blockStart[k]) {
                    break;
                }
                node = node.next.get(key(tokens.lower[k]));
                k++;
            }
        }
        return best;
    }

    /** The place a single word names ({@code Maroc} of {@code Maroc-Israël}), or null. */
    Place word(String lowerCaseWord) {
        Node node = root.next.get(key(lowerCaseWord));
        return node == null ? null : node.place;
    }

    private void addCountryName(String name, String country) {
        if (name == null || name.equals(country)) {
            return;
        }
        int open = name.indexOf(" (");
        int close = name.lastIndexOf(')');
        if (open > 0 && close > open) {
            // "Myanmar (Burma)": either name is used alone.
            add(name.substring(0, open), country);
            add(name.substring(open + 2, close), country);
            return;
        }
        add(name, country);
        if (name.contains(" & ")) {
            add(name.replace(" & ", " and "), country);
        }
    }

    private void addCapitals(int column) {
        for (String[] fields : rows("capitals.tsv")) {
            for (String name : fields[column].split("\\|")) {
                add(name, fields[0]);
            }
        }
    }

    private void addAliases(String language) {
        for (String[] fields : rows("place-aliases.tsv")) {
            if (fields[0].equals(language)) {
                for (String name : fields[2].split("\\|")) {
                    add(name, fields[1]);
                }
            }
        }
    }

    private static List<String[]> rows(String resource) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = Gazetteer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing beside " + Gazetteer.class.getName());
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private void add(String name, String country) {
        TextTokenizer.Tokens tokens = TextTokenizer.tokenize("", name, profile);
        if (tokens.size == 0) {
            return;
        }
        Place place = new Place(name, country);
        insert(tokens, 0, place);
        if (articlesMerge && tokens.size > 1 && tokens.stop[0] && !tokens.forcedStop[0]) {
            insert(tokens, 1, place);
        }
    }

    private void insert(TextTokenizer.Tokens tokens, int from, Place place) {
        Node node = root;
        for (int k = from; k < tokens.size; k++) {
            node = node.next.computeIfAbsent(key(tokens.lower[k]), key -> new Node());
        }
        if (node.place == null) {
            node.place = place;
        }
    }

    private String key(String lowerCaseWord) {
        if (arabic) {
            return Stemmer.normalizeArabic(lowerCaseWord);
        }
        String decomposed = Normalizer.normalize(lowerCaseWord, Normalizer.Form.NFD);
        StringBuilder key = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                key.append(c);
            }
        }
        return key.toString();
    }

    /**
     * The keys a name's first word may stand for: itself and, in Arabic, itself without a one-letter preposition
     * or conjunction ({@code بالرباط} → {@code الرباط}, {@code لإسرائيل} → {@code إسرائيل}), or with the article
     * that {@code لل} swallowed ({@code للمغرب} → {@code المغرب}).
     */
    private String[] firstKeys(String lowerCaseWord) {
        String key = key(lowerCaseWord);
        if (!arabic || key.length() < 4) {
            return new String[] {key};
        }
        char first = key.charAt(0);
        boolean proclitic = first == 'و' || first == 'ف' || first == 'ب' || first == 'ل' || first == 'ك';
        if (!proclitic) {
            return new String[] {key};
        }
        if (key.startsWith("لل")) {
            return new String[] {key, "ا" + key.substring(1)};
        }
        return new String[] {key, key.substring(1)};
    }
}
