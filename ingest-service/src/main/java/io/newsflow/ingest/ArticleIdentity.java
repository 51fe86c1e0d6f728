package io.newsflow.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import io.newsflow.contract.Article;

/**
 * Stable article ids and content fingerprints. The id depends only on what identifies an article (its canonical URL,
 * else its source and title), so a re-push or a corrected text keeps the id; the fingerprint covers the content, so a
 * correction is noticed.
 */
final class ArticleIdentity {

    // Parameters that only say how a reader arrived, not which article it is.
    private static final Set<String> TRACKING_PARAMETERS = Set.of("fbclid", "gclid", "dclid", "msclkid", "mc_cid",
            "mc_eid", "igshid", "yclid", "_ga", "ref_src", "cmpid", "xtor");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private ArticleIdentity() {
    }

    static String id(Article article) {
        String identity = article.url() != null
                ? "url:" + canonicalUrl(article.url())
                : "text:" + normalise(article.source()) + "\n" + normalise(article.title());
        return HexFormat.of().formatHex(Hashes.sha256(identity), 0, 12);
    }

    static String contentHash(Article article) {
        StringJoiner content = new StringJoiner("\u0000");
        content.add(normalise(article.title())).add(normalise(article.text())).add(normalise(article.author()))
                .add(String.valueOf(article.publishedAt())).add(normalise(article.section()))
                .add(normalise(article.language())).add(String.join("\u0001", article.tags()));
        return Hashes.sha256Hex(content.toString());
    }

    /**
     * Refuses anything but an absolute http(s) URL; lower-cases scheme and host, drops default ports, fragments and tracking parameters, so the same page reached
     * by different links gets one id.
     */
    static String canonicalUrl(String url) {
        try {
            URI uri = new URI(url.trim()).normalize();
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("not an http or https URL: " + url);
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            if (("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443)) {
                port = -1;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String query = canonicalQuery(uri.getRawQuery());
            return scheme + "://" + host + (port == -1 ? "" : ":" + port) + path + (query.isEmpty() ? "" : "?" + query);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("not an absolute URL: " + url, e);
        }
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null) {
            return "";
        }
        StringJoiner kept = new StringJoiner("&");
        for (String parameter : rawQuery.split("&")) {
            String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (!parameter.isEmpty() && !name.startsWith("utm_") && !TRACKING_PARAMETERS.contains(name)) {
                kept.add(parameter);
            }
        }
        return kept.toString();
    }

    private static String normalise(String value) {
        if (value == null) {
            return "";
        }
        return SPACES.matcher(Normalizer.normalize(value, Normalizer.Form.NFKC)).replaceAll(" ").trim()
                .toLowerCase(Locale.ROOT);
    }
}
