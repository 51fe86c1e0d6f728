package io.newsflow.publish.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.newsflow.publish.store.ArticleStore.Source;
import io.newsflow.publish.store.StoredArticle;

/** The live stream's buffer and positions, in memory: no server. */
class LiveArticlesTest {

    static StoredArticle article(String id) {
        return new StoredArticle(id, 1, "Titre " + id, "Texte", "https://example.com/" + id, null, null, null,
                "example", List.of(), List.of(), "fr", 1.0, List.of(), List.of(), List.of(), null, null, null, null,
                null, null, "2030-01-01T00:00:00Z", "2030-01-01T00:00:00Z");
    }

    static List<String> ids(List<LiveArticles.Published> published) {
        return published.stream().map(p -> p.article().id()).toList();
    }

    @Test
    void aClientReconnectingToAnotherInstanceGetsExactlyWhatItHadNotBeenSent() {
        // Two instances read the same records of two partitions, interleaved differently.
        LiveArticles first = new LiveArticles(100);
        LiveArticles second = new LiveArticles(100);
        List<LiveArticles.Published> seenOnFirst = new ArrayList<>();
        first.subscribe(null, seenOnFirst::add);
        first.publish(0, 10, article("a"));
        first.publish(1, 20, article("b"));
        first.publish(0, 11, article("c"));

        second.publish(1, 20, article("b"));
        second.publish(1, 21, article("d"));
        second.publish(0, 10, article("a"));
        second.publish(0, 11, article("c"));
        second.publish(0, 12, article("e"));

        String lastEventId = seenOnFirst.get(seenOnFirst.size() - 1).id();
        List<LiveArticles.Published> replayed = new ArrayList<>();
        second.subscribe(lastEventId, replayed::add);
        assertEquals(List.of("d", "e"), ids(replayed));
    }

    @Test
    void aClientReconnectingToAnInstanceThatHasReadLessIsNotSentAgainWhatThatInstanceCatchesUpOn() {
        // The first instance has read further in partition 0, the second further in partition 1.
        LiveArticles ahead = new LiveArticles(100);
        LiveArticles behind = new LiveArticles(100);
        List<LiveArticles.Published> seenOnAhead = new ArrayList<>();
        ahead.subscribe(null, seenOnAhead::add);
        ahead.publish(0, 10, article("a"));
        ahead.publish(0, 11, article("b"));
        ahead.publish(0, 12, article("c"));
        behind.publish(0, 10, article("a"));
        behind.publish(1, 20, article("x"));

        List<LiveArticles.Published> resumed = new ArrayList<>();
        behind.subscribe(seenOnAhead.get(seenOnAhead.size() - 1).id(), resumed::add);
        behind.publish(0, 11, article("b"));
        behind.publish(1, 21, article("y"));
        behind.publish(0, 12, article("c"));
        behind.publish(0, 13, article("d"));
        assertEquals(List.of("x", "y", "d"), ids(resumed));

        // Its ids never go back behind what it was sent: reconnecting from them to a third instance that has read
        // everything sends only what came after.
        LiveArticles third = new LiveArticles(100);
        for (long offset = 10; offset <= 13; offset++) {
            third.publish(0, offset, article("p0-" + offset));
        }
        third.publish(1, 20, article("x"));
        third.publish(1, 21, article("y"));
        third.publish(1, 22, article("z"));
        List<LiveArticles.Published> again = new ArrayList<>();
        third.subscribe(resumed.get(1).id(), again::add);
        assertEquals(List.of("p0-13", "z"), ids(again));
    }

    @Test
    void aCopyOfAnEventIsSentOnlyToClientsThatHadNotPassedItsFirstRecord() {
        // This instance announces the copy at offset 10 of an event first recorded at offset 5.
        LiveArticles live = new LiveArticles(100);
        List<LiveArticles.Published> passedTheFirst = new ArrayList<>();
        List<LiveArticles.Published> beforeTheFirst = new ArrayList<>();
        List<LiveArticles.Published> fresh = new ArrayList<>();
        live.subscribe("0:6", passedTheFirst::add);
        live.subscribe("0:4", beforeTheFirst::add);
        live.subscribe(null, fresh::add);
        live.publish(0, 10, article("copy"), new Source(0, 5));
        live.publish(0, 11, article("next"));

        assertEquals(List.of("next"), ids(passedTheFirst));
        assertEquals("0:12", passedTheFirst.get(0).id(), "its position still moves past the copy");
        assertEquals(List.of("copy", "next"), ids(beforeTheFirst));
        assertEquals(List.of("copy", "next"), ids(fresh));
    }

    @Test
    void recordsPassedOverMoveThePositionSoTheyAreNotReplayedAsMissing() {
        LiveArticles live = new LiveArticles(100);
        List<LiveArticles.Published> seen = new ArrayList<>();
        live.subscribe(null, seen::add);
        live.publish(0, 1, article("a"));
        live.pass(0, 2);
        live.publish(0, 3, article("b"));
        String afterA = seen.get(0).id();

        List<LiveArticles.Published> replayed = new ArrayList<>();
        live.subscribe(afterA, replayed::add);
        assertEquals(List.of("b"), ids(replayed));
        assertTrue(StreamPosition.parse(seen.get(1).id()).orElseThrow().passed(0, 2));
    }

    @Test
    void aNewClientOrAnUnknownLastEventIdGetsOnlyNewArticles() {
        LiveArticles live = new LiveArticles(100);
        live.publish(0, 1, article("old"));
        List<LiveArticles.Published> fresh = new ArrayList<>();
        List<LiveArticles.Published> legacy = new ArrayList<>();
        live.subscribe(null, fresh::add);
        live.subscribe("1733400000000000", legacy::add);
        live.publish(0, 2, article("new"));
        assertEquals(List.of("new"), ids(fresh));
        assertEquals(List.of("new"), ids(legacy));
    }

    @Test
    void keepsOnlyTheConfiguredNumberOfArticlesForReplay() {
        LiveArticles live = new LiveArticles(2);
        live.publish(0, 1, article("a"));
        live.publish(0, 2, article("b"));
        live.publish(0, 3, article("c"));
        List<LiveArticles.Published> replayed = new ArrayList<>();
        live.subscribe("0:0", replayed::add);
        assertEquals(List.of("b", "c"), ids(replayed));
    }

    @Test
    void readsBackThePositionItWritesAndRefusesWhatIsNotOne() {
        StreamPosition position = StreamPosition.start().after(2, 41).after(0, 7).after(2, 3);
        assertEquals("0:8.2:42", position.encode());
        assertEquals(position, StreamPosition.parse(position.encode()).orElseThrow());
        assertTrue(StreamPosition.parse("0:8.x:1").isEmpty());
        assertTrue(StreamPosition.parse("9".repeat(30)).isEmpty());
        assertTrue(StreamPosition.parse("0:1.".repeat(2000) + "0:1").isEmpty());
        assertTrue(StreamPosition.parse(null).isEmpty());
    }
}
