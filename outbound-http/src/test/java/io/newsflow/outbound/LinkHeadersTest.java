package io.newsflow.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The real parser on {@code Link} header values written as servers send them; nothing faked. */
class LinkHeadersTest {

    private static final URI FEED = URI.create("https://example.com/feed.xml");

    @Test
    void findsTheHubAndSelfInOneHeader() {
        List<String> headers = List.of(
                "<https://hub.example/>; rel=\"hub\", <https://example.com/feed.xml>; rel=\"self\"");

        assertEquals(Optional.of(URI.create("https://hub.example/")), LinkHeaders.hub(headers, FEED));
        assertEquals(Optional.of(URI.create("https://example.com/feed.xml")), LinkHeaders.self(headers, FEED));
    }

    @Test
    void findsLinksSpreadOverSeveralHeaders() {
        List<String> headers = List.of("<https://example.com/feed.xml>; rel=self",
                "<https://hub.example/websub>; rel=hub");

        assertEquals(Optional.of(URI.create("https://hub.example/websub")), LinkHeaders.hub(headers, FEED));
    }

    @Test
    void doesNotSplitOnCommasAndSemicolonsInsideTheTargetOrQuotes() {
        List<String> headers = List.of("<https://example.com/a,b;c>; title=\"x, y; rel=hub\"; rel=\"self\", "
                + "<https://hub.example/>; rel=\"hub\"");

        assertEquals(Optional.of(URI.create("https://example.com/a,b;c")), LinkHeaders.self(headers, FEED));
        assertEquals(Optional.of(URI.create("https://hub.example/")), LinkHeaders.hub(headers, FEED));
    }

    @Test
    void readsRelationsCaseInsensitivelyAndFromAList() {
        List<String> headers = List.of("<https://hub.example/>; REL=\"alternate HUB\"");

        assertEquals(Optional.of(URI.create("https://hub.example/")), LinkHeaders.hub(headers, FEED));
    }

    @Test
    void resolvesARelativeTargetAgainstTheUrlThatAnswered() {
        List<String> headers = List.of("</websub/hub>; rel=\"hub\"");

        assertEquals(Optional.of(URI.create("https://example.com/websub/hub")), LinkHeaders.hub(headers, FEED));
    }

    @Test
    void takesTheFirstHubAndOnlyTheFirstRelOfALink() {
        List<String> headers = List.of(
                "<https://first.example/>; rel=hub; rel=self, <https://second.example/>; rel=hub");

        assertEquals(Optional.of(URI.create("https://first.example/")), LinkHeaders.hub(headers, FEED));
        assertEquals(Optional.empty(), LinkHeaders.self(headers, FEED));
    }

    @Test
    void skipsMalformedLinksAndFindsNothingWhenThereIsNoHub() {
        assertEquals(Optional.empty(), LinkHeaders.hub(List.of("https://hub.example/; rel=hub"), FEED));
        assertEquals(Optional.empty(), LinkHeaders.hub(List.of("<https://hub.example/"), FEED));
        assertEquals(Optional.empty(), LinkHeaders.hub(List.of("<https://example.com/>; rel=\"self\""), FEED));
        assertEquals(Optional.empty(), LinkHeaders.hub(List.of(), FEED));
    }
}
