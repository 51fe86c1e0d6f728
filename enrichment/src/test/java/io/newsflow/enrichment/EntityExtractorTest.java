package io.newsflow.enrichment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.newsflow.contract.Entity;

/**
 * Real extraction, with the JDK's and ICU's CLDR place names, on the sample article of samples/ and on articles
 * written here in English, Arabic, French, Spanish, German, Italian, Portuguese and Dutch; nothing faked.
 */
class EntityExtractorTest {

    static final String ENGLISH_TITLE = "UN chief warns of famine in Gaza";
    static final String ENGLISH_BODY = """
            Secretary-General António Guterres said on Monday that the United Nations (UN) would step up \
            deliveries of food to Gaza. The UN has warned that half a million people face starvation.

            Speaking in New York, Guterres urged Israel and Hamas to agree to a ceasefire. The UN has also asked \
            Egypt to keep the Rafah crossing open, according to spokesman Stéphane Dujarric.""";

    static final String ARABIC_TITLE = "المغرب وإسرائيل يعززان التعاون العسكري";
    static final String ARABIC_BODY = """
            عقدت لجنة التعاون العسكري بين المغرب وإسرائيل اجتماعها الأول بالرباط يومي 16 و17 يناير.

            وقالت القوات المسلحة الملكية إن الاجتماع يعكس الثقة المتبادلة بين المغرب وإسرائيل. وقال وزير \
            الخارجية ناصر بوريطة إن بلاده ملتزمة بتعزيز التعاون، وأكد بوريطة أن للمغرب شركاء كثيرين.""";

    // Building the gazetteers of eight languages takes about a second; the extractor is immutable.
    private static EntityExtractor extractor;

    @BeforeAll
    static void buildGazetteers() {
        extractor = new EntityExtractor();
    }

    @Test
    void findsThePlacesTheOrganisationAndThePersonOfTheSample() {
        SampleArticle sample = SampleArticle.load();

        List<Entity> entities = extractor.extract(sample.title(), sample.body(), "fr");

        assertEquals(new Entity("Maroc", "LOCATION", 2, "MA", List.of()), entity(entities, "Maroc"));
        assertEquals(new Entity("Israël", "LOCATION", 3, "IL", List.of()),
                entity(entities, "Israël"), "l’Israël and d’Israël count as Israël");
        assertEquals(new Entity("Rabat", "LOCATION", 1, "MA", List.of()), entity(entities, "Rabat"));
        assertEquals(new Entity("Forces Armées Royales", "ORGANIZATION", 3, null, List.of("FAR")),
                entity(entities, "Forces Armées Royales"), "each bare FAR counts");
        assertEquals(new Entity("Dror Shalom", "PERSON", 1, null, List.of()),
                entity(entities, "Dror Shalom"));
    }

    @Test
    void takesNoRankTitleOrCapitalisedCommonNounOfTheSampleForAName() {
        SampleArticle sample = SampleArticle.load();

        Set<String> names = names(extractor.extract(sample.title(), sample.body(), "fr"));

        assertEquals(Set.of("Maroc", "Israël", "Rabat", "Forces Armées Royales", "Dror Shalom"), names,
                "no Général de Corps d’Armée, Inspecteur Général, Zone Sud, Renseignement, Défense aérienne");
    }

    @Test
    void ranksByMentionsThenByFirstMention() {
        SampleArticle sample = SampleArticle.load();

        List<String> ranked = extractor.extract(sample.title(), sample.body(), "fr").stream()
                .map(Entity::name).toList();

        assertEquals(List.of("Israël", "Forces Armées Royales", "Maroc", "Rabat", "Dror Shalom"), ranked);
    }

    @Test
    void bindsAnAcronymToItsLongFormAndCountsItsLaterUses() {
        List<Entity> entities = extractor.extract(ENGLISH_TITLE, ENGLISH_BODY, "en");

        assertEquals(new Entity("United Nations", "ORGANIZATION", 4, null, List.of("UN")),
                entity(entities, "United Nations"), "the long form, then UN three times");
        assertTrue(names(entities).containsAll(Set.of("Gaza", "New York", "Israel", "Egypt")), entities.toString());
        assertEquals("US", entity(entities, "New York").country());
    }

    @Test
    void findsPeopleByTheirTitleRoleOrVerbOfSayingAndCountsTheirLastName() {
        List<Entity> entities = extractor.extract(ENGLISH_TITLE, ENGLISH_BODY, "en");

        assertEquals(new Entity("António Guterres", "PERSON", 2, null, List.of()),
                entity(entities, "António Guterres"), "Secretary-General ... said; Guterres again later");
        assertEquals("PERSON", entity(entities, "Stéphane Dujarric").type());
    }

    @Test
    void findsArabicPlacesBehindAttachedPrepositionsAndConjunctions() {
        List<Entity> entities = extractor.extract(ARABIC_TITLE, ARABIC_BODY, "ar");

        assertEquals(new Entity("المغرب", "LOCATION", 4, "MA", List.of()),
                entity(entities, "المغرب"), "المغرب, twice بين المغرب, للمغرب");
        assertEquals("IL", entity(entities, "إسرائيل").country());
        assertEquals(new Entity("الرباط", "LOCATION", 1, "MA", List.of()),
                entity(entities, "الرباط"), "written بالرباط, 'in Rabat'");
    }

    @Test
    void findsArabicOrganisationsAndPeopleAfterTheirCueWords() {
        List<Entity> entities = extractor.extract(ARABIC_TITLE, ARABIC_BODY, "ar");

        assertEquals("ORGANIZATION", entity(entities, "القوات المسلحة الملكية").type());
        assertEquals(new Entity("ناصر بوريطة", "PERSON", 2, null, List.of()),
                entity(entities, "ناصر بوريطة"), "after وزير الخارجية, then بوريطة alone");
    }

    @Test
    void takesNoAcronymSpeltOutInLowerCaseForAName() {
        List<Entity> entities = extractor.extract("Croissance", """
                Le produit intérieur brut (PIB) du Maroc a progressé de 3 %. Le PIB devrait encore croître, \
                selon le PIB trimestriel publié à Rabat.""", "fr");

        assertEquals(Set.of("Maroc", "Rabat"), names(entities));
    }

    @Test
    void spellsOutAKnownNationalAcronymOnlyWhenItsCountryIsNamed() {
        String rwanda = "Les FAR ont quitté Kigali. Les FAR se sont repliées vers le nord du Rwanda.";

        List<Entity> entities = extractor.extract("Rwanda", rwanda, "fr");

        assertFalse(names(entities).contains("Forces Armées Royales"), entities.toString());
        assertEquals("FAR", entity(entities, "FAR").name());
        assertNull(entity(entities, "FAR").country());
    }

    @Test
    void readsTheOtherLanguagesWithTheirOwnPlaceNames() {
        assertEquals("ES", entity(extractor.extract("Cumbre", "El presidente del Gobierno viajó ayer a Madrid.", "es"),
                "Madrid").country());
        assertEquals("DE", entity(extractor.extract("Gipfel", "Die Kanzlerin reiste am Montag nach Deutschland.",
                "de"), "Deutschland").country());
        assertEquals("IT", entity(extractor.extract("Vertice", "Il ministro è arrivato ieri in Italia.", "it"),
                "Italia").country());
        assertEquals("BR", entity(extractor.extract("Cúpula", "O presidente viajou ontem para o Brasil.", "pt"),
                "Brasil").country());
        assertEquals("BE", entity(extractor.extract("Top", "De premier reisde gisteren naar België.", "nl"),
                "België").country());
    }

    @Test
    void returnsNothingForTextWithoutWords() {
        assertEquals(List.of(), extractor.extract(null, null, "fr"));
        assertEquals(List.of(), extractor.extract("", "12 — 34, 56 !", "en"));
    }

    @Test
    void readsALanguageWithoutDataWithTheEnglishPlaceNames() {
        List<Entity> entities = extractor.extract("Möte", "Ministern reste i går till Egypt.", "sv");

        assertEquals("EG", entity(entities, "Egypt").country());
    }

    private static Entity entity(List<Entity> entities, String name) {
        return entities.stream().filter(entity -> entity.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + entities));
    }

    private static Set<String> names(List<Entity> entities) {
        return entities.stream().map(Entity::name).collect(Collectors.toSet());
    }

    @Test
    void carriesAtMostAHundredEntitiesInAnEventMostMentionedFirst() {
        // Hostile input: a text naming hundreds of people would make the enriched event larger than Kafka takes.
        String[] first = {"Karim", "Amine", "Youssef", "Nadia", "Salma", "Omar", "Leila", "Hassan", "Fatima", "Rachid",
                "Samir", "Imane", "Driss", "Khadija", "Mehdi", "Sanaa", "Tarik", "Zineb", "Hamid", "Loubna"};
        String[] last = {"Benali", "Alaoui", "Tazi", "Bennani", "Idrissi", "Berrada", "Chraibi", "Fassi", "Lahlou",
                "Sqalli", "Kettani", "Benjelloun", "Amrani", "Naciri", "Skalli"};
        StringBuilder text = new StringBuilder("Le ministre Karim Benali a réuni le conseil à Rabat. ");
        for (String f : first) {
            for (String l : last) {
                text.append("Le conseiller ").append(f).append(' ').append(l).append(" a pris la parole hier. ");
            }
        }
        EnrichmentDraft draft = new EnrichmentDraft("Le conseil se réunit", text.toString(), "fr", List.of());
        draft.language = "fr";

        new Enrichers.Entities().enrich(draft);

        assertTrue(extractor.extract(draft.title, draft.text, "fr").size() > Enrichers.Entities.MAX_ENTITIES);
        assertEquals(Enrichers.Entities.MAX_ENTITIES, draft.entities.size());
        assertEquals("Karim Benali", draft.entities.get(0).name());
    }
}
