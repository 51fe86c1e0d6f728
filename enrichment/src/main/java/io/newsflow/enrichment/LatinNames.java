package io.newsflow.enrichment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.newsflow.contract.Entity;

/**
 * Names in Latin scripts: runs of capitalised words, joined by the small words names contain, each kept only with
 * evidence of what it is (see {@link EntityExtractor}): an organisation's head noun, a place of the gazetteer or a
 * word of places, or the shape of a person's name, which {@link People} then weighs. Acronyms go to
 * {@link Acronyms}.
 */
final class LatinNames {

    // Far enough back for "le ministre marocain des Affaires étrangères, Nasser Bourita".
    static final int ROLE_LOOKBACK = 5;
    static final int APPOSITION_REACH = 3;
    private static final Set<String> NAME_PARTICLES = Set.of("de", "du", "da", "di", "do", "dos", "das", "del", "della",
            "van", "von", "der", "den", "ter", "bin", "ben", "ibn", "al", "el", "abu", "ould", "ait", "la", "le");
    // An article joins a name only after another small word: "Ministry of the Interior", not "Tuesday the".
    private static final Set<String> ARTICLES = Set.of("the", "le", "la", "les", "l'", "el", "los", "las", "lo", "il",
            "gli", "het", "o", "a", "os", "as");

    private final EntityReading r;
    private final TextTokenizer.Tokens t;
    private final String source;
    private final EntityLanguage lang;
    private final EntityCues cues;
    private final boolean[] consumed;
    private final Acronyms acronyms;
    private final People people;
    private final Set<String> midSentenceCapitals = new HashSet<>();
    private final Set<String> lowerCaseWords = new HashSet<>();

    LatinNames(EntityReading reading) {
        this.r = reading;
        this.t = reading.t;
        this.source = reading.source;
        this.lang = reading.lang;
        this.cues = reading.cues;
        this.consumed = reading.consumed;
        this.acronyms = new Acronyms(reading);
        this.people = new People(reading);
    }

    void read() {
        for (int k = 0; k < t.size; k++) {
            if (t.letters[k] == 0) {
                continue;
            }
            if (t.tag[k] == TextTokenizer.PROPER || t.tag[k] == TextTokenizer.ACRONYM) {
                midSentenceCapitals.add(r.surface(k));
            } else if (!r.capitalised(k) && !arabicArticleName(k)) {
                lowerCaseWords.add(t.lower[k]);
            }
        }
        acronyms.define();
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
        people.resolve();
        acronyms.resolve();
    }

    private boolean startsName(int k) {
        if (!nameWord(k)) {
            return false;
        }
        if (!t.caseSaysNothing[k] || t.tag[k] == TextTokenizer.ACRONYM) {
            return true;
        }
        if (midSentenceCapitals.contains(r.surface(k)) || lang.gazetteer.match(t, k, t.size) != null) {
            return true;
        }
        // A sentence's first word is a name when one follows it at once ("Dror Shalom a déclaré"), unless it is
        // a word the article also writes in lower case, a day, a month or a cue ("Selon Dror Shalom").
        int next = k + 1;
        return next < t.size && !t.blockStart[next] && nameWord(next) && !t.caseSaysNothing[next]
                && !lowerCaseWords.contains(t.lower[k]) && !lang.calendarWords.contains(t.lower[k])
                && !r.isCue(k);
    }

    private boolean nameWord(int k) {
        return !consumed[k] && !t.forcedStop[k] && t.letters[k] > 0 && (r.capitalised(k) || arabicArticleName(k))
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
                && (!t.caseSaysNothing[k] || midSentenceCapitals.contains(r.surface(k)))) {
            return k + 1;
        }
        if (ARTICLES.contains(t.lower[k])) {
            return -1;
        }
        int j = k;
        while (j < t.size && j - k < 2 && !t.blockStart[j] && r.connector(j)) {
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
        return t.letters[previous] == 1 && r.capitalised(previous) && source.charAt(t.end[previous]) == '.'
                && t.start[k] - t.end[previous] <= 2;
    }

    private void span(int from, int to) {
        if (to - from == 1 && t.tag[from] == TextTokenizer.ACRONYM && acronyms.word(from)) {
            acronyms.bare(from);
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
                if (acronyms.word(k)) {
                    acronyms.bare(k);
                }
            }
            return;
        }
        int split = organisationAfterConnector(from, to);
        if (split > from) {
            // "Rami Abd al-Rahman de l’Observatoire syrien": a name, then the organisation it belongs to.
            int head = split;
            while (r.connector(head)) {
                head++;
            }
            span(from, split);
            span(head, to);
            return;
        }
        int k = from;
        while (k < to && (lang.calendarWords.contains(t.lower[k]) || r.connector(k)
                || t.caseSaysNothing[k] && !r.personCue(k) && (r.isCue(k) || commonWord(k)))) {
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
        while (k < to && r.personCue(k)) {
            titled = true;
            k++;
        }
        if (titled && k < to && r.connector(k)) {
            k = complement(k, to);
        }
        if (k >= to) {
            return;
        }
        if (organisation(k, to)) {
            String name = r.text(k, to - 1);
            r.found("O:" + EntityReading.normal(name), name, Entity.ORGANIZATION, null).mention(k);
            return;
        }
        if (!titled && to - k > 1 && !placeInside(k, to)
                && (cues.placeFirst.contains(t.lower[k]) || cues.placeLast.contains(t.lower[to - 1]))) {
            // "Las Vegas", "Clark County", "Silicon Valley": a place the gazetteer does not know, country unknown.
            String name = r.text(k, to - 1);
            r.found("L::" + EntityReading.normal(name), name, Entity.LOCATION, null).mention(k);
            return;
        }
        if (personShaped(k, to) || titled && to - k == 1 && !hasDirection(k, to)) {
            boolean evidence = titled || roleBefore(k) || appositionAfter(to) || speechNear(k, to);
            people.candidate(k, to, evidence);
            return;
        }
        if (to - k == 1) {
            people.lone(k);
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
            if (!r.connector(k) || !cues.conjunction.contains(t.lower[k])) {
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
                rightName = r.organisationCue(j) || t.tag[j] == TextTokenizer.ACRONYM
                        || lang.gazetteer.match(t, j, to) != null;
            }
            return left && rightName ? k : -1;
        }
        return -1;
    }

    private boolean allCapitals(int from, int to) {
        for (int k = from; k < to; k++) {
            if (t.tag[k] != TextTokenizer.ACRONYM && !r.connector(k)) {
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
            if (r.organisationCue(k)) {
                if (!r.connector(k - 1)) {
                    return -1;
                }
                int split = k - 1;
                while (split > from && r.connector(split - 1)) {
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
            } else if (r.connector(k) || t.caseSaysNothing[k] && commonWord(k)) {
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
            r.place(matches.get(i).place(), starts.get(i));
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
            while (k < to && r.connector(k)) {
                k++;
            }
            if (k >= to) {
                break;
            }
            Gazetteer.Match match = lang.gazetteer.match(t, k, to);
            if (match != null) {
                r.place(match.place(), k);
                k = match.end();
            } else {
                if (t.tag[k] == TextTokenizer.ACRONYM && acronyms.word(k)) {
                    acronyms.bare(k);
                }
                k++;
            }
            if (k >= to || !r.connector(k)) {
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
            if (r.connector(k)) {
                continue;
            }
            if (r.organisationCue(k)) {
                head = true;
            } else if (!r.personCue(k)) {
                distinct = true;
            }
        }
        return head && distinct && !r.connector(to - 1);
    }

    private boolean personShaped(int from, int to) {
        int words = 0;
        for (int k = from; k < to; k++) {
            if (!r.capitalised(k) && !arabicArticleName(k)) {
                if (!NAME_PARTICLES.contains(t.lower[k]) || k == from || k == to - 1) {
                    return false;
                }
                continue;
            }
            boolean numeral = k > from && EntityReading.ROMAN_NUMERALS.contains(r.surface(k));
            if (!numeral && (t.tag[k] == TextTokenizer.ACRONYM || r.isCue(k) || commonWord(k)
                    || t.forcedStop[k] || t.letters[k] < 2)) {
                return false;
            }
            words++;
        }
        // "Air France" is no one's name.
        return words >= 2 && words <= EntityReading.MAX_NAME_WORDS && lang.gazetteer.word(t.lower[to - 1]) == null;
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
        while (k >= 0 && from - k <= 2 && !t.blockStart[k + 1] && r.connector(k)) {
            k--;
        }
        return k >= 0 && k < from - 1 && !t.blockStart[k + 1] && r.personCue(k);
    }

    /** "le président américain Joe Biden", "M. Dupont": a role shortly before, in the same sentence. */
    private boolean roleBefore(int from) {
        for (int k = from - 1; k >= 0 && from - k <= ROLE_LOOKBACK && t.sentence[k] == t.sentence[from]; k--) {
            if (r.personCue(k)) {
                return true;
            }
        }
        return false;
    }

    /** "Dror Shalom, Directeur du Bureau", "John Smith, a spokesman for". */
    private boolean appositionAfter(int to) {
        if (to >= t.size || t.sentence[to] != t.sentence[to - 1]
                || source.indexOf(',', t.end[to - 1]) != r.nextNonSpace(t.end[to - 1])) {
            return false;
        }
        for (int k = to; k < t.size && k - to < APPOSITION_REACH && t.sentence[k] == t.sentence[to]; k++) {
            if (r.personCue(k)) {
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
            if (match != null && (k == from || r.connector(k - 1)) && (match.end() == to || r.connector(match.end()))) {
                r.place(match.place(), k);
                k = match.end();
                continue;
            }
            if (t.tag[k] == TextTokenizer.ACRONYM && acronyms.word(k)) {
                acronyms.bare(k);
            }
            k++;
        }
    }

    /** A word the article also writes in lower case, or a day or month: no name. */
    private boolean commonWord(int k) {
        return lowerCaseWords.contains(t.lower[k]) || lang.calendarWords.contains(t.lower[k]);
    }
}
