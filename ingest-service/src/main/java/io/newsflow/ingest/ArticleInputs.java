package io.newsflow.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import io.newsflow.contract.Article;
import io.newsflow.contract.Problem.FieldError;
import io.newsflow.extraction.Charsets;
import io.newsflow.extraction.ExtractedArticle;
import io.newsflow.extraction.HtmlArticleExtractor;
import io.newsflow.extraction.HtmlExtraction;
import io.newsflow.extraction.HtmlText;
import io.newsflow.extraction.PlainTextArticleParser;
import io.newsflow.extraction.RelatedLink;
import io.newsflow.ingest.config.IngestConfig;

/**
 * Reads every form a publisher may send (JSON, a whole HTML page, the text form) into an article, and into the
 * extraction view {@code POST /extract} shows, so that pushing and trying out read input the very same way.
 */
@ApplicationScoped
public class ArticleInputs {

    private final IngestConfig config;
    private final PlainTextArticleParser textParser = new PlainTextArticleParser();
    private final HtmlArticleExtractor htmlExtractor = new HtmlArticleExtractor();

    ArticleInputs(IngestConfig config) {
        this.config = config;
    }

    /** An article read from a request, and what was found on the way, for {@code POST /extract}. */
    public record Input(Article article, Extraction extraction) {
    }

    /** The optional query parameters every form takes. */
    public record Hints(String url, String source, String language, String timeZone) {

        public static final Hints NONE = new Hints(null, null, null, null);

        public static Hints timeZone(String timeZone) {
            return new Hints(null, null, null, timeZone);
        }

        /** The primary subtag of the declared language ({@code fr-FR} is {@code fr}); 400 when it is none. */
        String declaredLanguage() {
            if (language == null || language.isBlank()) {
                return null;
            }
            String primary = language.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
            if (!primary.matches("[a-z]{2}")) {
                throw new InvalidInputException("The language parameter is not an ISO 639-1 code.",
                        List.of(new FieldError("language", "must be an ISO 639-1 code such as fr, en or ar")));
            }
            return primary;
        }
    }

    public Input json(String body, Hints hints) {
        Article article = ArticleRequests.toArticle(ArticleRequests.parse(body), "", zones(hints.timeZone()));
        return new Input(article, view(article.title(), article.author(), article.publishedAt(), null, null,
                article.section(), null, article.url(), article.language(), article.text(), null, article.tags(),
                List.of(), null, "request"));
    }

    public Input text(String body, Hints hints) {
        if (!config.extraction().enabled()) {
            String[] titleAndText = body.strip().split("\\R", 2);
            return passThrough(titleAndText[0], titleAndText.length > 1 ? titleAndText[1].strip() : "", hints);
        }
        ExtractedArticle extracted;
        try {
            extracted = textParser.parse(body, zones(hints.timeZone()).forDeclaredLanguage(hints.declaredLanguage()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), List.of(new FieldError("body", e.getMessage())));
        }
        String url = canonical(hints.url());
        Article article = new Article(extracted.title(), extracted.text(), url, extracted.author(),
                extracted.publishedAt(), extracted.section(),
                hints.source() != null ? hints.source() : extracted.siteName(), hints.declaredLanguage(),
                extracted.tags(), extracted.related().stream().map(t -> new Article.Related(t, null)).toList());
        return new Input(article, view(article.title(), article.author(), article.publishedAt(),
                extracted.publishedAtZoneInferred(), null, article.section(), extracted.siteName(), url,
                article.language(), article.text(), null, article.tags(),
                extracted.related().stream().map(t -> new RelatedLink(t, null, null)).toList(), null, "text"));
    }

    public Input html(byte[] body, String contentType, Hints hints) {
        checkSize(body);
        Charset charset = Charsets.detect(body, contentType);
        if (!config.extraction().enabled()) {
            Document page = Jsoup.parse(Charsets.decode(body, charset));
            return passThrough(page.title(), page.body() == null ? "" : page.body().text(), hints);
        }
        String pageUrl = hints.url() == null || hints.url().isBlank() ? null : canonical(hints.url());
        TimeZones zones = zones(hints.timeZone());
        HtmlExtraction page = htmlExtractor.extract(Charsets.decode(body, charset), pageUrl, ZoneId.of("UTC"));
        String language = hints.declaredLanguage() != null ? hints.declaredLanguage() : page.language();
        OffsetDateTime publishedAt = page.publishedAt();
        if (publishedAt != null && page.publishedAtZoneInferred()) {
            // The page printed a local time: it belongs to the publisher's zone, known only now that the page's
            // language is.
            publishedAt = publishedAt.toLocalDateTime().atZone(zones.forDeclaredLanguage(language).apply(null))
                    .toOffsetDateTime();
        }
        if (page.title() == null || page.title().isBlank() || page.text().isBlank()) {
            throw new InvalidInputException("No article found in the page: it has no title or no body text.",
                    List.of(new FieldError("body", page.title() == null ? "no title" : "no body text")));
        }
        String url = page.canonicalUrl() != null ? canonical(page.canonicalUrl()) : pageUrl;
        Article article = new Article(page.title(), page.text(), url, page.author(), publishedAt, page.section(),
                hints.source() != null ? hints.source() : page.siteName(), language, page.tags(),
                page.related().stream().map(r -> new Article.Related(r.title(), httpUrl(r.url()))).toList());
        Extraction view = new Extraction(page.title(), page.author(), iso(publishedAt), page.publishedAtZoneInferred(),
                iso(page.modifiedAt()), page.section(), page.siteName(), url, page.language(), page.text(),
                page.html(), page.tags(), page.related(), page.imageUrl(), page.sources());
        return new Input(article, view);
    }

    /** Extraction switched off: the title and text as they came, for measuring what extraction costs. */
    private Input passThrough(String title, String text, Hints hints) {
        if (title.isBlank() || text.isBlank()) {
            throw new InvalidInputException("No article found: it has no title or no body text.",
                    List.of(new FieldError("body", title.isBlank() ? "no title" : "no body text")));
        }
        String url = hints.url() == null || hints.url().isBlank() ? null : canonical(hints.url());
        Article article = new Article(title.strip(), text, url, null, null, null, hints.source(),
                hints.declaredLanguage(), List.of(), List.of());
        return new Input(article, view(article.title(), null, null, null, null, null, null, url, article.language(),
                text, null, List.of(), List.of(), null, "pass-through"));
    }

    /** The view of an input whose every field came from one place ({@code from}). */
    private static Extraction view(String title, String author, OffsetDateTime publishedAt, Boolean zoneInferred,
            OffsetDateTime modifiedAt, String section, String siteName, String canonicalUrl, String language,
            String text, String html, List<String> tags, List<RelatedLink> related, String imageUrl, String from) {
        return new Extraction(title, author, iso(publishedAt), zoneInferred, iso(modifiedAt), section, siteName,
                canonicalUrl, language, text, html != null ? html : HtmlText.paragraphs(text), tags, related, imageUrl,
                Map.of("*", from));
    }

    private static String iso(OffsetDateTime time) {
        return time == null ? null : time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** The body as text in the charset its {@code Content-Type} names, UTF-8 by default; 400 for an unknown one. */
    public String decode(byte[] body, String contentType) {
        checkSize(body);
        return new String(body, charset(contentType));
    }

    /**
     * The lines of an NDJSON batch, blank ones included so that answers can number the lines as sent; 400 when it
     * holds more than {@code newsflow.ingest.max-batch-size} articles, before any line is read.
     */
    public String[] batchLines(byte[] body, String contentType) {
        String[] lines = decode(body, contentType).split("\\r?\\n");
        long articles = Arrays.stream(lines).filter(l -> !l.isBlank()).count();
        if (articles > config.maxBatchSize()) {
            throw new InvalidInputException(
                    "A batch holds at most " + config.maxBatchSize() + " articles; this one has "
                            + articles + ".",
                    List.of());
        }
        return lines;
    }

    /** 400 for an empty body, 413 for one over {@code newsflow.ingest.max-body-bytes}. */
    public void checkSize(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("The request body is empty.", List.of());
        }
        if (body.length > config.maxBodyBytes()) {
            throw new BodyTooLargeException(body.length, config.maxBodyBytes());
        }
    }

    private static Charset charset(String contentType) {
        return Charsets.charsetParameter(contentType).map(name -> {
            try {
                return Charset.forName(name.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("Unknown charset in Content-Type " + contentType + ".",
                        List.of(new FieldError("Content-Type", "charset is not supported")));
            }
        }).orElse(StandardCharsets.UTF_8);
    }

    /** Only http(s) addresses travel on: anything else in a page's links is no place to send a reader. */
    private static String httpUrl(String url) {
        return url != null && url.matches("(?i)^https?://\\S+$") ? url : null;
    }

    static String canonical(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        return ArticleRequests.canonicalUrl(url).orElseThrow(() -> new InvalidInputException(
                "The url is not an absolute http or https URL.",
                List.of(new FieldError("url", ArticleRequests.URL_RULE))));
    }

    TimeZones zones(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return new TimeZones(null, config);
        }
        try {
            return new TimeZones(ZoneId.of(timeZone.strip()), config);
        } catch (DateTimeException e) {
            throw new InvalidInputException("Unknown time zone " + timeZone + ".",
                    List.of(new FieldError("timeZone", "must be an IANA zone such as Africa/Casablanca")));
        }
    }
}
