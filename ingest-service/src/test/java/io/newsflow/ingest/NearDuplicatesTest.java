package io.newsflow.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.newsflow.extraction.SimHash;
import io.newsflow.fixtures.Repository;
import io.newsflow.ingest.store.SimHashBuckets;

/**
 * SimHash on real news texts (the sample, and the WikiNews and KPCrowd documents of ../shared when present); the
 * syndicated copies are made from them by the trivial edits that syndication brings.
 */
class NearDuplicatesTest {

    static final int MAX_DISTANCE = 7;

    static List<String> corpus() throws IOException {
        List<String> texts = new ArrayList<>();
        texts.add(Files.readString(Repository.samples().resolve(Repository.SAMPLE + ".txt")));
        for (String set : List.of("WikiNews", "500N-KPCrowd-v1.1")) {
            Optional<Path> found = Repository.evaluationData("keywords/" + set + "/docsutf8");
            if (found.isPresent()) {
                Path dir = found.get();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.sorted().toList()) {
                        String text = Files.readString(file, StandardCharsets.UTF_8);
                        if (SimHash.wordCount(text) >= 50) {
                            texts.add(text);
                        }
                    }
                }
            }
        }
        return texts;
    }

    /** What a syndicating site does to a story: a dateline, a credit, its own typography, two words changed. */
    static String syndicate(String text, Random random) {
        String copy = switch (random.nextInt(3)) {
            case 0 -> "PARIS (AFP) - " + text;
            case 1 -> text + "\n\n© Agence France-Presse. Tous droits réservés.";
            default -> "Publié par notre rédaction.\n\n" + text;
        };
        copy = copy.replace('’', '\'').replace("« ", "\"").replace(" »", "\"").replaceAll("[ \\t]+", " ");
        String[] words = copy.split(" ");
        for (int edits = 0; edits < 2; edits++) {
            // An edit: one word replaced by another word of the same text.
            words[random.nextInt(words.length)] = words[random.nextInt(words.length)];
        }
        return String.join(" ", words);
    }

    @Test
    void recognisesSyndicatedCopiesAndNoDifferentStoryAtTheDefaultThreshold() throws IOException {
        List<String> texts = corpus();
        Random random = new Random(42);
        long[] originals = texts.stream().mapToLong(SimHash::of).toArray();
        int found = 0;
        int copiesFound = 0;
        int falseMatches = 0;
        long pairs = 0;
        for (int i = 0; i < texts.size(); i++) {
            if (SimHash.distance(originals[i], SimHash.of(syndicate(texts.get(i), random))) <= MAX_DISTANCE) {
                found++;
                copiesFound++;
            }
            for (int j = i + 1; j < texts.size(); j++) {
                pairs++;
                // The corpus holds a few stories twice (one agency story filed under two sections): matching those is
                // right, so a match counts as false only when the texts share little of their wording.
                if (SimHash.distance(originals[i], originals[j]) <= MAX_DISTANCE) {
                    if (shingleJaccard(texts.get(i), texts.get(j)) >= 0.5) {
                        found++;
                    } else {
                        falseMatches++;
                    }
                }
            }
        }
        double precision = found + falseMatches == 0 ? 0 : (double) found / (found + falseMatches);
        double recall = (double) copiesFound / texts.size();
        System.out.printf(
                "near-duplicates at distance <= %d: %d texts, %d unrelated pairs, precision %.3f, recall %.3f%n",
                MAX_DISTANCE, texts.size(), pairs, precision, recall);
        assertTrue(precision >= 0.99, "precision " + precision);
        // 0.895 measured: the misses are short texts, where a dateline and two changed words move many features.
        assertTrue(recall >= 0.85, "recall " + recall);
    }

    static double shingleJaccard(String a, String b) {
        Set<String> x = shingles(a);
        Set<String> y = shingles(b);
        Set<String> union = new HashSet<>(x);
        union.addAll(y);
        x.retainAll(y);
        return union.isEmpty() ? 0 : (double) x.size() / union.size();
    }

    static Set<String> shingles(String text) {
        String[] words = SimHash.words(text);
        Set<String> shingles = new HashSet<>();
        for (int i = 0; i + 3 <= words.length; i++) {
            shingles.add(words[i] + " " + words[i + 1] + " " + words[i + 2]);
        }
        return shingles;
    }

    @Test
    void findsThroughTheBandBucketsEveryCopyThatIsWithinTheDistance() throws IOException {
        List<String> texts = corpus();
        Random random = new Random(7);
        List<SimHashBuckets.Candidate> listed = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            listed.add(new SimHashBuckets.Candidate("original-" + i, SimHash.of(texts.get(i)), 0));
        }
        SimHashBuckets.Candidates buckets = SimHashBuckets.Candidates.of(listed);
        int checked = 0;
        for (int i = 0; i < texts.size(); i++) {
            // Copies, and the originals' own texts with more edits, some of which fall beyond the distance.
            for (String text : List.of(syndicate(texts.get(i), random),
                    syndicate(syndicate(texts.get(i), random), random))) {
                long simHash = SimHash.of(text);
                int nearest = listed.stream().mapToInt(c -> SimHash.distance(c.simHash(), simHash)).min().orElseThrow();
                Optional<String> found = buckets.nearest(simHash, MAX_DISTANCE);
                // Pigeonhole: within 7 bits, one of the eight 8-bit bands is equal, so the buckets miss nothing the
                // distance finds, and find nothing it does not.
                assertEquals(nearest <= MAX_DISTANCE, found.isPresent(), "text " + i + " at distance " + nearest);
                found.ifPresent(id -> assertTrue(SimHash.distance(listed.get(Integer.parseInt(id.substring(9)))
                        .simHash(), simHash) <= MAX_DISTANCE));
                checked++;
            }
        }
        assertTrue(checked >= 2);
    }

    @Test
    void keepsEmptyAndShortTextsApart() {
        assertTrue(SimHash.wordCount("Trois mots seulement") < 50);
        assertTrue(SimHash.of("") == 0);
    }
}
