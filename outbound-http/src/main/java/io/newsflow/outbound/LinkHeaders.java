package io.newsflow.outbound;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads HTTP {@code Link} headers (RFC 8288) for WebSub discovery, where the headers take precedence over links in
 * the feed: {@code Link: <https://hub.example/>; rel="hub", <https://example.com/feed>; rel="self"}. Commas and
 * semicolons inside the {@code <...>} or in quoted values do not split links; unreadable links are skipped.
 */
public final class LinkHeaders {

    private record Link(String target, Map<String, String> parameters) {
    }

    private LinkHeaders() {
    }

    /**
     * @param linkHeaders every {@code Link} header value, as {@link FetchResult#linkHeaders()} has them
     * @param base        the URL that answered, to resolve relative targets; may be null
     */
    public static Optional<URI> hub(List<String> linkHeaders, URI base) {
        return first(linkHeaders, "hub", base);
    }

    /** @see #hub(List, URI) */
    public static Optional<URI> self(List<String> linkHeaders, URI base) {
        return first(linkHeaders, "self", base);
    }

    private static Optional<URI> first(List<String> linkHeaders, String relation, URI base) {
        for (String header : linkHeaders) {
            for (Link link : parse(header)) {
                String rel = link.parameters().get("rel");
                // "rel" may hold several space-separated relation types, compared case-insensitively.
                if (rel != null && List.of(rel.toLowerCase(Locale.ROOT).trim().split("\\s+")).contains(relation)) {
                    URI url = link.target().isBlank() ? null : Urls.resolve(base, link.target());
                    if (url != null) {
                        return Optional.of(url);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static List<Link> parse(String header) {
        List<Link> links = new ArrayList<>();
        int at = 0;
        int length = header.length();
        while (at < length) {
            int open = header.indexOf('<', at);
            if (open < 0) {
                break;
            }
            int close = header.indexOf('>', open + 1);
            if (close < 0) {
                break;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            at = close + 1;
            while (true) {
                at = skipSpaces(header, at);
                if (at >= length || header.charAt(at) != ';') {
                    break;
                }
                at = skipSpaces(header, at + 1);
                int nameStart = at;
                at = tokenEnd(header, at, "=;,");
                String name = header.substring(nameStart, at).toLowerCase(Locale.ROOT);
                at = skipSpaces(header, at);
                String value = "";
                if (at < length && header.charAt(at) == '=') {
                    at = skipSpaces(header, at + 1);
                    StringBuilder read = new StringBuilder();
                    at = value(header, at, read);
                    value = read.toString();
                }
                // RFC 8288: only the first occurrence of a parameter counts.
                if (!name.isEmpty()) {
                    parameters.putIfAbsent(name, value);
                }
            }
            links.add(new Link(header.substring(open + 1, close).trim(), parameters));
            // Anything up to the next comma that is not a parameter is junk; skip it rather than misread it.
            while (at < length && header.charAt(at) != ',') {
                at++;
            }
        }
        return links;
    }

    /** Reads a token or a quoted string (with backslash escapes) into {@code out}; returns where it ended. */
    private static int value(String header, int at, StringBuilder out) {
        int length = header.length();
        if (at < length && header.charAt(at) == '"') {
            at++;
            while (at < length && header.charAt(at) != '"') {
                if (header.charAt(at) == '\\' && at + 1 < length) {
                    at++;
                }
                out.append(header.charAt(at++));
            }
            return Math.min(at + 1, length);
        }
        int end = tokenEnd(header, at, ";,");
        out.append(header, at, end);
        return end;
    }

    private static int tokenEnd(String header, int at, String delimiters) {
        while (at < header.length() && delimiters.indexOf(header.charAt(at)) < 0
                && !Character.isWhitespace(header.charAt(at))) {
            at++;
        }
        return at;
    }

    private static int skipSpaces(String header, int at) {
        while (at < header.length() && Character.isWhitespace(header.charAt(at))) {
            at++;
        }
        return at;
    }
}
