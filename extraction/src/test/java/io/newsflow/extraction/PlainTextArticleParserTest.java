package io.newsflow.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.fixtures.Repository;

/**
 * Real sample page text and its hand-read facts from samples/ at the repository root, plus small articles written
 * here in English, Spanish and Arabic; nothing faked.
 */
class PlainTextArticleParserTest {

    private static final String SAMPLE = Repository.SAMPLE;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final PlainTextArticleParser parser = new PlainTextArticleParser();

    @Test
    void extractsExactlyTheFactsReadOffTheSamplePage() throws IOException {
        Path samples = Repository.samples();
        JsonNode expected = new ObjectMapper()
                .readTree(Files.readString(samples.resolve(SAMPLE + ".expected.json"))).get("extraction");

        ExtractedArticle article = parser.parse(Files.readString(samples.resolve(SAMPLE + ".txt")), PARIS);

        assertEquals(expected.get("title").asText(), article.title());
        assertEquals(OffsetDateTime.parse(expected.get("publishedAt").asText()), article.publishedAt());
        assertEquals("2023-01-18T15:20+01:00", article.publishedAt().toString());
        assertTrue(article.publishedAtZoneInferred(), "the page prints no offset");
        assertEquals(expected.get("author").asText(), article.author());
        assertEquals(expected.get("section").asText(), article.section());
        assertEquals(expected.get("siteName").asText(), article.siteName());
        assertEquals(strings(expected.get("tags")), article.tags());
        assertEquals(expected.get("text").asText(), article.text());
        for (String absent : strings(expected.get("notInText"))) {
            assertFalse(article.text().contains(absent), absent);
        }
        assertEquals(strings(expected.get("related")), article.related());
    }

    @Test
    void readsEnglishBylineWithAuthorFirst() {
        ExtractedArticle article = parser.parse("""
                Storm leaves thousands without power

                By Jane Doe | January 18, 2023 3:20 PM | World

                Strong winds cut power to more than 20,000 homes
                across the west coast overnight, the grid operator said.

                Read more: Power cuts expected to last until Friday

                Engineers were working to restore supply, but warned that some areas could remain without power.

                Follow The Coastal Times on Google News
                Share this article

                Tags: Storms, Power cuts, Weather

                Related articles

                Coastal towns prepare for the next storm
                Residents have been told to stay indoors as the second storm in a week approaches.
                Why the grid keeps failing in winter
                Experts say ageing lines are to blame...
                """, ZoneId.of("Europe/London"));

        assertEquals("Storm leaves thousands without power", article.title());
        assertEquals("Jane Doe", article.author());
        assertEquals(OffsetDateTime.parse("2023-01-18T15:20:00Z"), article.publishedAt());
        assertTrue(article.publishedAtZoneInferred());
        assertEquals("World", article.section());
        assertEquals("The Coastal Times", article.siteName());
        assertEquals(List.of("Storms", "Power cuts", "Weather"), article.tags());
        assertEquals("Strong winds cut power to more than 20,000 homes across the west coast overnight, the grid "
                + "operator said.\n\nEngineers were working to restore supply, but warned that some areas could "
                + "remain without power.", article.text());
        assertEquals(List.of("Power cuts expected to last until Friday", "Coastal towns prepare for the next storm",
                "Why the grid keeps failing in winter"), article.related());
    }

    @Test
    void readsSpanishBylineAndBoilerplate() {
        ExtractedArticle article = parser.parse("""
                Las lluvias obligan a evacuar a cientos de vecinos en Valencia

                Por María García - 18 de enero de 2023, 15:20 - España

                Las lluvias caídas durante la noche obligaron a evacuar a más de 300 vecinos, según la Generalitat.

                Lee también: La Aemet activa el aviso rojo en la costa mediterránea

                Los servicios de emergencia piden a la población que evite desplazamientos innecesarios.

                Síguenos en Google Noticias

                Compartir en WhatsApp

                Temas: Lluvias, Valencia, Aemet

                Noticias relacionadas

                El Gobierno aprobará ayudas para los afectados

                El Ejecutivo prevé aprobar el martes un paquete de ayudas para los municipios más afectados.
                """, ZoneId.of("Europe/Madrid"));

        assertEquals("María García", article.author());
        assertEquals(OffsetDateTime.parse("2023-01-18T15:20:00+01:00"), article.publishedAt());
        assertEquals("España", article.section());
        assertNull(article.siteName(), "no line names the site");
        assertEquals(List.of("Lluvias", "Valencia", "Aemet"), article.tags());
        assertEquals("Las lluvias caídas durante la noche obligaron a evacuar a más de 300 vecinos, según la "
                + "Generalitat.\n\nLos servicios de emergencia piden a la población que evite desplazamientos "
                + "innecesarios.", article.text());
        assertEquals(List.of("La Aemet activa el aviso rojo en la costa mediterránea",
                "El Gobierno aprobará ayudas para los afectados"), article.related());
    }

    @Test
    void readsArabicArticleWithArabicIndicDigits() {
        ExtractedArticle article = parser.parse("""
                المغرب وإسرائيل يعززان تعاونهما العسكري

                ١٨ يناير ٢٠٢٣ - ١٥:٢٠ - سياسة - بقلم: أحمد بنعلي

                عقدت لجنة متابعة التعاون الدفاعي بين المغرب وإسرائيل أول اجتماع لها في الرباط يومي 16 و17 يناير.

                اقرأ أيضا: الجزائر تتابع التعاون العسكري بين المغرب وإسرائيل

                وقرر الطرفان توسيع التعاون ليشمل مجالات جديدة، من بينها الاستخبارات والدفاع الجوي.

                تابعونا على تيليجرام

                شارك على واتساب

                الكلمات المفتاحية: المغرب، إسرائيل، الدفاع

                مقالات ذات صلة

                المغرب يتسلم مروحيات جديدة

                تسلمت القوات المسلحة الملكية أولى المروحيات المخصصة للتدريب والنقل والإنقاذ.
                """, ZoneId.of("Africa/Casablanca"));

        assertEquals("المغرب وإسرائيل يعززان تعاونهما العسكري", article.title());
        assertEquals("أحمد بنعلي", article.author());
        assertEquals(OffsetDateTime.parse("2023-01-18T15:20:00+01:00"), article.publishedAt());
        assertEquals("سياسة", article.section());
        assertEquals(List.of("المغرب", "إسرائيل", "الدفاع"), article.tags());
        assertEquals("عقدت لجنة متابعة التعاون الدفاعي بين المغرب وإسرائيل أول اجتماع لها في الرباط يومي 16 و17 يناير."
                + "\n\nوقرر الطرفان توسيع التعاون ليشمل مجالات جديدة، من بينها الاستخبارات والدفاع الجوي.",
                article.text());
        assertEquals(List.of("الجزائر تتابع التعاون العسكري بين المغرب وإسرائيل", "المغرب يتسلم مروحيات جديدة"),
                article.related());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Partager sur Facebook", "Partager cet article", "Suivez-nous sur Instagram",
            "Rejoignez-nous sur WhatsApp !", "Abonnez-vous à notre newsletter", "Share this article",
            "Follow us on Twitter", "Share on WhatsApp", "Compartir en Twitter", "Síguenos en Google Noticias",
            "Compartilhar no WhatsApp", "Siga-nos no Telegram", "Condividi su Facebook", "Seguici su Telegram",
            "Auf Facebook teilen", "Artikel teilen", "Folgen Sie uns auf Google News", "شارك على فيسبوك",
            "تابعونا على تيليجرام"})
    void dropsShareLinesInEveryLanguage(String line) {
        ExtractedArticle article = parser.parse("Titre\n\nPremier paragraphe.\n\n" + line + "\n\nSecond paragraphe.",
                PARIS);

        assertEquals("Premier paragraphe.\n\nSecond paragraphe.", article.text());
        assertNull(article.siteName(), "a call to follow names no site");
    }

    @Test
    void keepsSentencesThatMentionANetworkOrStartLikeALink() {
        String body = "WhatsApp a annoncé mardi une nouvelle fonction de messagerie.\n\n"
                + "Read more than ten books a year, the minister told pupils.\n\n"
                + "Par ailleurs, le ministre a salué le travail des équipes.";

        ExtractedArticle article = parser.parse("Titre\n\n" + body, PARIS);

        assertEquals(body, article.text());
        assertNull(article.author(), "an opening \"Par ailleurs\" is no byline");
        assertEquals(List.of(), article.related());
    }

    @Test
    void keepsHeadlinesThatMentionANetwork() {
        ExtractedArticle article = parser.parse("""
                Titre

                Premier paragraphe.

                Le succès de TikTok

                Second paragraphe.

                Sur le même sujet

                Twitter : Elon Musk rachète le réseau
                Biden to join TikTok
                """, PARIS);

        assertEquals("Premier paragraphe.\n\nLe succès de TikTok\n\nSecond paragraphe.", article.text());
        assertEquals(List.of("Twitter : Elon Musk rachète le réseau", "Biden to join TikTok"), article.related());
    }

    @Test
    void keepsThePrintedOffsetRatherThanTheGivenZone() {
        ExtractedArticle article = parser.parse(
                "Title\n\nWed, 18 Jan 2023 15:20:00 +0100 | Politics\n\nBody.", ZoneId.of("America/New_York"));

        assertEquals("2023-01-18T15:20+01:00", article.publishedAt().toString());
        assertFalse(article.publishedAtZoneInferred());
        assertEquals("Politics", article.section());
        assertNull(article.author());
    }

    @Test
    void readsBylineSpreadOverTwoLines() {
        ExtractedArticle article = parser.parse(
                "Titre\nPar Jeanne Martin\nPublié le 18/01/2023 à 15h20\nCorps de l'article.", PARIS);

        assertEquals("Jeanne Martin", article.author());
        assertEquals("2023-01-18T15:20+01:00", article.publishedAt().toString());
        assertEquals("Corps de l'article.", article.text());
    }

    @Test
    void takesThePublicationDateRatherThanTheUpdate() {
        ExtractedArticle article = parser.parse("Titre\n\nUn chapô court.\n\nPar Jean Dupont - Publié le 18 janvier "
                + "2023 à 15h20, mis à jour le 19 janvier 2023 à 8h\n\nCorps.", PARIS);

        assertEquals("2023-01-18T15:20+01:00", article.publishedAt().toString());
        assertEquals("Jean Dupont", article.author());
        assertEquals("Un chapô court.\n\nCorps.", article.text());
    }

    @Test
    void dropsAdvertLabelsAndCopyrightFooters() {
        ExtractedArticle article = parser.parse(
                "Title\n\nFirst.\n\nAdvertisement\n\nSecond.\n\n© 2023 The Coastal Times. All rights reserved.", PARIS);

        assertEquals("First.\n\nSecond.", article.text());
    }

    @Test
    void joinsWrappedLinesButReadsEachLineAsAParagraphWhenNoLineIsBlank() {
        assertEquals("Une phrase coupée en deux lignes.\n\nUne autre.",
                parser.parse("Titre\n\nUne phrase coupée\nen deux lignes.\n\nUne autre.", PARIS).text());
        assertEquals("Un paragraphe.\n\nUn autre.",
                parser.parse("Titre\r\nUn paragraphe.\r\nUn autre.", PARIS).text());
    }

    @Test
    void keepsNoBreakSpacesInTheBodyButNotInLabels() {
        ExtractedArticle article = parser.parse(
                "Le Maroc\u00a0?\n\nIl a dit «\u00a0oui\u00a0»   puis\u00a0: rien.\n\nA lire\u00a0: Et\u00a0après\u00a0?",
                PARIS);

        assertEquals("Le Maroc ?", article.title());
        assertEquals("Il a dit «\u00a0oui\u00a0» puis\u00a0: rien.", article.text());
        assertEquals(List.of("Et après ?"), article.related());
    }

    @Test
    void readsTagsListedUnderALoneLabel() {
        ExtractedArticle article = parser.parse("Titre\n\nCorps.\n\nMots-clés\n\nRabat ; FAR · #Défense\n\nFin.",
                PARIS);

        assertEquals(List.of("Rabat", "FAR", "Défense"), article.tags());
        assertEquals("Corps.\n\nFin.", article.text());
    }

    @Test
    void leavesBylineFieldsEmptyWithoutByline() {
        ExtractedArticle article = parser.parse("Titre\n\nCorps de l'article.", PARIS);

        assertNull(article.publishedAt());
        assertFalse(article.publishedAtZoneInferred());
        assertNull(article.author());
        assertNull(article.section());
        assertNull(article.siteName());
        assertEquals(List.of(), article.tags());
        assertEquals(List.of(), article.related());
    }

    @Test
    void rejectsTextWithoutBody() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parser.parse(
                "Titre\n\n18 janvier 2023 - Maroc - Par A.T\n\nSuivez-nous sur Facebook\n\nTags : a, b\n\n"
                        + "Aller plus loin\n\nAutre article",
                PARIS));

        assertTrue(e.getMessage().startsWith("No body"), e.getMessage());
    }

    @Test
    void rejectsTextWithoutTitle() {
        for (String blank : new String[] {"", " \n\u00a0\n\t", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parser.parse(blank, PARIS));
            assertTrue(e.getMessage().startsWith("No title"), e.getMessage());
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

}
