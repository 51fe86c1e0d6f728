package io.newsflow.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The real detection on bodies built in the test; nothing faked. */
class CharsetsTest {

    private static final Charset WINDOWS_1256 = Charset.forName("windows-1256");

    @Test
    void takesTheCharsetFromTheContentTypeHeader() {
        byte[] body = "<p>é</p>".getBytes(StandardCharsets.ISO_8859_1);

        assertEquals(StandardCharsets.ISO_8859_1, Charsets.detect(body, "text/html; charset=\"ISO-8859-1\""));
    }

    @Test
    void trustsAByteOrderMarkOverTheHeader() {
        byte[] utf16 = "\uFEFF<rss/>".getBytes(StandardCharsets.UTF_16LE);
        byte[] utf8 = "\uFEFF<rss/>".getBytes(StandardCharsets.UTF_8);

        assertEquals(StandardCharsets.UTF_16LE, Charsets.detect(utf16, "text/xml; charset=iso-8859-1"));
        assertEquals(StandardCharsets.UTF_8, Charsets.detect(utf8, null));
        assertEquals("<rss/>", Charsets.decode(utf8, StandardCharsets.UTF_8));
        assertEquals("<rss/>", Charsets.decode(utf16, StandardCharsets.UTF_16LE));
    }

    @Test
    void readsTheMetaHttpEquivOfAPage() {
        String page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">"
                + "</head><body>مرحبا</body></html>";

        assertEquals(WINDOWS_1256, Charsets.detect(page.getBytes(WINDOWS_1256), "text/html"));
    }

    @Test
    void readsTheXmlPrologWhenNothingElseSays() {
        byte[] feed = "<?xml version='1.0' encoding='windows-1252'?><rss/>".getBytes(StandardCharsets.US_ASCII);

        assertEquals(Charset.forName("windows-1252"), Charsets.detect(feed, "application/rss+xml"));
    }

    @Test
    void treatsADeclaredUtf16ThatReadsAsAsciiAsUtf8() {
        byte[] page = "<meta charset=\"utf-16\"><p>é</p>".getBytes(StandardCharsets.UTF_8);

        assertEquals(StandardCharsets.UTF_8, Charsets.detect(page, null));
    }

    @Test
    void fallsBackToUtf8PastUnknownCharsetNames() {
        byte[] page = "<meta charset=\"x-klingon\"><p>é</p>".getBytes(StandardCharsets.UTF_8);

        assertEquals(StandardCharsets.UTF_8, Charsets.detect(page, "text/html; charset=nonsense"));
    }
}
