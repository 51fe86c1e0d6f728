package io.newsflow.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The problem+json shape as it is written on the wire, through the same Jackson setup as the events. */
class ProblemTest {

    @Test
    void namesKnownStatusesByTheirReasonPhraseAndUnknownOnesByTheirClass() {
        assertEquals("Content Too Large", Problem.of(413, "too big").title());
        assertEquals("Client Error", Problem.of(499, "closed").title());
        assertEquals("Server Error", Problem.of(599, "odd").title());
        assertEquals("Error", Problem.of(302, "odd").title());
    }

    @Test
    void leavesOutAnEmptyErrorListAndNoInstanceButWritesEveryFieldError() {
        JsonNode plain = EventJson.tree(EventJson.write(Problem.of(404, "No article with id x")));
        JsonNode invalid = EventJson.tree(EventJson.write(
                Problem.invalid("2 invalid fields", List.of(new Problem.FieldError("/title", "is required"),
                        new Problem.FieldError("/language", "must be an ISO 639-1 code")))));

        assertEquals("about:blank", plain.get("type").asText());
        assertEquals(404, plain.get("status").asInt());
        assertEquals("No article with id x", plain.get("detail").asText());
        assertFalse(plain.has("errors"));
        assertFalse(plain.has("instance"));
        assertEquals("/language", invalid.get("errors").get(1).get("field").asText());
        assertEquals("Bad Request", invalid.get("title").asText());
    }
}
