package io.newsflow.extraction;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The real extractor (jsoup, Jackson and every rule, nothing mocked) on small pages written here to look like news
 * pages in French, English and Arabic; the pages are invented, not saved from real sites, and each holds just what
 * its behaviour needs.
 */
class HtmlArticleExtractorTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static final String FRENCH_PAGE = """
            <!DOCTYPE html>
            <html lang="fr-FR">
            <head>
              <title>Israël et le Maroc veulent renforcer leur coopération militaire - Bladi.net</title>
              <link rel="canonical" href="/maroc-israel-cooperation-militaire.html">
              <meta property="og:site_name" content="Bladi.net">
              <script type="application/ld+json">
              {"@context": "https://schema.org", "@graph": [
                {"@type": "WebPage", "@id": "https://www.bladi.net/maroc-israel-cooperation-militaire.html"},
                {"@type": ["NewsArticle", "Article"],
                 "headline": "Israël et le Maroc veulent renforcer leur coopération militaire",
                 "datePublished": "2023-01-18T15:20:00",
                 "dateModified": "2023-01-18T16:05:00+01:00",
                 "author": {"@type": "Person", "name": "A.T"},
                 "articleSection": "Maroc",
                 "image": {"@type": "ImageObject", "url": "/img/far-rabat.jpg"}}
              ]}
              </script>
            </head>
            <body>
              <header class="site-header"><nav><a href="/">Accueil</a> <a href="/maroc">Maroc</a>
                <a href="/monde">Monde</a> <a href="/sport">Sport</a></nav></header>
              <main>
                <article>
                  <h1>Israël et le Maroc veulent renforcer leur coopération militaire</h1>
                  <div class="byline">18 janvier 2023 - 15h20 - Maroc - Ecrit par : A.T</div>
                  <div class="article-content">
                    <p>Les perspectives de coopération bilatérale dans le secteur de la défense militaire entre le
                    Maroc et l’Israël ont fait l’objet d’une réunion tenue les 16 et 17 janvier à Rabat.</p>
                    <p>Il s’agit là de la première réunion du Comité de suivi de la coopération de défense, indique un
                    communiqué des FAR, précisant que les échanges ont été coprésidés par les deux parties.</p>
                    <p class="lire-aussi">A lire : <a href="/algerie-inquiete.html">La coopération militaire
                    Maroc-Israël inquiète l’Algérie</a></p>
                    <p>Les deux responsables ont décidé de renforcer davantage cette coopération et de l’élargir à
                    d’autres domaines, notamment le renseignement et la défense aérienne.</p>
                    <p><a href="https://news.google.com/bladi">Suivez bladi.net sur Google News</a></p>
                    <p>Sujets associés : <a href="/tags/rabat">Rabat</a> -
                    <a href="/tags/far">Forces Armées Royales (FAR)</a></p>
                  </div>
                  <section class="related-articles">
                    <h2>Aller plus loin</h2>
                    <ul>
                      <li><a href="/cyberdefense-israel.html">Cyberdéfense : le Maroc recevra l’aide d’Israël</a>
                        <p>Une coalition internationale dédiée à la cyberdéfense a été mise en place en Israël en
                        marge du sommet Cybertech Global 2023.</p></li>
                      <li><a href="/armes-israeliennes.html">Le Maroc, un des importateurs majeurs d’armes
                        israéliennes</a>
                        <p>Les Émirats arabes unis, le Bahreïn et le Maroc figurent parmi les pays qui achètent le
                        plus d’armes à Israël.</p></li>
                    </ul>
                  </section>
                </article>
              </main>
              <footer><p>© 2023 Bladi.net. Tous droits réservés.</p></footer>
            </body>
            </html>
            """;

    private final HtmlArticleExtractor extractor = new HtmlArticleExtractor();

    @Test
    void readsFrenchPageFromJsonLdAndLeavesRelatedBlockOutOfBody() {
        HtmlExtraction page = extractor.extract(FRENCH_PAGE, "https://www.bladi.net/maroc-israel.html?utm=x", PARIS);

        assertEquals("Israël et le Maroc veulent renforcer leur coopération militaire", page.title());
        assertEquals("A.T", page.author());
        assertEquals(OffsetDateTime.parse("2023-01-18T15:20:00+01:00"), page.publishedAt());
        assertTrue(page.publishedAtZoneInferred(), "the JSON-LD date has no offset");
        assertEquals(OffsetDateTime.parse("2023-01-18T16:05:00+01:00"), page.modifiedAt());
        assertEquals("Maroc", page.section());
        assertEquals("Bladi.net", page.siteName());
        assertEquals("https://www.bladi.net/maroc-israel-cooperation-militaire.html", page.canonicalUrl());
        assertEquals("https://www.bladi.net/img/far-rabat.jpg", page.imageUrl());
        assertEquals("fr", page.language());
        assertEquals("Les perspectives de coopération bilatérale dans le secteur de la défense militaire entre le "
                + "Maroc et l’Israël ont fait l’objet d’une réunion tenue les 16 et 17 janvier à Rabat.\n\n"
                + "Il s’agit là de la première réunion du Comité de suivi de la coopération de défense, indique un "
                + "communiqué des FAR, précisant que les échanges ont été coprésidés par les deux parties.\n\n"
                + "Les deux responsables ont décidé de renforcer davantage cette coopération et de l’élargir à "
                + "d’autres domaines, notamment le renseignement et la défense aérienne.", page.text());
        assertEquals(List.of("Rabat", "Forces Armées Royales (FAR)"), page.tags());
        assertEquals(List.of(
                new RelatedLink("La coopération militaire Maroc-Israël inquiète l’Algérie",
                        "https://www.bladi.net/algerie-inquiete.html", null),
                new RelatedLink("Cyberdéfense : le Maroc recevra l’aide d’Israël",
                        "https://www.bladi.net/cyberdefense-israel.html",
                        "Une coalition internationale dédiée à la cyberdéfense a été mise en place en Israël en "
                                + "marge du sommet Cybertech Global 2023."),
                new RelatedLink("Le Maroc, un des importateurs majeurs d’armes israéliennes",
                        "https://www.bladi.net/armes-israeliennes.html",
                        "Les Émirats arabes unis, le Bahreïn et le Maroc figurent parmi les pays qui achètent le "
                                + "plus d’armes à Israël.")),
                page.related());
        assertEquals("json-ld", page.sources().get("title"));
        assertEquals("json-ld", page.sources().get("publishedAt"));
        assertEquals("open-graph", page.sources().get("siteName"));
        assertEquals("markup", page.sources().get("canonicalUrl"));
        assertEquals("text", page.sources().get("tags"));
    }

    @Test
    void readsEnglishPageFromOpenGraphAndTimeElement() {
        HtmlExtraction page = extractor.extract("""
                <html lang="en-GB"><head>
                  <title>Storm leaves thousands without power | The Coastal Times</title>
                  <meta property="og:title" content="Storm leaves thousands without power | The Coastal Times">
                  <meta property="og:site_name" content="The Coastal Times">
                  <meta property="article:section" content="Weather">
                  <meta property="og:image" content="https://cdn.example.org/storm.jpg">
                </head><body>
                  <div class="story">
                    <h1>Storm leaves thousands without power</h1>
                    <p class="meta">By <a rel="author" href="/staff/jane-doe">Jane Doe</a>
                      <time datetime="2023-01-18T15:20:00Z">Jan. 18, 2023 3:20 pm</time></p>
                    <p>Strong winds cut power to more than 20,000 homes across the west coast overnight, the grid
                    operator said on Wednesday morning.</p>
                    <p>Engineers were working to restore supply, but warned that some areas could remain without
                    power until Friday.</p>
                    <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
                  </div>
                </body></html>
                """, "https://coastal.example.org/news/storm", UTC);

        assertEquals("Storm leaves thousands without power", page.title());
        assertEquals("Jane Doe", page.author());
        assertEquals(OffsetDateTime.parse("2023-01-18T15:20:00Z"), page.publishedAt());
        assertFalse(page.publishedAtZoneInferred(), "the time element gives an offset");
        assertEquals("Weather", page.section());
        assertEquals("The Coastal Times", page.siteName());
        assertEquals("en", page.language());
        assertEquals("Strong winds cut power to more than 20,000 homes across the west coast overnight, the grid "
                + "operator said on Wednesday morning.\n\nEngineers were working to restore supply, but warned that "
                + "some areas could remain without power until Friday.", page.text());
        assertEquals(Map.of("title", "open-graph", "author", "markup", "publishedAt", "time-element",
                "section", "open-graph", "siteName", "open-graph", "imageUrl", "open-graph", "language", "markup",
                "text", "markup"), page.sources());
    }

    @Test
    void readsHumanDateInBylineWhenPageHasNoStructuredDate() {
        HtmlExtraction page = extractor.extract("""
                <html><body><article>
                  <h1>Council approves new cycle lanes</h1>
                  <div class="dateline">By Sam Lee | Jan. 18, 2023 3:20 pm | Local</div>
                  <p>The city council approved three new cycle lanes on Tuesday after a two-hour debate that
                  divided residents of the old town.</p>
                  <p>Work on the first lane is expected to start in the spring, the council's transport
                  committee said in a statement.</p>
                </article></body></html>
                """, null, ZoneId.of("America/New_York"));

        assertEquals(OffsetDateTime.parse("2023-01-18T15:20:00-05:00"), page.publishedAt());
        assertTrue(page.publishedAtZoneInferred());
        assertEquals("Sam Lee", page.author());
        assertEquals("Local", page.section());
        assertEquals("text", page.sources().get("publishedAt"));
        assertTrue(page.text().startsWith("The city council approved"), page.text());
    }

    @Test
    void readsArabicRightToLeftPage() {
        HtmlExtraction page = extractor.extract("""
                <!DOCTYPE html>
                <html lang="ar" dir="rtl"><head>
                  <meta charset="utf-8">
                  <title>المغرب وإسرائيل يعززان تعاونهما العسكري</title>
                </head><body>
                  <nav><a href="/">الرئيسية</a> <a href="/politique">سياسة</a> <a href="/sport">رياضة</a></nav>
                  <article>
                    <h1>المغرب وإسرائيل يعززان تعاونهما العسكري</h1>
                    <p class="date">١٨ يناير ٢٠٢٣ - ١٥:٢٠ - سياسة - بقلم: أحمد بنعلي</p>
                    <p>عقدت لجنة متابعة التعاون الدفاعي بين المغرب وإسرائيل أول اجتماع لها في الرباط يومي 16 و17
                    يناير، بحضور كبار المسؤولين العسكريين من البلدين.</p>
                    <p>وقرر الطرفان توسيع التعاون ليشمل مجالات جديدة، من بينها الاستخبارات والدفاع الجوي والحرب
                    الإلكترونية.</p>
                    <p>تابعونا على تيليجرام</p>
                  </article>
                </body></html>
                """, "https://example.ma/article/1", ZoneId.of("Africa/Casablanca"));

        assertEquals("المغرب وإسرائيل يعززان تعاونهما العسكري", page.title());
        assertEquals("ar", page.language());
        assertEquals("أحمد بنعلي", page.author());
        assertEquals(OffsetDateTime.parse("2023-01-18T15:20:00+01:00"), page.publishedAt());
        assertEquals("سياسة", page.section());
        assertEquals("عقدت لجنة متابعة التعاون الدفاعي بين المغرب وإسرائيل أول اجتماع لها في الرباط يومي 16 و17 "
                + "يناير، بحضور كبار المسؤولين العسكريين من البلدين.\n\n"
                + "وقرر الطرفان توسيع التعاون ليشمل مجالات جديدة، من بينها الاستخبارات والدفاع الجوي والحرب "
                + "الإلكترونية.", page.text());
    }

    @Test
    void toleratesBrokenJsonLd() {
        String lenientlyBroken = """
                <script type="application/ld+json">
                <!--
                {"@type": "NewsArticle", "headline": "Line one
                line two", "datePublished": "2023-01-18T15:20:00Z", "author": [{"name": "Ann"}, {"name": "Bo"},],}
                -->
                </script>""";
        String hopeless = """
                <script type="application/ld+json">
                {"@type": "BlogPosting", "headline": "Still readable", "description": "a "quoted" word"
                </script>""";

        HtmlExtraction lenient = extractor.extract(page(lenientlyBroken), null, UTC);
        HtmlExtraction broken = extractor.extract(page(hopeless), null, UTC);

        assertEquals("Line one line two", lenient.title());
        assertEquals("Ann, Bo", lenient.author());
        assertEquals(OffsetDateTime.parse("2023-01-18T15:20:00Z"), lenient.publishedAt());
        assertEquals("Still readable", broken.title());
        assertEquals("json-ld", broken.sources().get("title"));
        assertTrue(broken.text().startsWith("A paragraph long enough"), broken.text());
    }

    @Test
    void sanitisedHtmlHasNoScriptsNorEventHandlersAndAbsoluteLinks() {
        HtmlExtraction page = extractor.extract("""
                <html><body><article>
                  <p onclick="steal()">The museum reopened on Saturday after a two-year renovation that cost
                  far more than <a href="/budget" onmouseover="track()">the city had planned</a>.</p>
                  <script>document.write('tracking')</script>
                  <p>Visitors queued for hours to see the restored ceiling, which had been hidden by scaffolding
                  since the spring of 2021. <img src="/img/ceiling.jpg" alt="The ceiling"></p>
                  <p><a href="javascript:alert(1)">Click me</a> and more text so the paragraph reads as prose.</p>
                </article></body></html>
                """, "https://city.example.org/news/museum", UTC);

        assertFalse(page.html().contains("<script"), page.html());
        assertFalse(page.html().contains("steal"), page.html());
        assertFalse(page.html().contains("onmouseover"), page.html());
        assertFalse(page.html().contains("javascript:"), page.html());
        assertFalse(page.text().contains("tracking"), page.text());
        assertTrue(page.html().contains("href=\"https://city.example.org/budget\""), page.html());
        assertTrue(page.html().contains("src=\"https://city.example.org/img/ceiling.jpg\""), page.html());
    }

    @Test
    void takesCanonicalUrlFromOgUrlWhenThereIsNoCanonicalLink() {
        HtmlExtraction page = extractor.extract(page("""
                <meta property="og:url" content="/2023/01/18/storm.html">"""),
                "https://news.example.org/amp/storm?ref=home", UTC);

        assertEquals("https://news.example.org/2023/01/18/storm.html", page.canonicalUrl());
        assertEquals("open-graph", page.sources().get("canonicalUrl"));
    }

    @Test
    void turnsSujetsAssociesLineIntoTagsNotBody() {
        HtmlExtraction inline = extractor.extract(page("", "<p>Sujets associés : Rabat - Forces Armées Royales (FAR)"
                + " - Normalisation Maroc Israël</p>"), null, PARIS);
        HtmlExtraction block = extractor.extract(page("", """
                <div class="article-tags"><span>Sujets associés :</span>
                  <a href="/t/rabat">Rabat</a> <a href="/t/far">Forces Armées Royales (FAR)</a>
                  <a href="/t/normalisation">Normalisation Maroc Israël</a></div>"""), null, PARIS);

        for (HtmlExtraction page : List.of(inline, block)) {
            assertEquals(List.of("Rabat", "Forces Armées Royales (FAR)", "Normalisation Maroc Israël"), page.tags());
            assertFalse(page.text().contains("Sujets"), page.text());
            assertFalse(page.text().contains("Rabat"), page.text());
            assertFalse(page.html().contains("Rabat"), page.html());
        }
        assertEquals("text", inline.sources().get("tags"));
        assertEquals("markup", block.sources().get("tags"));
    }

    @Test
    void keepsCommentThreadLongerThanThePostOutOfTheBody() {
        StringBuilder comments = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            comments.append("<li class=\"comment\"><p class=\"comment-author\">Reader ").append(i).append("</p>")
                    .append("<p>I completely disagree with this post, because the numbers quoted in the third ")
                    .append("paragraph do not match what the council published last year, as anyone can see.</p>")
                    .append("<a href=\"#reply\">Reply</a></li>");
        }
        HtmlExtraction page = extractor.extract("""
                <html><body>
                  <div class="post"><h1>Why the bridge is late</h1>
                    <p>The new bridge was due to open in March, but the contractor has now asked for another six
                    months, blaming the price of steel and a wet winter.</p>
                    <p>The council says it will not pay more, and that the penalties in the contract will apply
                    from the first day of delay.</p></div>
                  <section id="comments"><h2>12 comments</h2><ol>%s</ol></section>
                </body></html>
                """.formatted(comments), null, UTC);

        assertTrue(page.text().startsWith("The new bridge was due to open"), page.text());
        assertTrue(page.text().endsWith("from the first day of delay."), page.text());
    }

    @Test
    void leavesTeaserCardsOfOtherArticlesOutOfTheBody() {
        String card = """
                <div class="card"><h3><a href="/other-%1$d">Another story worth reading number %1$d</a></h3>
                <div class="summary">A short summary of that other story, written to make readers click.</div></div>
                """;
        HtmlExtraction page = extractor.extract("""
                <html><body>
                  <div class="main"><h1>Harbour reopens</h1>
                    <p>The harbour reopened to ferries on Monday, a week after the storm damaged its main pier and
                    cut the island off from the mainland.</p>
                    <p>Repairs will continue at night so that crossings are not interrupted again, the port
                    authority said.</p></div>
                  <div class="more">%s%s%s%s</div>
                </body></html>
                """.formatted(card.formatted(1), card.formatted(2), card.formatted(3), card.formatted(4)),
                "https://island.example.org/harbour", UTC);

        assertEquals("The harbour reopened to ferries on Monday, a week after the storm damaged its main pier and "
                + "cut the island off from the mainland.\n\nRepairs will continue at night so that crossings are not "
                + "interrupted again, the port authority said.", page.text());
    }

    @Test
    void takesJsonLdArticleBodyWhenTheMarkupShowsOnlyATeaser() {
        List<String> paragraphs = List.of(
                "The central bank raised its main rate by half a point on Thursday, the fourth rise in a row.",
                "Economists had expected a smaller move after inflation eased in the autumn, and markets fell on the "
                        + "news.",
                "The bank said further rises could not be ruled out while wages kept growing faster than prices.",
                "Mortgage lenders are expected to pass the rise on to borrowers within days.");
        HtmlExtraction page = extractor.extract("""
                <html><head><script type="application/ld+json">
                {"@type": "NewsArticle", "headline": "Rates rise again", "articleBody": "%s"}
                </script></head><body><article>
                  <p>%s</p>
                  <div class="subscriber-prompt">Subscribe to read the full story.</div>
                </article></body></html>
                """.formatted(String.join("\\n", paragraphs), paragraphs.get(0)), null, UTC);

        assertEquals(String.join("\n\n", paragraphs), page.text());
        assertEquals("json-ld", page.sources().get("text"));
        assertTrue(page.html().startsWith("<p>The central bank raised"), page.html());
    }

    @Test
    void givesEmptyBodyForEmptyPage() {
        HtmlExtraction page = extractor.extract("", null, UTC);

        assertEquals("", page.text());
        assertNull(page.title());
        assertEquals(List.of(), page.tags());
    }

    /** A page with the given head and, after two paragraphs of body, the given extra body markup. */
    private static String page(String head, String afterBody) {
        return """
                <html><head>%s</head><body><article>
                  <p>A paragraph long enough to read as the body of an article, with a comma, and a full stop.</p>
                  <p>A second paragraph, just as long, so that the page has an article body to find and read.</p>
                  %s
                </article></body></html>
                """.formatted(head, afterBody);
    }

    private static String page(String head) {
        return page(head, "");
    }

    @Test
    void readsABrokenJsonLdBlockWithAHugeStringWithoutOverflowingTheStack() {
        // Hostile page: a structured-data block that is not JSON, with a headline of 500,000 characters.
        String page = "<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": \""
                + "a\\\"b ".repeat(100_000) + "\", \"datePublished\": \"2024-03-01T10:30:00+01:00\"</script></head>"
                + "<body><article><h1>Titre</h1><p>" + "Un paragraphe de texte. ".repeat(20)
                + "</p></article></body></html>";

        HtmlExtraction extraction = assertDoesNotThrow(() -> extractor.extract(page, null, PARIS));

        assertEquals(OffsetDateTime.parse("2024-03-01T10:30:00+01:00"), extraction.publishedAt());
    }

    @Test
    void readsAMegabyteOfNestedOrEmptyElementsInSecondsNotMinutes() {
        // A page from the open web may be hostile: 140,000 empty paragraphs took 100 s, 90,000 nested divisions
        // 15 s (removing nodes one by one, and clones that walk up every ancestor). The bound is generous; the
        // cost now is linear, one or two seconds here.
        for (String[] shape : new String[][] {{"<p>", "</p>", "140000"}, {"<div>", "</div>", "90000"},
                {"<div class=\"c\">word ", "</div>", "50000"}, {"<b>", "</b>", "140000"}}) {
            int n = Integer.parseInt(shape[2]);
            String page = "<html><body>" + shape[0].repeat(n) + "Le texte." + shape[1].repeat(n) + "</body></html>";

            HtmlExtraction extracted = assertTimeoutPreemptively(java.time.Duration.ofSeconds(15),
                    () -> extractor.extract(page, "https://news.example/a", PARIS), shape[0]);

            assertTrue(extracted.text().contains("Le texte."), shape[0]);
        }
    }
}
