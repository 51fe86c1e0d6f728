package io.newsflow.localservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.bson.Document;

/**
 * The value the embedded server's collection maps hold: what a command edits is never the stored document. Plain
 * objects, nothing else is real here; {@code MongoWireServerIT} meets the same through the driver.
 */
class StoredDocumentTest {

    @Test
    void givesEachReadADocumentOfItsOwnSoAnEditNeverReachesTheStoredValue() {
        Document original = new Document("_id", "a").append("tags", new ArrayList<>(List.of("x")))
                .append("nested", new Document("n", 1));
        StoredDocument stored = StoredDocument.of(original);
        original.put("late", "edit of the caller's document after it was stored");

        Document first = stored.document();
        first.put("added", true);
        ((List<Object>) first.get("tags")).add("y");
        ((Document) first.get("nested")).put("n", 2);

        Document second = stored.document();
        assertNotSame(first, second);
        assertEquals(new Document("_id", "a").append("tags", List.of("x")).append("nested", new Document("n", 1)),
                second);
    }

    @Test
    void keepsADocumentBsonCannotHoldAsACopyAndCopiesItOnEachRead() {
        Document original = new Document("_id", "b").append("a\0b", new ArrayList<>(List.of(1)));
        StoredDocument stored = StoredDocument.of(original);
        ((List<Object>) original.get("a\0b")).add(2);

        Document first = stored.document();
        ((List<Object>) first.get("a\0b")).add(3);

        assertEquals(List.of(1), stored.document().get("a\0b"));
    }
}
