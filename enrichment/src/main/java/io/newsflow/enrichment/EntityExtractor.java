package io.newsflow.enrichment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 *
 * <p>Each part of the reading is a class of its own, over one {@link EntityReading} of the article:
 * {@link LatinNames} (runs of capitals), {@link Acronyms}, {@link People}, {@link ArabicNames}.
 */
public final class EntityExtractor {

    private final Map<String, EntityLanguage> languages = new HashMap<>();
    private final EntityLanguage fallback;

    public EntityExtractor() {
        Map<String, Map<String, EntityLanguage.KnownAcronym>> acronyms = EntityLanguage.loadAcronyms();
        for (String code : LanguageDetector.DEFAULT_LANGUAGES) {
            LanguageProfile profile = LanguageProfile.of(code);
            languages.put(code, new EntityLanguage(code, profile, Gazetteer.of(code, profile), EntityCues.load(code),
                    acronyms.getOrDefault(code, Map.of())));
        }
        EntityLanguage english = languages.get(EntityCues.FALLBACK);
        fallback = new EntityLanguage("", LanguageProfile.of(""), english.gazetteer, english.cues, Map.of());
    }

    /**
     * @param title    the headline; may be null
     * @param text     the body; may be null
     * @param language ISO 639-1 code of the text; a language without its own data is read as English names are
     * @return most mentioned first, never null
     */
    public List<Entity> extract(String title, String text, String language) {
        return extract(TokenSource.of(title, text), language);
    }

    List<Entity> extract(TokenSource article, String language) {
        EntityLanguage lang = language == null ? fallback : languages.getOrDefault(language, fallback);
        TextTokenizer.Tokens tokens = article.tokens(lang.profile);
        if (tokens.size == 0) {
            return List.of();
        }
        EntityReading reading = new EntityReading(lang, tokens);
        if (lang.arabic) {
            new ArabicNames(reading).read();
        } else {
            new LatinNames(reading).read();
        }
        return reading.entities();
    }
}
