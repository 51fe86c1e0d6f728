package io.newsflow.ingest;

import java.time.ZoneId;
import java.util.function.Function;

import io.newsflow.ingest.config.IngestConfig;

/**
 * Which time zone a publication time printed without an offset was written in. Publishers seldom print offsets, and
 * guessing UTC would shift a Paris morning by an hour, so every hint counts, strongest first: the zone the request
 * names, the language the publisher declared, the language the date itself is written in, then the configured default.
 */
public record TimeZones(ZoneId requested, IngestConfig config) {

    /** @return the zone for a date, given the language its month name is written in (null when unknown) */
    Function<String, ZoneId> forDeclaredLanguage(String declaredLanguage) {
        return dateLanguage -> {
            if (requested != null) {
                return requested;
            }
            String language = declaredLanguage != null ? declaredLanguage : dateLanguage;
            return language == null ? config.defaultTimeZone()
                    : config.languageTimeZones().getOrDefault(language, config.defaultTimeZone());
        };
    }
}
