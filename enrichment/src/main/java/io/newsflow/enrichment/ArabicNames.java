package io.newsflow.enrichment;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.newsflow.contract.Entity;

/**
 * Names in Arabic, which has no capitals: places from the gazetteer alone; a person is the one to four words after a
 * title or role, once the words with the article that qualify the title are skipped; an organisation is a head noun
 * with the words with the article (or places) that follow it. A person's last name met again counts as a mention.
 */
final class ArabicNames {

    private final EntityReading r;
    private final TextTokenizer.Tokens t;
    private final EntityLanguage lang;
    private final EntityCues cues;
    private final boolean[] consumed;

    ArabicNames(EntityReading reading) {
        this.r = reading;
        this.t = reading.t;
        this.lang = reading.lang;
        this.cues = reading.cues;
        this.consumed = reading.consumed;
    }

    void read() {
        int k = 0;
        while (k < t.size) {
            if (t.stop[k] || t.letters[k] == 0) {
                k++;
                continue;
            }
            Gazetteer.Match match = lang.gazetteer.match(t, k, t.size);
            if (match != null) {
                r.place(match.place(), k);
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
        while (k < t.size && k - from < EntityReading.MAX_NAME_WORDS && !t.blockStart[k] && !t.stop[k]
                && (bound || !hasArticle(k)) && !arabicCue(k, cues.person) && !arabicCue(k, cues.organisation)
                && lang.gazetteer.match(t, k, t.size) == null) {
            bound = cues.nameBinder.contains(Stemmer.normalizeArabic(t.lower[k]));
            k++;
        }
        if (k > from) {
            String name = r.text(from, k - 1);
            r.found("P:" + arabicKey(from, k), name, Entity.PERSON, null).mention(from);
            for (int j = from; j < k; j++) {
                consumed[j] = true;
            }
        }
        return Math.max(k, cue + 1);
    }

    /** A head noun and the words with the article, or the places, that qualify it: "وزارة الدفاع". */
    private int arabicOrganisation(int cue) {
        int k = cue + 1;
        while (k < t.size && k - cue <= EntityReading.MAX_NAME_WORDS && !t.blockStart[k] && !t.stop[k]) {
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
            String name = lang.profile.display(r.text(cue, k - 1));
            r.found("O:" + arabicKey(cue, k), name, Entity.ORGANIZATION, null).mention(cue);
            return k;
        }
        return cue + 1;
    }

    /** A person's last name met again on its own counts as a mention of the person. */
    private void countArabicLastNames() {
        Map<String, EntityReading.Found> byLastName = new HashMap<>();
        for (EntityReading.Found entity : r.byKey.values()) {
            if (Entity.PERSON.equals(entity.type) && entity.name.indexOf(' ') > 0) {
                byLastName.put(Stemmer.normalizeArabic(entity.name.substring(entity.name.lastIndexOf(' ') + 1)),
                        entity);
            }
        }
        for (int k = 0; k < t.size && !byLastName.isEmpty(); k++) {
            EntityReading.Found person = consumed[k] ? null : byLastName.get(Stemmer.normalizeArabic(t.lower[k]));
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
}
