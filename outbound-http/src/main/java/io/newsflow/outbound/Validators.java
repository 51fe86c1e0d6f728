package io.newsflow.outbound;

/**
 * What a previous response said to identify its version, sent back as {@code If-None-Match} and
 * {@code If-Modified-Since} so an unchanged resource costs a 304. Either may be null.
 */
public record Validators(String etag, String lastModified) {
}
