package io.newsflow.enrichment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.DateFormatSymbols;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What reading names in one language needs: its profile, places, cue words, known acronyms and calendar words. */
final class EntityLanguage {

    /** A national body's acronym from {@code acronyms.tsv}; {@code country} when it is that country's body. */
    record KnownAcronym(String name, String country) {
    }

    final LanguageProfile profile;
    final Gazetteer gazetteer;
    final EntityCues cues;
    final Map<String, KnownAcronym> acronyms;
    final boolean arabic;
    final Set<String> calendarWords = new HashSet<>();

    EntityLanguage(String code, LanguageProfile profile, Gazetteer gazetteer, EntityCues cues,
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

    /** The known acronyms of {@code acronyms.tsv}, by language, then acronym. */
    static Map<String, Map<String, KnownAcronym>> loadAcronyms() {
        Map<String, Map<String, KnownAcronym>> acronyms = new HashMap<>();
        try (InputStream in = EntityLanguage.class.getResourceAsStream("acronyms.tsv")) {
            if (in == null) {
                throw new IOException("acronyms.tsv is missing beside " + EntityLanguage.class.getName());
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
}
