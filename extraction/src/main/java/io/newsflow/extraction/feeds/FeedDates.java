package io.newsflow.extraction.feeds;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.newsflow.extraction.HumanDateParser;

/**
 * Reads feed dates keeping the offset they were written with, which Rome's {@link Date} loses: "Wed, 18 Jan 2023
 * 15:20:00 +0100" stays at +01:00, so the publisher's local time is still known. RFC 822 (RSS), RFC 3339 (Atom, JSON
 * Feed) and the looser forms real feeds use, in the languages {@link HumanDateParser} knows. A date without an
 * offset is taken as UTC, which is what the formats' specifications imply.
 */
final class FeedDates {

    private static final HumanDateParser PARSER = new HumanDateParser();
    /** RFC 822's North American zone names, still found in RSS. */
    private static final Map<String, String> RFC_822_ZONES = Map.of("EST", "-0500", "EDT", "-0400", "CST", "-0600",
            "CDT", "-0500", "MST", "-0700", "MDT", "-0600", "PST", "-0800", "PDT", "-0700");
    private static final Pattern TRAILING_ZONE = Pattern.compile("\\s([ECMP][SD]T)\\s*$");

    private FeedDates() {
    }

    /** Null when the text is missing or not a date. */
    static OffsetDateTime parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String written = text.trim();
        Matcher zone = TRAILING_ZONE.matcher(written);
        if (zone.find()) {
            written = written.substring(0, zone.start()) + " " + RFC_822_ZONES.get(zone.group(1));
        }
        return PARSER.parse(written).map(date -> date.toOffsetDateTime(ZoneOffset.UTC)).orElse(null);
    }

    /** The date as written when it can be read, else Rome's reading of it in UTC. */
    static OffsetDateTime parse(String text, Date romes) {
        OffsetDateTime written = parse(text);
        if (written != null || romes == null) {
            return written;
        }
        return romes.toInstant().atOffset(ZoneOffset.UTC);
    }
}
