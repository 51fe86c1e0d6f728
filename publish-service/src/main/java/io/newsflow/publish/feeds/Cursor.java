package io.newsflow.publish.feeds;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a page of a feed sorted by {@code (sortAt desc, id desc)} ends: the next page holds the articles strictly
 * after this one in that order. Clients get it as an opaque, URL-safe string; its version prefix lets the format
 * change without misreading cursors handed out before.
 */
public record Cursor(Instant sortAt, String id) {

    private static final String VERSION = "1";
    private static final char SEPARATOR = '|';
    // Far above any real cursor; keeps a hostile query string from making us decode megabytes.
    private static final int MAX_ENCODED_LENGTH = 512;

    public Cursor {
        Objects.requireNonNull(sortAt, "sortAt");
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("A cursor needs the id of the last article of the page");
        }
    }

    public static String encode(Instant sortAt, String id) {
        return new Cursor(sortAt, id).encoded();
    }

    /**
     * Reads a cursor made by {@link #encode}.
     *
     * @throws IllegalArgumentException if {@code encoded} is not such a cursor
     */
    public static Cursor decode(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalArgumentException("The cursor is empty");
        }
        if (encoded.length() > MAX_ENCODED_LENGTH) {
            throw invalid();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        int first = plain.indexOf(SEPARATOR);
        int second = plain.indexOf(SEPARATOR, first + 1);
        if (first < 0 || second < 0) {
            throw invalid();
        }
        if (!plain.substring(0, first).equals(VERSION)) {
            throw new IllegalArgumentException("The cursor comes from another version of this service; start again "
                    + "from the first page");
        }
        try {
            return new Cursor(Instant.parse(plain.substring(first + 1, second)), plain.substring(second + 1));
        } catch (DateTimeException | IllegalArgumentException e) {
            throw invalid();
        }
    }

    private String encoded() {
        String plain = VERSION + SEPARATOR + sortAt + SEPARATOR + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static IllegalArgumentException invalid() {
        // The value is not echoed: it is whatever the client sent, possibly long or hostile.
        return new IllegalArgumentException("Not a valid cursor: pass the 'next' value of a previous page unchanged");
    }
}
