package io.newsflow.enrichment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.fixtures.Repository;

/**
 * The sample article of samples/ at the repository root: its title is the page's first line and its body the five
 * paragraphs a person read off the page ({@code extraction.text} of the expected facts).
 */
record SampleArticle(String title, String body) {

    private static final String SAMPLE = Repository.SAMPLE;

    static SampleArticle load() {
        try {
            Path samples = Repository.samples();
            String title = Files.readAllLines(samples.resolve(SAMPLE + ".txt")).get(0).strip();
            JsonNode facts = new ObjectMapper().readTree(Files.readString(samples.resolve(SAMPLE + ".expected.json")));
            return new SampleArticle(title, facts.get("extraction").get("text").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String titleAndBody() {
        return title + "\n\n" + body;
    }
}
