package io.newsflow.extraction.feeds;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.Locale;

import com.rometools.rome.io.impl.XmlFixerReader;

import io.newsflow.extraction.Charsets;

/**
 * Reads RSS 0.9x, 1.0 and 2.0, Atom 1.0 and JSON Feed 1.0 and 1.1 into one shape. XML is parsed with DTDs refused
 * (see {@link SafeXml}); JSON is told from XML by its first character, since servers label feeds loosely.
 * Stateless and thread-safe.
 */
public final class FeedParser {

    /** Characters of text below which an entry is taken for a teaser: a few sentences, not an article. */
    static final int FULL_TEXT = 500;

    /**
     * @param charsetHint the body's charset when the caller knows it for sure; null to work it out here from a byte
     *                    order mark, the header's charset, or the XML prolog
     * @param contentType the media type or whole {@code Content-Type} header; may be null
     * @param feedUrl     where the feed was fetched from, to resolve relative links; may be null
     * @throws FeedException when the document is not a feed, is not well-formed, or declares a DTD
     */
    public ParsedFeed parse(byte[] body, Charset charsetHint, String contentType, URI feedUrl) throws FeedException {
        String text = Charsets.decode(body, charsetHint != null ? charsetHint : Charsets.detect(body, contentType));
        String start = text.stripLeading();
        if (start.startsWith("{")
                || (!start.startsWith("<") && contentType != null
                        && contentType.toLowerCase(Locale.ROOT).contains("json"))) {
            return JsonFeedReader.read(text, feedUrl);
        }
        // Rome's healer turns HTML entities such as &nbsp;, common in feeds and undefined in XML, into numbers.
        return XmlFeedReader.read(SafeXml.parse(new XmlFixerReader(new StringReader(text)), "feed"), feedUrl);
    }

    /** Whether the fuller of the entry's two bodies is still too short to be the article. */
    static boolean teaserOnly(String summaryHtml, String contentHtml) {
        int longest = 0;
        for (String html : new String[] {summaryHtml, contentHtml}) {
            if (html != null) {
                longest = Math.max(longest, FeedText.text(html).length());
            }
        }
        return longest < FULL_TEXT;
    }
}
