package io.newsflow.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.newsflow.contract.Article;

/** Pure functions on articles built in the test; nothing faked. */
class ArticleIdentityTest {

    static Article article(String url, String title, String text) {
        return new Article(title, text, url, null, null, null, "bladi.net", "fr", List.of());
    }

    @Test
    void givesTheSameIdWhenTheSameUrlIsReachedThroughTrackingLinks() {
        String plain = ArticleIdentity.id(article("https://www.bladi.net/maroc-israel.html", "T", "x"));
        String tracked = ArticleIdentity.id(article(
                "HTTPS://WWW.Bladi.net:443/maroc-israel.html?utm_source=twitter&fbclid=abc#comments", "T", "x"));

        assertEquals(plain, tracked);
    }

    @Test
    void keepsMeaningfulQueryParameters() {
        assertEquals("https://example.com/a?id=7",
                ArticleIdentity.canonicalUrl("https://example.com/a?utm_medium=x&id=7"));
    }

    @Test
    void keepsTheIdWhenTheTextIsCorrected() {
        Article first = article(null, "Israël et le Maroc", "First text.");
        Article corrected = article(null, "Israël  et le Maroc", "Corrected text.");

        assertEquals(ArticleIdentity.id(first), ArticleIdentity.id(corrected));
        assertNotEquals(ArticleIdentity.contentHash(first), ArticleIdentity.contentHash(corrected));
    }

    @Test
    void givesDifferentIdsToDifferentArticlesOfOneSource() {
        assertNotEquals(ArticleIdentity.id(article(null, "One", "x")), ArticleIdentity.id(article(null, "Two", "x")));
    }

    @Test
    void makesIdsOfTwentyFourHexDigits() {
        assertTrue(ArticleIdentity.id(article(null, "One", "x")).matches("[0-9a-f]{24}"));
    }

    @Test
    void rejectsARelativeUrl() {
        assertThrows(IllegalArgumentException.class, () -> ArticleIdentity.canonicalUrl("/maroc-israel.html"));
    }
}
