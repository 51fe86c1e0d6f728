package io.newsflow.extraction.feeds;

import java.net.URI;
import java.util.List;

/**
 * What a feed says about itself and its entries, whatever its format. URLs are absolute, resolved against the URL
 * the feed was fetched from; every field but {@code entries} is null when the feed does not tell.
 *
 * @param siteUrl  the site the feed belongs to
 * @param selfUrl  where the feed says it lives ({@code rel="self"}, JSON Feed {@code feed_url})
 * @param hubUrl   its WebSub hub ({@code rel="hub"}, JSON Feed {@code hubs})
 * @param language as the feed declares it, e.g. "fr" or "en-us"
 * @param entries  in feed order
 */
public record ParsedFeed(String title, URI siteUrl, URI selfUrl, URI hubUrl, String language,
        List<FeedEntry> entries) {

    public ParsedFeed {
        entries = List.copyOf(entries);
    }
}
