package io.newsflow.ingest.rest;

import java.time.Instant;
import java.util.Locale;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.newsflow.ingest.store.SourceStore.Source;
import io.newsflow.ingest.store.SourceStore.SourceStatus;

/** A feed source as the API shows it: its settings, how polling goes, and its WebSub subscription if any. */
@Schema(description = "A feed source with its status")
record SourceView(
        @Schema(description = "Derived from the feed's URL", examples = "3f9a1c2b7d4e5f60") String id,
        @Schema(examples = "https://www.bladi.net/spip.php?page=backend") String url,
        @Schema(description = "The feed's own title, once fetched") String title,
        @Schema(description = "ISO 8601 duration between polls", examples = "PT15M") String interval,
        @Schema(examples = "fr") String language,
        @Schema(examples = "Africa/Casablanca") String timeZone,
        @Schema(description = "The publisher that added it", examples = "bladi") String owner,
        Instant createdAt,
        Status status,
        @Schema(description = "Present once a WebSub hub was found") @JsonInclude(JsonInclude.Include.NON_NULL) WebSub websub) {

    @Schema(description = "How polling goes")
    record Status(Instant lastFetchAt, Instant lastSuccessAt, String lastError, Instant lastErrorAt, long entriesSeen,
            Instant nextPollAt, int consecutiveFailures) {
    }

    @Schema(description = "The WebSub subscription")
    record WebSub(String hub, String topic,
            @Schema(description = "requested, active, lapsed…", examples = "active") String state,
            Instant leaseExpiresAt) {
    }

    static SourceView of(Source s) {
        SourceStatus st = s.status();
        WebSub websub = s.websub() == null ? null : new WebSub(s.websub().hub(), s.websub().topic(),
                s.websub().state().name().toLowerCase(Locale.ROOT), s.websub().leaseExpiresAt());
        return new SourceView(s.id(), s.url(), s.title(), s.interval().toString(), s.language(), s.timeZone(),
                s.owner(), s.createdAt(), new Status(st.lastFetchAt(), st.lastSuccessAt(), st.lastError(),
                        st.lastErrorAt(), st.entriesSeen(), st.nextPollAt(), st.consecutiveFailures()),
                websub);
    }
}
