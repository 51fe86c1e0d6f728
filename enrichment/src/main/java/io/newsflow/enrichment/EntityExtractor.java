package io.newsflow.enrichment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.DateFormatSymbols;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.newsflow.contract.Entity;

/**
 * Names of people, organisations and places in an article, by rules over the tokens of {@link TextTokenizer}:
 * no model, so every decision can be read back.
 *
 * <p>Places come from {@link Gazetteer} (CLDR country and city names in the article's language), each with its
 * country's ISO 3166-1 code. In Latin scripts the other names are runs of capitalised words, joined by the small
 * words names contain ({@code Banque de France}), and a run is only kept with evidence of what it is:
 * <ul>
 *   <li>an organisation has a head noun of organisations ({@code Forces}, {@code Ministry}, {@code Party}) and at
 *       least one word that is not one ({@code Forces Armées Royales}, not {@code Forces Armées});
 *   <li>a person is two to four capitalised words (particles such as {@code de} or {@code bin} allowed) with a
 *       title or role before them ({@code M.}, {@code President}, {@code le ministre des Affaires étrangères}),
 *       a role in apposition after them ({@code Dror Shalom, Directeur du Bureau}), a verb of saying next to them
 *       ({@code said}, {@code selon}), or whose last name recurs alone in the article;
 *   <li>a title followed by a complement is a rank or an office, not a name: {@code Général de Corps d’Armée},
 *       {@code Directeur du Bureau}; the acronyms and places in the complement still count
 *       ({@code Inspecteur Général des FAR}).
 * </ul>
 * So capitalised common nouns ({@code Renseignement}, {@code Défense aérienne}), ranks and regions described by a
 * cardinal point ({@code Zone Sud}) give nothing. A run that starts or ends with a word of places
 * ({@code Las Vegas}, {@code Clark County}) is a place whose country stays unknown. A run that joins two names with
 * "and" is split ({@code Bob Diamond and Royal Bank of Scotland}), one whose "and" belongs to the name is not
 * ({@code Food and Drug Administration}); a name followed by the organisation it belongs to is split there
 * ({@code Rami Abd al-Rahman de l’Observatoire}). A sentence's first word counts only when it is a place, when the
 * next word is capitalised too, or when it is capitalised elsewhere mid-sentence; in a Title Case heading only the
 * latter two hold.
 *
 * <p>An acronym in brackets after its long form is bound to it by the algorithm of Schwartz and Hearst ("A simple
 * algorithm for identifying abbreviation definitions in biomedical text", PSB 2003), and its later bare uses
 * count as mentions of that entity ({@code Forces Armées Royales (FAR)} … {@code FAR}); a long form in lower case
 * ({@code produit intérieur brut (PIB)}) marks the acronym as a common noun. A bare acronym otherwise takes its
 * long form from {@code acronyms.tsv} (for a national body, only when the article names a place of its country),
 * is a place if the gazetteer knows it ({@code USA}), and is an organisation of its own when it occurs at least
 * twice; currency codes and Roman numerals are never entities.
 *
 * <p>Arabic has no capitals: its places come from the gazetteer alone, a person is the one to four words that
 * follow a title or role ({@code الرئيس}, {@code وزير}) once the words with the article that qualify the title
 * ({@code وزير الخارجية الأمريكي}) are skipped, and an organisation is a head noun ({@code وزارة}, {@code القوات})
 * with the words with the article that follow it ({@code القوات المسلحة الملكية}).
 *
 * <p>The words around names, per language, are in {@code entity-cues-<language>.txt} beside this class; a
 * language without such a file is read with the English ones. Entities are ranked by mentions, then by first
 * mention. Instances are immutable and safe to share between threads.
 */
public final class EntityExtractor {

    static final String PERSON = Entity.PERSON;
    static final String ORGANIZATION = Entity.ORGANIZATION;
    static final String LOCATION = Entity.LOCATION;

    static final int MAX_NAME_WORDS = 4;
    // Far enough back for "le ministre marocain des Affaires étrangères, Nasser Bourita".
    static final int ROLE_LOOKBACK = 5;
    static final int APPOSITION_REACH = 3;
    static final int MIN_BARE_ACRONYM_MENTIONS = 2;
    // Two capitals are too often something else (ID, TV, LA) to make an organisation without a long form.
    static final int MIN_BARE_ACRONYM_LETTERS = 3;
    static final int MAX_ACRONYM_LETTERS = 10;
    private static final String CUES_FALLBACK = "en";
    private static final Set<String> NAME_PARTICLES = Set.of("de", "du", "da", "di", "do", "dos", "das", "del", "della",
            "van", "von", "der", "den", "ter", "bin", "ben", "ibn", "al", "el", "abu", "ould", "ait", "la", "le");
    // An article joins a name only after another small word: "Ministry of the Interior", not "Tuesday the".
    private static final Set<String> ARTICLES = Set.of("the", "le", "la", "les", "l'", "el", "los", "las", "lo", "il",
            "gli", "het", "o", "a", "os", "as");
    private static final Set<String> ROMAN_NUMERALS = Set.of("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
            "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI");
    private static final Set<String> CURRENCY_CODES = currencyCodes();

    private final Map<String, Language> languages = new HashMap<>();
    private final Language fallback;

    public EntityExtractor() {
        Map<String, Map<String, KnownAcronym>> acronyms = loadAcronyms();
        for (String code : LanguageDetector.DEFAULT_LANGUAGES) {
            LanguageProfile profile = LanguageProfile.of(code);
            languages.put(code, new Language(code, profile, Gazetteer.of(code, profile), Cues.load(code),
                    acronyms.getOrDefault(code, Map.of())));
        }
        Language english = languages.get(CUES_FALLBACK);
        fallback = new Language("", LanguageProfile.of(""), english.gazetteer, english.cues, Map.of());
    }

    /**
     * @param title    the headline; may be null
     * @param text     the body; may be null
     * @param language ISO 639-1 code of the text; a language without its own data is read as English names are
     * @return most mentioned first, never null
     */
    public List<Entity> extract(String title, String text, String language) {
        Language lang = language == null ? fallback : languages.getOrDefault(language, fallback);
        TextTokenizer.Tokens tokens = TextTokenizer.tokenize(title, text, lang.profile);
        if (tokens.size == 0) {
            return List.of();
        }
        Document document = new Document(lang, tokens);
        if (lang.arabic) {
            document.readArabic();
        } else {
            document.readLatin();
        }
        return document.entities();
    }

    private record KnownAcronym(String name, String country) {
    }

    private static final class Language {
        final LanguageProfile profile;
        final Gazetteer gazetteer;
        final Cues cues;
        final Map<String, KnownAcronym> acronyms;
        final boolean arabic;
        final Set<String> calendarWords = new HashSet<>();

        Language(String code, LanguageProfile profile, Gazetteer gazetteer, Cues cues,
                Map<String, KnownAcronym> acronyms) {
            this.profile = profile;
            this.gazetteer = gazetteer;
            this.cues = cues;
            this.acronyms = acronyms;
            this.arabic = "ar".equals(code);
            // Days and months start sentences and headings ("Lundi, ...") and are no names: CLDR's, via the JDK.
            DateFormatSymbols symbols = DateFormatSymbols.getInstance(code.isEmpty() ? Locale.ENGLISH
                    : Locale.forLanguageTag(code));
            for (String[] names : List.of(symbols.getMonths(), symbols.getWeekdays())) {
                for (String name : names) {
                    if (!name.isEmpty()) {
                        calendarWords.add(name.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
    }

    /** The words around names in one language; see {@code entity-cues-en.txt}. */
    private static final class Cues {
        final Set<String> person = new HashSet<>();
        final Set<String> organisation = new HashSet<>();
        final Set<String> connector = new HashSet<>();
        final Set<String> speech = new HashSet<>();
        final Set<String> direction = new HashSet<>();
        final Set<String> nameBinder = new HashSet<>();
        final Set<String> conjunction = new HashSet<>();
        final Set<String> placeFirst = new HashSet<>();
        final Set<String> placeLast = new HashSet<>();

        static Cues load(String code) {
            InputStream in = EntityExtractor.class.getResourceAsStream("entity-cues-" + code + ".txt");
            if (in == null) {
                in = EntityExtractor.class.getResourceAsStream("entity-cues-" + CUES_FALLBACK + ".txt");
            }
            Cues cues = new Cues();
            boolean arabic = "ar".equals(code);
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    int colon = line.indexOf(':');
                    if (line.isBlank() || line.startsWith("#") || colon < 0) {
                        continue;
                    }
                    Set<String> set = cues.set(line.substring(0, colon).strip());
                    for (String word : line.substring(colon + 1).split(",")) {
                        String cue = word.strip().replace('’', '\'').toLowerCase(Locale.ROOT);
                        if (!cue.isEmpty()) {
                            set.add(arabic ? Stemmer.normalizeArabic(cue) : cue);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the entity cues of " + code, e);
            }
            return cues;
        }

        private Set<String> set(String name) {
            return switch (name) {
                case "person" -> person;
                case "organisation" -> organisation;
                case "connector" -> connector;
                case "speech" -> speech;
                case "direction" -> direction;
                case "name" -> nameBinder;
                case "conjunction" -> conjunction;
                case "place-first" -> placeFirst;
                case "place-last" -> placeLast;
                default -> throw new IllegalStateException("unknown kind of entity cue: " + name);
            };
        }
    }

    /** One entity as mentions accumulate. */
    private static final class Found {
        final String name;
        final String type;
        final String country;
        final Set<String> aliases = new LinkedHashSet<>(2);
        int count;
        int first = Integer.MAX_VALUE;

        Found(String name, String type, String country) {
            this.name = name;
            this.type = type;
            this.country = country;
        }

        void mention(int token) {
            count++;
            first = Math.min(first, token);
        }
    }

    private record PersonCandidate(int from, int to, boolean evidence) {
    }

    /** The reading of one article; lives for one call. */
    private static final class Document {
        private final Language lang;
        private final Cues cues;
        private final TextTokenizer.Tokens t;
        private final String source;
        private final boolean[] consumed;
        private final Map<String, Found> found = new LinkedHashMap<>();
        private final Map<String, Found> definedAcronyms = new HashMap<>();
        private final Set<String> commonAcronyms = new HashSet<>();
        private final List<Integer> bareAcronyms = new ArrayList<>();
        private final List<PersonCandidate> personCandidates = new ArrayList<>();
        private final List<Integer> loneWords = new ArrayList<>();
        private final Set<String> midSentenceCapitals = new HashSet<>();
        private final Set<String> lowerCaseWords = new HashSet<>();

        Document(Language lang, TextTokenizer.Tokens tokens) {
            this.lang = lang;
            this.cues = lang.cues;
            this.t = tokens;
            this.source = tokens.source;
            this.consumed = new boolean[tokens.size];
        }

        // ---- Latin scripts ----

        void readLatin() {
            for (int k = 0; k < t.size; k++) {
                if (t.letters[k] == 0) {
                    continue;
                }
                if (t.tag[k] == TextTokenizer.PROPER || t.tag[k] == TextTokenizer.ACRONYM) {
                    midSentenceCapitals.add(surface(k));
                } else if (!capitalised(k) && !arabicArticleName(k)) {
                    lowerCaseWords.add(t.lower[k]);
                }
            }
            defineAcronyms();
            int k = 0;
            while (k < t.size) {
                if (!startsName(k)) {
                    k++;
                    continue;
                }
                int end = k + 1;
                while (end < t.size) {
                    int next = continuation(end);
                    if (next < 0) {
                        break;
                    }
                    end = next;
                }
                span(k, end);
                k = end;
            }
            resolvePeople();
            resolveAcronyms();
        }

        /** Binds "Long Form (ACR)" before anything else, so that the long form is not read as other names. */
        private void defineAcronyms() {
            for (int k = 1; k < t.size; k++) {
                if (t.tag[k] != TextTokenizer.ACRONYM || !acronymWord(k) || !bracketed(k)) {
                    continue;
                }
                int from = longFormStart(k);
                if (from < 0) {
                    continue;
                }
                String acronym = surface(k);
                consumed[k] = true;
                if (!capitalised(from)) {
                    commonAcronyms.add(acronym);
                    continue;
                }
                String name = text(from, k - 1);
                Gazetteer.Match place = lang.gazetteer.match(t, from, k);
                Found entity = place != null && place.end() == k
                        ? found("L:" + place.place().country() + ':' + place.place().name(), place.place().name(),
                        LOCATION, place.place().country())
                        : found("O:" + normal(name), name, ORGANIZATION, null);
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
            String acronym = surface(acronymToken);
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

        private boolean startsName(int k) {
            if (!nameWord(k)) {
                return false;
            }
            if (!t.caseSaysNothing[k] || t.tag[k] == TextTokenizer.ACRONYM) {
                return true;
            }
            if (midSentenceCapitals.contains(surface(k)) || lang.gazetteer.match(t, k, t.size) != null) {
                return true;
            }
            // A sentence's first word is a name when one follows it at once ("Dror Shalom a déclaré"), unless it is
            // a word the article also writes in lower case, a day, a month or a cue ("Selon Dror Shalom").
            int next = k + 1;
            return next < t.size && !t.blockStart[next] && nameWord(next) && !t.caseSaysNothing[next]
                    && !lowerCaseWords.contains(t.lower[k]) && !lang.calendarWords.contains(t.lower[k])
                    && !isCue(k);
        }

        private boolean nameWord(int k) {
            return !consumed[k] && !t.forcedStop[k] && t.letters[k] > 0 && (capitalised(k) || arabicArticleName(k))
                    && (t.tag[k] == TextTokenizer.PROPER || t.tag[k] == TextTokenizer.ACRONYM || !t.stop[k]);
        }

        /** "Rami Abd al-Rahman", "Abdel Fattah el-Sisi": a transliterated article before a capital. */
        private boolean arabicArticleName(int k) {
            String word = t.lower[k];
            return (word.startsWith("al-") || word.startsWith("el-")) && word.length() > 4
                    && Character.isUpperCase(source.charAt(t.start[k] + 3));
        }

        /** The token after the name word that continues the name at {@code k}, or -1 if the name ends before it. */
        private int continuation(int k) {
            if (t.sentence[k] != t.sentence[k - 1]) {
                return -1;
            }
            if (nameWord(k) && (!t.blockStart[k] || afterInitial(k))
                    && (!t.caseSaysNothing[k] || midSentenceCapitals.contains(surface(k)))) {
                return k + 1;
            }
            if (ARTICLES.contains(t.lower[k])) {
                return -1;
            }
            int j = k;
            while (j < t.size && j - k < 2 && !t.blockStart[j] && connector(j)) {
                j++;
            }
            if (j > k && j < t.size && !t.blockStart[j] && nameWord(j) && !t.caseSaysNothing[j]) {
                return j + 1;
            }
            return -1;
        }

        /** "John F. Kennedy", "M. Dupont": the dot of an initial does not end a name. */
        private boolean afterInitial(int k) {
            int previous = k - 1;
            return t.letters[previous] == 1 && capitalised(previous) && source.charAt(t.end[previous]) == '.'
                    && t.start[k] - t.end[previous] <= 2;
        }

        private void span(int from, int to) {
            if (to - from == 1 && t.tag[from] == TextTokenizer.ACRONYM && acronymWord(from)) {
                bareAcronyms.add(from);
                return;
            }
            int conjunction = conjunctionBetweenNames(from, to);
            if (conjunction > from) {
                span(from, conjunction);
                span(conjunction + 1, to);
                return;
            }
            if (allCapitals(from, to)) {
                // A heading in capitals ("IRISH BANK BILL"): its words are acronyms or nothing.
                for (int k = from; k < to; k++) {
                    if (acronymWord(k)) {
                        bareAcronyms.add(k);
                    }
                }
                return;
            }
            int split = organisationAfterConnector(from, to);
            if (split > from) {
                // "Rami Abd al-Rahman de l’Observatoire syrien": a name, then the organisation it belongs to.
                int head = split;
                while (connector(head)) {
                    head++;
                }
                span(from, split);
                span(head, to);
                return;
            }
            int k = from;
            while (k < to && (lang.calendarWords.contains(t.lower[k]) || connector(k)
                    || t.caseSaysNothing[k] && !personCue(k) && (isCue(k) || commonWord(k)))) {
                k++;
            }
            while (to > k && lang.calendarWords.contains(t.lower[to - 1])) {
                to--;
            }
            if (k == to || placesCover(k, to)) {
                return;
            }
            boolean titled = false;
            if (k == from && to - from > 2 && titleBefore(from)) {
                // "le ministre de la Justice Alberto Ruiz-Gallardón": the first word completes the title.
                k = complement(k, to);
                titled = true;
            }
            while (k < to && personCue(k)) {
                titled = true;
                k++;
            }
            if (titled && k < to && connector(k)) {
                k = complement(k, to);
            }
            if (k >= to) {
                return;
            }
            if (organisation(k, to)) {
                String name = text(k, to - 1);
                found("O:" + normal(name), name, ORGANIZATION, null).mention(k);
                return;
            }
            if (!titled && to - k > 1 && !placeInside(k, to)
                    && (cues.placeFirst.contains(t.lower[k]) || cues.placeLast.contains(t.lower[to - 1]))) {
                // "Las Vegas", "Clark County", "Silicon Valley": a place the gazetteer does not know, country unknown.
                String name = text(k, to - 1);
                found("L::" + normal(name), name, LOCATION, null).mention(k);
                return;
            }
            if (personShaped(k, to) || titled && to - k == 1 && !hasDirection(k, to)) {
                boolean evidence = titled || roleBefore(k) || appositionAfter(to) || speechNear(k, to);
                personCandidates.add(new PersonCandidate(k, to, evidence));
                return;
            }
            if (to - k == 1) {
                loneWords.add(k);
                return;
            }
            placesAndAcronymsInside(k, to);
        }

        /**
         * Where "and" (or "et", "y", "und"...) joins two names rather than being part of one: when the part before
         * it is a name of its own (an organisation, a person, a place or an acronym) and the part after it starts
         * with an article or holds an organisation's head noun, an acronym or a place. "Bob Diamond and Royal Bank
         * of Scotland" splits, "Food and Drug Administration" and "Trinidad and Tobago" do not. Else -1.
         */
        private int conjunctionBetweenNames(int from, int to) {
            for (int k = from + 1; k < to - 1; k++) {
                if (!connector(k) || !cues.conjunction.contains(t.lower[k])) {
                    continue;
                }
                if (placesCover(from, to, false)) {
                    return -1;
                }
                boolean left = organisation(from, k) || personShaped(from, k) || placesCover(from, k, false)
                        || k - from == 1 && t.tag[from] == TextTokenizer.ACRONYM;
                int right = k + 1;
                boolean rightName = ARTICLES.contains(t.lower[right]);
                for (int j = right; j < to && !rightName; j++) {
                    rightName = organisationCue(j) || t.tag[j] == TextTokenizer.ACRONYM
                            || lang.gazetteer.match(t, j, to) != null;
                }
                return left && rightName ? k : -1;
            }
            return -1;
        }

        private boolean allCapitals(int from, int to) {
            for (int k = from; k < to; k++) {
                if (t.tag[k] != TextTokenizer.ACRONYM && !connector(k)) {
                    return false;
                }
            }
            return to - from > 1;
        }

        private boolean placeInside(int from, int to) {
            for (int k = from; k < to; k++) {
                if (lang.gazetteer.match(t, k, to) != null) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Where a run splits into a name and the organisation after it: the first small word before an
         * organisation's head noun, when no head noun precedes it ("Organisation des Nations" stays whole); else -1.
         */
        private int organisationAfterConnector(int from, int to) {
            for (int k = from + 1; k < to; k++) {
                if (organisationCue(k)) {
                    if (!connector(k - 1)) {
                        return -1;
                    }
                    int split = k - 1;
                    while (split > from && connector(split - 1)) {
                        split--;
                    }
                    return split;
                }
            }
            return -1;
        }

        /** True, and counts them, when the span is nothing but places and the small words between them. */
        private boolean placesCover(int from, int to) {
            return placesCover(from, to, true);
        }

        private boolean placesCover(int from, int to, boolean count) {
            List<Gazetteer.Match> matches = new ArrayList<>(2);
            List<Integer> starts = new ArrayList<>(2);
            int k = from;
            while (k < to) {
                Gazetteer.Match match = lang.gazetteer.match(t, k, to);
                if (match != null) {
                    matches.add(match);
                    starts.add(k);
                    k = match.end();
                } else if (connector(k) || t.caseSaysNothing[k] && commonWord(k)) {
                    k++;
                } else {
                    List<Gazetteer.Place> parts = hyphenatedPlaces(k);
                    if (parts == null) {
                        return false;
                    }
                    for (Gazetteer.Place place : parts) {
                        matches.add(new Gazetteer.Match(place, k + 1));
                        starts.add(k);
                    }
                    k++;
                }
            }
            for (int i = 0; count && i < matches.size(); i++) {
                place(matches.get(i).place(), starts.get(i));
            }
            return !matches.isEmpty();
        }

        /** The places of "Maroc-Israël", if every part of the word is one. */
        private List<Gazetteer.Place> hyphenatedPlaces(int k) {
            String word = t.lower[k];
            if (word.indexOf('-') < 0) {
                return null;
            }
            List<Gazetteer.Place> places = new ArrayList<>(2);
            for (String part : word.split("-")) {
                Gazetteer.Place place = lang.gazetteer.word(part);
                if (place == null) {
                    return null;
                }
                places.add(place);
            }
            return places;
        }

        /**
         * Skips the complement of a title ("de Corps d’Armée", "du Bureau", "des FAR"): one word, or two joined by
         * a small word, counting the acronyms and places in it. Returns the token after it.
         */
        private int complement(int from, int to) {
            int k = from;
            for (int words = 0; words < 2 && k < to; words++) {
                while (k < to && connector(k)) {
                    k++;
                }
                if (k >= to) {
                    break;
                }
                Gazetteer.Match match = lang.gazetteer.match(t, k, to);
                if (match != null) {
                    place(match.place(), k);
                    k = match.end();
                } else {
                    if (t.tag[k] == TextTokenizer.ACRONYM && acronymWord(k)) {
                        bareAcronyms.add(k);
                    }
                    k++;
                }
                if (k >= to || !connector(k)) {
                    break;
                }
            }
            return k;
        }

        /** A head noun of organisations and a word that is no cue: "Forces Armées Royales", not "Forces Armées". */
        private boolean organisation(int from, int to) {
            boolean head = false;
            boolean distinct = false;
            for (int k = from; k < to; k++) {
                if (connector(k)) {
                    continue;
                }
                if (organisationCue(k)) {
                    head = true;
                } else if (!personCue(k)) {
                    distinct = true;
                }
            }
            return head && distinct && !connector(to - 1);
        }

        private boolean personShaped(int from, int to) {
            int words = 0;
            for (int k = from; k < to; k++) {
                if (!capitalised(k) && !arabicArticleName(k)) {
                    if (!NAME_PARTICLES.contains(t.lower[k]) || k == from || k == to - 1) {
                        return false;
                    }
                    continue;
                }
                boolean numeral = k > from && ROMAN_NUMERALS.contains(surface(k));
                if (!numeral && (t.tag[k] == TextTokenizer.ACRONYM || isCue(k) || commonWord(k)
                        || t.forcedStop[k] || t.letters[k] < 2)) {
                    return false;
                }
                words++;
            }
            // "Air France" is no one's name.
            return words >= 2 && words <= MAX_NAME_WORDS && lang.gazetteer.word(t.lower[to - 1]) == null;
        }

        private boolean hasDirection(int from, int to) {
            for (int k = from; k < to; k++) {
                if (cues.direction.contains(t.lower[k])) {
                    return true;
                }
            }
            return false;
        }

        /** A title right before the name and a small word: "ministre de la", "président de l’". */
        private boolean titleBefore(int from) {
            int k = from - 1;
            while (k >= 0 && from - k <= 2 && !t.blockStart[k + 1] && connector(k)) {
                k--;
            }
            return k >= 0 && k < from - 1 && !t.blockStart[k + 1] && personCue(k);
        }

        /** "le président américain Joe Biden", "M. Dupont": a role shortly before, in the same sentence. */
        private boolean roleBefore(int from) {
            for (int k = from - 1; k >= 0 && from - k <= ROLE_LOOKBACK && t.sentence[k] == t.sentence[from]; k--) {
                if (personCue(k)) {
                    return true;
                }
            }
            return false;
        }

        /** "Dror Shalom, Directeur du Bureau", "John Smith, a spokesman for". */
        private boolean appositionAfter(int to) {
            if (to >= t.size || t.sentence[to] != t.sentence[to - 1]
                    || source.indexOf(',', t.end[to - 1]) != nextNonSpace(t.end[to - 1])) {
                return false;
            }
            for (int k = to; k < t.size && k - to < APPOSITION_REACH && t.sentence[k] == t.sentence[to]; k++) {
                if (personCue(k)) {
                    return true;
                }
                if (!t.stop[k]) {
                    return false;
                }
            }
            return false;
        }

        /** "said John Smith", "John Smith said", "selon Dror Shalom", "Dror Shalom a déclaré". */
        private boolean speechNear(int from, int to) {
            for (int k = from - 1; k >= 0 && from - k <= 2 && (!t.blockStart[k + 1] || onlyCommaBefore(k + 1)); k--) {
                if (cues.speech.contains(t.lower[k])) {
                    return true;
                }
            }
            for (int k = to; k < t.size && k - to < 2 && (!t.blockStart[k] || onlyCommaBefore(k)); k++) {
                if (cues.speech.contains(t.lower[k])) {
                    return true;
                }
                if (!t.stop[k]) {
                    return false;
                }
            }
            return false;
        }

        /** A comma and nothing else between token {@code k} and the one before it: "Ole Solvang, précise". */
        private boolean onlyCommaBefore(int k) {
            if (k == 0 || t.sentence[k] != t.sentence[k - 1]) {
                return false;
            }
            String gap = source.substring(t.end[k - 1], t.start[k]).strip();
            return gap.equals(",");
        }

        /** What is left of a run that is neither a person nor an organisation: its places and acronyms. */
        private void placesAndAcronymsInside(int from, int to) {
            int k = from;
            while (k < to) {
                Gazetteer.Match match = lang.gazetteer.match(t, k, to);
                // A place glued to an unknown capitalised word ("Michael Jordan") is not a place.
                if (match != null && (k == from || connector(k - 1)) && (match.end() == to || connector(match.end()))) {
                    place(match.place(), k);
                    k = match.end();
                    continue;
                }
                if (t.tag[k] == TextTokenizer.ACRONYM && acronymWord(k)) {
                    bareAcronyms.add(k);
                }
                k++;
            }
        }

        private void resolvePeople() {
            Set<String> lone = new HashSet<>();
            for (int k : loneWords) {
                lone.add(surface(k));
            }
            Map<String, Found> byLastName = new HashMap<>();
            List<PersonCandidate> single = new ArrayList<>();
            for (PersonCandidate candidate : personCandidates) {
                if (candidate.to - candidate.from == 1) {
                    single.add(candidate);
                    continue;
                }
                String last = surface(lastNameToken(candidate));
                if (candidate.evidence || lone.contains(last) || byLastName.containsKey(last)) {
                    String name = text(candidate.from, candidate.to - 1);
                    Found person = found("P:" + normal(name), name, PERSON, null);
                    person.mention(candidate.from);
                    byLastName.putIfAbsent(last, person);
                }
            }
            for (PersonCandidate candidate : single) {
                String name = surface(candidate.from);
                Found person = byLastName.get(name);
                if (person == null) {
                    person = found("P:" + normal(name), name, PERSON, null);
                    byLastName.put(name, person);
                }
                person.mention(candidate.from);
            }
            for (int k : loneWords) {
                Found person = byLastName.get(surface(k));
                if (person != null) {
                    person.mention(k);
                }
            }
        }

        /** The last word of a name, Roman numerals aside ("Mohammed VI" is Mohammed). */
        private int lastNameToken(PersonCandidate candidate) {
            int last = candidate.to - 1;
            while (last > candidate.from && ROMAN_NUMERALS.contains(surface(last))) {
                last--;
            }
            return last;
        }

        private void resolveAcronyms() {
            Set<String> countries = new HashSet<>();
            for (Found entity : found.values()) {
                if (entity.country != null) {
                    countries.add(entity.country);
                }
            }
            Map<String, Integer> occurrences = new HashMap<>();
            for (int k : bareAcronyms) {
                occurrences.merge(surface(k), 1, Integer::sum);
            }
            for (int k : bareAcronyms) {
                String acronym = surface(k);
                Found entity = definedAcronyms.get(acronym);
                KnownAcronym known = lang.acronyms.get(acronym);
                Gazetteer.Place place;
                if (entity == null && commonAcronyms.contains(acronym)) {
                    continue;
                }
                if (entity == null && known != null && (known.country == null || countries.contains(known.country))) {
                    entity = found("O:" + normal(known.name), known.name, ORGANIZATION, null);
                    entity.aliases.add(acronym);
                } else if (entity == null && (place = lang.gazetteer.word(t.lower[k])) != null) {
                    entity = found("L:" + place.country() + ':' + place.name(), place.name(), LOCATION,
                            place.country());
                } else if (entity == null && occurrences.get(acronym) >= MIN_BARE_ACRONYM_MENTIONS
                        && acronym.length() >= MIN_BARE_ACRONYM_LETTERS && !isCue(k)) {
                    entity = found("O:" + normal(acronym), acronym, ORGANIZATION, null);
                }
                if (entity != null) {
                    entity.mention(k);
                }
            }
        }

        private boolean acronymWord(int k) {
            String word = surface(k);
            if (word.length() < 2 || word.length() > MAX_ACRONYM_LETTERS || ROMAN_NUMERALS.contains(word)
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

        // ---- Arabic ----

        void readArabic() {
            int k = 0;
            while (k < t.size) {
                if (t.stop[k] || t.letters[k] == 0) {
                    k++;
                    continue;
                }
                Gazetteer.Match match = lang.gazetteer.match(t, k, t.size);
                if (match != null) {
                    place(match.place(), k);
                    k = match.end();
                } else if (arabicCue(k, cues.person)) {
                    k = arabicPerson(k);
                } else if (arabicCue(k, cues.organisation)) {
                    k = arabicOrganisation(k);
                } else {
                    k++;
                }
            }
            countArabicLastNames();
        }

        /** The name after a title, past the words with the article that qualify the title. */
        private int arabicPerson(int cue) {
            int k = cue + 1;
            while (k < t.size && k - cue <= 3 && !t.blockStart[k] && !t.stop[k] && hasArticle(k)
                    && lang.gazetteer.match(t, k, t.size) == null) {
                k++;
            }
            int from = k;
            boolean bound = false;
            while (k < t.size && k - from < MAX_NAME_WORDS && !t.blockStart[k] && !t.stop[k]
                    && (bound || !hasArticle(k)) && !arabicCue(k, cues.person) && !arabicCue(k, cues.organisation)
                    && lang.gazetteer.match(t, k, t.size) == null) {
                bound = cues.nameBinder.contains(Stemmer.normalizeArabic(t.lower[k]));
                k++;
            }
            if (k > from) {
                String name = text(from, k - 1);
                found("P:" + arabicKey(from, k), name, PERSON, null).mention(from);
                for (int j = from; j < k; j++) {
                    consumed[j] = true;
                }
            }
            return Math.max(k, cue + 1);
        }

        /** A head noun and the words with the article, or the places, that qualify it: "وزارة الدفاع". */
        private int arabicOrganisation(int cue) {
            int k = cue + 1;
            while (k < t.size && k - cue <= MAX_NAME_WORDS && !t.blockStart[k] && !t.stop[k]) {
                Gazetteer.Match match = lang.gazetteer.match(t, k, t.size);
                if (match != null) {
                    k = match.end();
                } else if (hasArticle(k) && !arabicCue(k, cues.person)) {
                    k++;
                } else {
                    break;
                }
            }
            if (k > cue + 1) {
                String name = lang.profile.display(text(cue, k - 1));
                found("O:" + arabicKey(cue, k), name, ORGANIZATION, null).mention(cue);
                return k;
            }
            return cue + 1;
        }

        /** A person's last name met again on its own counts as a mention of the person. */
        private void countArabicLastNames() {
            Map<String, Found> byLastName = new HashMap<>();
            for (Found entity : found.values()) {
                if (PERSON.equals(entity.type) && entity.name.indexOf(' ') > 0) {
                    byLastName.put(Stemmer.normalizeArabic(entity.name.substring(entity.name.lastIndexOf(' ') + 1)),
                            entity);
                }
            }
            for (int k = 0; k < t.size && !byLastName.isEmpty(); k++) {
                Found person = consumed[k] ? null : byLastName.get(Stemmer.normalizeArabic(t.lower[k]));
                if (person != null) {
                    person.mention(k);
                }
            }
        }

        private boolean arabicCue(int k, Set<String> set) {
            String word = Stemmer.normalizeArabic(t.lower[k]);
            if (set.contains(word)) {
                return true;
            }
            char first = word.charAt(0);
            boolean proclitic = word.length() > 3 && (first == 'ب' || first == 'ل' || first == 'ك' || first == 'ف'
                    || first == 'و');
            return proclitic && (set.contains(word.substring(1))
                    || word.startsWith("لل") && set.contains("ا" + word.substring(1)));
        }

        private boolean hasArticle(int k) {
            String word = t.lower[k];
            return word.length() > 3 && (word.startsWith("ال") || word.startsWith("لل")
                    || word.length() > 4 && (word.charAt(0) == 'ب' || word.charAt(0) == 'ك' || word.charAt(0) == 'ف')
                    && word.startsWith("ال", 1));
        }

        private String arabicKey(int from, int to) {
            StringBuilder key = new StringBuilder();
            for (int k = from; k < to; k++) {
                key.append(Stemmer.normalizeArabic(t.lower[k])).append(' ');
            }
            return key.toString();
        }

        // ---- shared ----

        private void place(Gazetteer.Place place, int token) {
            found("L:" + place.country() + ':' + place.name(), place.name(), LOCATION, place.country())
                    .mention(token);
        }

        private Found found(String key, String name, String type, String country) {
            return found.computeIfAbsent(key, any -> new Found(name, type, country));
        }

        List<Entity> entities() {
            List<Found> ranked = new ArrayList<>();
            for (Found entity : found.values()) {
                if (entity.count > 0) {
                    ranked.add(entity);
                }
            }
            ranked.sort((a, b) -> a.count != b.count ? Integer.compare(b.count, a.count)
                    : Integer.compare(a.first, b.first));
            List<Entity> entities = new ArrayList<>(ranked.size());
            for (Found entity : ranked) {
                List<String> aliases = new ArrayList<>(entity.aliases);
                aliases.remove(entity.name);
                entities.add(new Entity(entity.name, entity.type, entity.count, entity.country, aliases));
            }
            return entities;
        }

        private boolean capitalised(int k) {
            return Character.isUpperCase(source.codePointAt(t.start[k]));
        }

        private boolean connector(int k) {
            return !capitalised(k) && cues.connector.contains(t.lower[k]);
        }

        private boolean personCue(int k) {
            return cues.person.contains(t.lower[k]) || cues.person.contains(lang.profile.fold(t.lower[k]));
        }

        private boolean organisationCue(int k) {
            return cues.organisation.contains(t.lower[k]) || cues.organisation.contains(lang.profile.fold(t.lower[k]));
        }

        private boolean isCue(int k) {
            String word = t.lower[k];
            return personCue(k) || organisationCue(k) || cues.speech.contains(word) || cues.direction.contains(word)
                    || cues.connector.contains(word) || cues.placeFirst.contains(word) || cues.placeLast.contains(word);
        }

        /** A word the article also writes in lower case, or a day or month: no name. */
        private boolean commonWord(int k) {
            return lowerCaseWords.contains(t.lower[k]) || lang.calendarWords.contains(t.lower[k]);
        }

        private String surface(int k) {
            return source.substring(t.start[k], t.end[k]);
        }

        /** The text from token {@code from} to token {@code last}, with its spacing made single. */
        private String text(int from, int last) {
            return TextTokenizer.singleSpaced(source.substring(t.start[from], t.end[last]));
        }

        private int nextNonSpace(int from) {
            int i = from;
            while (i < source.length() && Character.isWhitespace(source.charAt(i))) {
                i++;
            }
            return i;
        }

        private static String normal(String name) {
            return name.toLowerCase(Locale.ROOT).replace('’', '\'');
        }
    }

    private static Map<String, Map<String, KnownAcronym>> loadAcronyms() {
        Map<String, Map<String, KnownAcronym>> acronyms = new HashMap<>();
        try (InputStream in = EntityExtractor.class.getResourceAsStream("acronyms.tsv")) {
            if (in == null) {
                throw new IOException("acronyms.tsv is missing beside " + EntityExtractor.class.getName());
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                acronyms.computeIfAbsent(fields[0], any -> new HashMap<>())
                        .put(fields[1], new KnownAcronym(fields[2], fields.length > 3 ? fields[3] : null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return acronyms;
    }

    private static Set<String> currencyCodes() {
        Set<String> codes = new HashSet<>();
        for (Currency currency : Currency.getAvailableCurrencies()) {
            codes.add(currency.getCurrencyCode());
        }
        return Set.copyOf(codes);
    }
}
