package io.newsflow.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The one set of filter rules, on values as enrich-service writes them (slugs from {@link Slugs}). */
class FilterRulesTest {

    private final List<Keyword> keywords = List.of(new Keyword("Israël", Slugs.slug("Israël"), 1.0),
            new Keyword("المغرب", Slugs.slug("المغرب"), 0.8));

    @Test
    void findsAKeywordByItsSlugOrByItsTextInAnyCaseAndScript() {
        assertTrue(FilterRules.keyword("israel", keywords));
        assertTrue(FilterRules.keyword("Israël", keywords));
        assertTrue(FilterRules.keyword(" ISRAËL ", keywords));
        assertTrue(FilterRules.keyword("المغرب", keywords));
        assertFalse(FilterRules.keyword("isr", keywords));
        assertFalse(FilterRules.keyword("", keywords));
    }

    @Test
    void comparesSourcesAndLanguagesWithoutCase() {
        assertTrue(FilterRules.source("Bladi.net", "bladi.net"));
        assertTrue(FilterRules.language("FR", "fr"));
        assertFalse(FilterRules.source("bladi.net", null));
        assertFalse(FilterRules.source("bladi", "bladi.net"));
    }

    @Test
    void findsEntitiesByNameOrAliasAndCategoriesByCodeOrLabel() {
        List<Entity> entities = List.of(new Entity("Forces Armées Royales", "ORGANIZATION", 3, "MA", List.of("FAR")));
        List<Category> categories = List.of(new Category("medtop:20000598", "defence", 0.8, List.of("armée")));

        assertTrue(FilterRules.entity("far", entities));
        assertTrue(FilterRules.entity("forces armées royales", entities));
        assertFalse(FilterRules.entity("Forces", entities));
        assertTrue(FilterRules.category("MEDTOP:20000598", categories));
        assertTrue(FilterRules.category("Defence", categories));
    }
}
