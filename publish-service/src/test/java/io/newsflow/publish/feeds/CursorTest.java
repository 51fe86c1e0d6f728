package io.newsflow.publish.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The real cursor codec on cursors it made and on strings a client could send instead; nothing is faked. */
class CursorTest {

    private static final Instant SORT_AT = Instant.parse("2023-01-18T14:20:00.123456789Z");

    @Test
    void decodesWhatItEncoded() {
        for (String id : List.of("5f1c2a9e8d7c6b5a4f3e2d1c", "id|with|bars", "é 🗞 id")) {
            assertEquals(new Cursor(SORT_AT, id), Cursor.decode(Cursor.encode(SORT_AT, id)));
        }
        assertEquals(new Cursor(Instant.EPOCH, "a"), Cursor.decode(Cursor.encode(Instant.EPOCH, "a")));
    }

    @Test
    void isOpaqueAndSafeInAUrlWithoutEscaping() {
        String cursor = Cursor.encode(SORT_AT, "é 🗞 id/+?&=");

        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
        assertFalse(cursor.contains("2023"), cursor);
    }

    @Test
    void rejectsGarbageWithAClearMessage() {
        List<String> garbage = List.of("not a cursor!", "AAAA", "%%%", base64("1|yesterday|abc"), base64("1|"),
                base64("1|2023-01-18T14:20:00Z|"), base64("no separators"), "x".repeat(10_000));

        for (String value : garbage) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cursor.decode(value),
                    value);
            assertTrue(e.getMessage().startsWith("Not a valid cursor"), e.getMessage());
        }
    }

    @Test
    void rejectsEmptyAndOtherVersions() {
        assertThrows(IllegalArgumentException.class, () -> Cursor.decode(null));
        assertThrows(IllegalArgumentException.class, () -> Cursor.decode(" "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cursor.decode(base64("2|2023-01-18T14:20:00Z|abc")));
        assertTrue(e.getMessage().contains("another version"), e.getMessage());
    }

    @Test
    void needsBothPartsToEncode() {
        assertThrows(NullPointerException.class, () -> Cursor.encode(null, "abc"));
        assertThrows(IllegalArgumentException.class, () -> Cursor.encode(SORT_AT, ""));
    }

    private static String base64(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
