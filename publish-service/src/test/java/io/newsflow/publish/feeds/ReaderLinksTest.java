package io.newsflow.publish.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The real link builder on filter maps as a resource would pass them; nothing is faked. */
class ReaderLinksTest {

    @Test
    void addsOrReplacesOneFilterAndKeepsTheOthersInCanonicalOrder() {
        Map<String, String> active = new LinkedHashMap<>();
        active.put("q", "roi");
        active.put("language", "fr");
        ReaderLinks links = new ReaderLinks("/read", active);

        assertEquals("/read?language=fr&keyword=maroc&q=roi", links.filter("keyword", "maroc"));
        assertEquals("/read?language=ar&q=roi", links.filter("language", "ar"));
        assertEquals("/read?q=roi", links.without("language"));
        assertEquals("?language=fr&q=roi", links.query());
    }

    @Test
    void encodesValuesThatWouldBreakAQuery() {
        ReaderLinks links = new ReaderLinks("/read", Map.of());

        assertEquals("/read?entity=AT%26T+%23+Co", links.filter("entity", "AT&T # Co"));
        assertEquals("/read?category=medtop%3A01000000", links.filter("category", "medtop:01000000"));
        assertEquals("/read?entity=%D8%A7%D9%84%D8%B1%D8%A8%D8%A7%D8%B7", links.filter("entity", "الرباط"));
    }

    @Test
    void dropsBlankAndUnknownFiltersAndNeverCarriesTheCursor() {
        ReaderLinks links = new ReaderLinks("/read", Map.of("language", " ", "cursor", "abc", "limit", "5", "tag",
                " Rabat "));

        assertEquals("?tag=Rabat", links.query());
        assertEquals("/read?tag=Rabat&q=x", links.filter("q", "x"));
        assertEquals("/read", links.filter("tag", ""));
        assertThrows(IllegalArgumentException.class, () -> links.filter("limit", "5"));
    }

    @Test
    void pagesAndArticlesKeepTheirOwnPlace() {
        ReaderLinks filtered = new ReaderLinks("/read", Map.of("language", "fr"));
        ReaderLinks root = new ReaderLinks("/", Map.of());

        assertEquals("/read?language=fr&cursor=MXwyMDIz", filtered.page("MXwyMDIz"));
        assertEquals("/?cursor=MXwyMDIz", root.page("MXwyMDIz"));
        assertEquals("/read/5f1c2a", filtered.article("5f1c2a"));
        assertEquals("/a%20b%2Fc", root.article("a b/c"));
        assertThrows(IllegalArgumentException.class, () -> new ReaderLinks("read", Map.of()));
    }
}
