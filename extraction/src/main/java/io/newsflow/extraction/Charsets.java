package io.newsflow.extraction;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells which charset a fetched body is in. A byte order mark is trusted first, since it cannot be there by accident
 * while a server's header is often a default nobody set (HTML and XML agree on that order); then the
 * {@code Content-Type} charset, then the page's {@code <meta>} or the XML prolog, then UTF-8.
 */
public final class Charsets {

    /** The HTML standard's limit for where a {@code <meta charset>} counts. */
    private static final int SNIFF_BYTES = 4096;
    private static final Pattern HEADER_CHARSET = Pattern.compile(
            ";\\s*charset\\s*=\\s*[\"']?([^\"';,\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern META = Pattern.compile("<meta\\s[^>]*>", Pattern.CASE_INSENSITIVE);
    // Covers both <meta charset="x"> and <meta http-equiv="content-type" content="text/html; charset=x">.
    private static final Pattern META_CHARSET = Pattern.compile(
            "charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:-]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern XML_PROLOG = Pattern.compile(
            "^\\s*<\\?xml\\s[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");

    private Charsets() {
    }

    /** @param contentTypeHeader the whole header value, as sent; may be null */
    public static Charset detect(byte[] body, String contentTypeHeader) {
        return bom(body)
                .or(() -> fromContentType(contentTypeHeader))
                .or(() -> declared(body))
                .orElse(StandardCharsets.UTF_8);
    }

    /** The body as text, in the charset {@link #detect(byte[], String)} finds, without its byte order mark. */
    public static String text(byte[] body, String contentTypeHeader) {
        return decode(body, detect(body, contentTypeHeader));
    }

    /** Decodes the body, dropping a leading byte order mark; malformed bytes become U+FFFD. */
    public static String decode(byte[] body, Charset cs) {
        String text = new String(body, cs);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    static Optional<Charset> fromContentType(String contentTypeHeader) {
        return charsetParameter(contentTypeHeader).flatMap(Charsets::named);
    }

    /** The {@code charset} parameter of a {@code Content-Type} header as written, whether or not Java knows it. */
    public static Optional<String> charsetParameter(String contentTypeHeader) {
        if (contentTypeHeader == null) {
            return Optional.empty();
        }
        Matcher m = HEADER_CHARSET.matcher(contentTypeHeader);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<Charset> bom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            return Optional.of(StandardCharsets.UTF_8);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            return Optional.of(StandardCharsets.UTF_16LE);
        }
        return Optional.empty();
    }

    /**
     * The charset the markup names for itself. The first bytes are read as Latin-1, which keeps every ASCII
     * character in place whatever the real charset, as long as it is ASCII-compatible, and those are the only ones
     * that can name themselves in ASCII.
     */
    private static Optional<Charset> declared(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, SNIFF_BYTES), StandardCharsets.ISO_8859_1);
        Matcher prolog = XML_PROLOG.matcher(head);
        if (prolog.find()) {
            return named(prolog.group(1)).map(Charsets::asciiCompatible);
        }
        Matcher meta = META.matcher(head);
        while (meta.find()) {
            Matcher charset = META_CHARSET.matcher(meta.group());
            if (charset.find()) {
                Optional<Charset> named = named(charset.group(1)).map(Charsets::asciiCompatible);
                if (named.isPresent()) {
                    return named;
                }
            }
        }
        return Optional.empty();
    }

    /** A document readable as ASCII cannot really be UTF-16, whatever it says (the HTML standard's rule). */
    private static Charset asciiCompatible(Charset declared) {
        return declared.name().toUpperCase(Locale.ROOT).startsWith("UTF-16") ? StandardCharsets.UTF_8 : declared;
    }

    private static Optional<Charset> named(String name) {
        try {
            return Optional.of(Charset.forName(name.trim()));
        } catch (IllegalArgumentException e) {
            // Unknown or illegal names are common in the wild; the next clue decides.
            return Optional.empty();
        }
    }
}
