package io.newsflow.enrichment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Real summaries of the sample article of samples/ and of articles written here in French, English and Arabic;
 * nothing faked.
 */
class SummarizerTest {

    private static final String COMMITTEE = "Il s’agit là de la première réunion du Comité de suivi de la coopération";
    private static final String DECISION = "À l’issue des échanges, les deux responsables ont décidé de renforcer";

    private final Summarizer summarizer = new Summarizer();

    @Test
    void saysTheSampleHeldTheFirstMeetingOfTheFollowUpCommitteeAndWhatItDecided() {
        SampleArticle sample = SampleArticle.load();

        String summary = summarizer.summarize(sample.title(), sample.body(), "fr", 3);

        assertTrue(summary.contains(COMMITTEE), summary);
        assertTrue(summary.contains(DECISION), summary);
        assertTrue(summary.contains("Comité de suivi") && summary.contains("coopération"),
                "what the expected facts of the sample ask for: " + summary);
    }

    @Test
    void takesWholeSentencesOfTheBodyInTheirOrder() {
        SampleArticle sample = SampleArticle.load();
        String body = sample.body().replace("\n\n", " ");

        String summary = summarizer.summarize(sample.title(), sample.body(), "fr", 3);

        List<String> sentences = sentencesOf(summary);
        assertEquals(3, sentences.size(), summary);
        int previous = -1;
        for (String sentence : sentences) {
            int at = body.indexOf(sentence);
            assertTrue(at > previous, "a sentence of the body, after the one before: " + sentence);
            assertTrue(at == 0 || body.charAt(at - 1) == ' ', "starts where a sentence starts: " + sentence);
            previous = at;
        }
        assertFalse(summary.contains(sample.title()), "the title is not part of the summary");
    }

    @Test
    void returnsAtMostTheSentencesAskedFor() {
        SampleArticle sample = SampleArticle.load();

        assertEquals(2, sentencesOf(summarizer.summarize(sample.title(), sample.body(), "fr", 2)).size());
        assertEquals(1, sentencesOf(summarizer.summarize(sample.title(), sample.body(), "fr", 1)).size());
        assertEquals("", summarizer.summarize(sample.title(), sample.body(), "fr", 0));
    }

    @Test
    void keepsAbbreviationsQuotesAndExclamationsInsideTheirSentence() {
        String body = """
                M. Dupont et le Gén. Martin ont inspecté lundi les casernes de la région de Rabat avec leurs \
                équipes. « Nous sommes prêts ! » a déclaré le général devant les soldats et les officiers réunis. \
                Les soldats ont présenté les blindés, les drones, les radars, etc. Les officiers ont ensuite \
                détaillé le calendrier des exercices prévus pour le printemps prochain.""";

        String summary = summarizer.summarize("Inspection des casernes", body, "fr", 3);

        assertTrue(summary.contains("M. Dupont et le Gén. Martin ont inspecté lundi les casernes"), summary);
        assertTrue(summary.contains("« Nous sommes prêts ! » a déclaré le général"), summary);
    }

    @Test
    void leavesOutTheLinesThatPagesAddAroundAnArticle() {
        String body = """
                Le gouvernement a présenté mercredi un plan pour soutenir les agriculteurs touchés par la sécheresse.

                Lire aussi : la sécheresse menace les récoltes du gouvernement et des agriculteurs du pays

                LE PLAN PRÉVOIT DES AIDES POUR TOUS LES AGRICULTEURS TOUCHÉS

                Sécheresse, agriculteurs, gouvernement

                Le plan prévoit des aides directes aux agriculteurs et un report des échéances de leurs crédits.""";

        String summary = summarizer.summarize("Sécheresse : un plan pour les agriculteurs", body, "fr", 3);

        assertEquals("Le gouvernement a présenté mercredi un plan pour soutenir les agriculteurs touchés par la "
                + "sécheresse. Le plan prévoit des aides directes aux agriculteurs et un report des échéances de "
                + "leurs crédits.", summary);
    }

    @Test
    void summarisesEnglishAndArabicWithTheirOwnWords() {
        String english = summarizer.summarize(EntityExtractorTest.ENGLISH_TITLE, EntityExtractorTest.ENGLISH_BODY,
                "en", 2);
        String arabic = summarizer.summarize(EntityExtractorTest.ARABIC_TITLE, EntityExtractorTest.ARABIC_BODY,
                "ar", 2);

        assertTrue(english.startsWith("Secretary-General António Guterres said on Monday"), english);
        assertEquals(2, sentencesOf(english).size(), english);
        assertTrue(arabic.startsWith("عقدت لجنة التعاون العسكري بين المغرب وإسرائيل"), arabic);
        assertTrue(EntityExtractorTest.ARABIC_BODY.replace("\n\n", " ").contains(arabic.substring(0, 60)), arabic);
    }

    @Test
    void returnsNothingWhenNoSentenceQualifies() {
        assertEquals("", summarizer.summarize("Titre", "", "fr", 3));
        assertEquals("", summarizer.summarize(null, null, "en", 3));
        assertEquals("", summarizer.summarize("Titre", "Trop court.", "fr", 3));
    }

    /** The sentences of a summary: it joins them with one space after their final stop or closing quote. */
    private static List<String> sentencesOf(String summary) {
        return summary.isEmpty() ? List.of() : List.of(summary.split("(?<=[.!?»؟])\\s+(?=[\\p{Lu}«\\p{IsArabic}])"));
    }

    @Test
    void summarisesTensOfThousandsOfShortSentencesWithoutComparingEveryPair() {
        // Hostile input: 2 MB of 30,000 sentences, each worth taking; ranking all of them would need 7 GB for the
        // weights of their pairs.
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 2_000_000; i++) {
            text.append("Le port numéro ").append(i).append(" de la ville ouvre ses quais aux navires ce matin. ");
        }

        String summary = summarizer.summarize("Le port ouvre", text.toString(), "fr", 3);

        assertTrue(summary.split("\\. ").length <= 3, summary);
    }

    @Test
    void leavesOutARunOfTextWithoutAStopSoTheSummaryStaysAFewKilobytes() {
        // Hostile input: 500,000 characters with no full stop read as one sentence, which would be the summary, and
        // so make the enriched event twice the article's size, over Kafka's record limit.
        String run = "les navires entrent au port de la ville ".repeat(12_500);
        String text = "Les autorités portuaires ont annoncé lundi l'arrivée de trois cargos venus d'Espagne. " + run
                + ". Les dockers de la ville ont préparé les quais pendant toute la semaine dernière.";

        String summary = summarizer.summarize("Le port de Tanger", text, "fr", 3);

        assertTrue(summary.length() <= 3 * Summarizer.MAX_SENTENCE_CHARS + 2, "summary of " + summary.length());
        assertTrue(summary.contains("Les dockers"), summary);
        assertFalse(summary.contains("navires entrent"), "the run is no sentence");
    }
}
