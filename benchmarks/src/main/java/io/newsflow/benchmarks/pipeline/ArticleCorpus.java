package io.newsflow.benchmarks.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.TextNode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.newsflow.extraction.HtmlArticleExtractor;
import io.newsflow.extraction.HtmlExtraction;
import io.newsflow.extraction.SimHash;

/**
 * Distinct, realistic articles for pushing through the whole pipeline, made deterministically from a seed: the same
 * seed, stream and index always give the same article, so every configuration of a side-by-side run enriches the very
 * same texts.
 * <p>
 * ingest-service drops a new text whose 64-bit SimHash over 2-word shingles is within 7 bits of an earlier one's, so
 * no two articles may share most of their word pairs. A JSON article is 10 to 20 sentences drawn at random from every
 * sentence of the WikiNews and 500N-KPCrowd documents ({@code <eval-data>/keywords/<collection>/docsutf8/*.txt}, title
 * on the first line); without them (CI) from the sample article's sentences, each with its words shuffled, since that
 * pool is too small for draws alone to differ. A page is one of the evaluation pages
 * ({@code <eval-data>/article-extraction/html/*.html.gz}) with the words of each paragraph's text shuffled per copy;
 * without them, a plain page around a JSON article.
 */
final class ArticleCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE = "samples/bladi-maroc-israel-cooperation-militaire.txt";
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern SLOT = Pattern.compile("\\[\\[nf-slot-(\\d+)]]");
    // ingest-service never compares shorter texts (newsflow.ingest.near-duplicates.min-words).
    private static final int MIN_COMPARED_WORDS = 50;
    // Two copies of a page closer than this could, among thousands, come within ingest's 7 bits of each other: the
    // page keeps much of its text outside <p> (or its boilerplate outweighs its body) and is left out.
    private static final int MIN_COPY_DISTANCE = 16;

    /** An article as pushed in JSON. */
    record Article(String url, String title, String text, String source) {

        /** The push body; language is left out so that enrich-service detects it, as for most publishers. */
        String json() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("title", title);
            fields.put("text", text);
            fields.put("url", url);
            fields.put("source", source);
            try {
                return JSON.writeValueAsString(fields);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A whole HTML page, UTF-8, pushed with {@code ?url=} its address. */
    record Page(String url, byte[] html) {
    }

    private final List<String> sentences;
    private final boolean sampleOnly;
    private final Path pagesDir;
    private List<PageTemplate> templates;
    private int pageFiles;

    private ArticleCorpus(List<String> sentences, boolean sampleOnly, Path pagesDir) {
        this.sentences = sentences;
        this.sampleOnly = sampleOnly;
        this.pagesDir = pagesDir;
    }

    static ArticleCorpus load(Path repo, Path evalData) throws IOException {
        List<String> sentences = new ArrayList<>();
        Path keywords = evalData.resolve("keywords");
        if (Files.isDirectory(keywords)) {
            List<Path> collections;
            try (Stream<Path> listing = Files.list(keywords)) {
                collections = listing.map(c -> c.resolve("docsutf8")).filter(Files::isDirectory).sorted().toList();
            }
            for (Path docs : collections) {
                List<Path> files;
                try (Stream<Path> listing = Files.list(docs)) {
                    files = listing.filter(f -> f.toString().endsWith(".txt")).sorted().toList();
                }
                for (Path file : files) {
                    // Decoded leniently: one odd byte should not stop a benchmark.
                    String[] titleAndBody = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip()
                            .split("\\R", 2);
                    if (titleAndBody.length == 2) {
                        sentences.addAll(sentences(titleAndBody[1], Locale.ENGLISH));
                    }
                }
            }
        }
        boolean sampleOnly = sentences.isEmpty();
        if (sampleOnly) {
            List<String> lines = Files.readAllLines(repo.resolve(SAMPLE), StandardCharsets.UTF_8);
            // The title, a blank line and the byline come first; the paragraphs follow.
            for (String line : lines.subList(Math.min(3, lines.size()), lines.size())) {
                sentences.addAll(sentences(line, Locale.FRENCH));
            }
        }
        if (sentences.isEmpty()) {
            throw new IllegalStateException("No sentences found under " + keywords + " nor in " + SAMPLE);
        }
        Path pages = evalData.resolve("article-extraction/html");
        return new ArticleCorpus(List.copyOf(sentences), sampleOnly, Files.isDirectory(pages) ? pages : null);
    }

    /** Where the texts and pages come from, for the report. */
    synchronized String describe() {
        String texts = sentences.size() + (sampleOnly ? " sentences of the sample article, words shuffled"
                : " sentences of the keyword evaluation documents");
        if (templates == null) {
            return texts;
        }
        return texts + "; " + (templates.isEmpty() ? "plain pages around generated articles"
                : templates.size() + " of " + pageFiles + " evaluation pages (the others do not make distinct copies)");
    }

    /**
     * The articles of one stream, with addresses {@code urlBase + index}.
     *
     * @param stream names the stream, so that two streams of one seed (a preload and a scenario) never share texts
     */
    Series series(String urlBase, String source, String stream, long seed) {
        return new Series(urlBase, source, seed * 1_000_003L + stream.hashCode());
    }

    /** The articles of one stream; thread-safe, each index computed on its own. */
    final class Series {

        private final String urlBase;
        private final String source;
        private final long seed;

        private Series(String urlBase, String source, long seed) {
            this.urlBase = urlBase;
            this.source = source;
            this.seed = seed;
        }

        /** A news article of 10 to 20 sentences. */
        Article article(int index) {
            return article(index, 10, 20);
        }

        /** A brief of 4 to 6 sentences: cheap to push and enrich, for filling the store. */
        Article brief(int index) {
            return article(index, 4, 6);
        }

        Page page(int index) {
            List<PageTemplate> pages = templates();
            if (pages.isEmpty()) {
                return new Page(urlBase + index, plainPage(article(index)));
            }
            SplittableRandom random = random(index);
            return new Page(urlBase + index, pages.get(random.nextInt(pages.size())).render(random));
        }

        private Article article(int index, int minSentences, int maxSentences) {
            SplittableRandom random = random(index);
            String[] words = sentence(random).split(" ");
            String fragment = String.join(" ", Arrays.copyOf(words, Math.min(words.length, 4 + random.nextInt(6))))
                    .replaceAll("[\\p{Punct}\\s]+$", "");
            return new Article(urlBase + index, fragment + " #" + index, text(random, minSentences, maxSentences),
                    source);
        }

        /** Paragraphs of 2 to 4 sentences, as articles are written. */
        private String text(SplittableRandom random, int minSentences, int maxSentences) {
            int count = minSentences + random.nextInt(maxSentences - minSentences + 1);
            StringBuilder text = new StringBuilder();
            int inParagraph = 0;
            int paragraphLength = 2 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                if (inParagraph == paragraphLength) {
                    text.append("\n\n");
                    inParagraph = 0;
                    paragraphLength = 2 + random.nextInt(3);
                } else if (inParagraph > 0) {
                    text.append(' ');
                }
                text.append(sentence(random));
                inParagraph++;
            }
            return text.toString();
        }

        private String sentence(SplittableRandom random) {
            String sentence = sentences.get(random.nextInt(sentences.size()));
            return sampleOnly ? String.join(" ", shuffled(sentence.split(" "), random)) : sentence;
        }

        /** Its own generator per index, so that article i is the same whichever thread asks, in whatever order. */
        private SplittableRandom random(int index) {
            long z = seed + index * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return new SplittableRandom(z ^ (z >>> 31));
        }
    }

    /** The evaluation pages that make distinct copies, read and checked on first use: only pages need them. */
    private synchronized List<PageTemplate> templates() {
        if (templates == null) {
            try {
                templates = pagesDir == null ? List.of() : readTemplates();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the evaluation pages in " + pagesDir, e);
            }
        }
        return templates;
    }

    /** Reads and checks the pages now, so that it happens before a scenario's clock starts; returns how many. */
    int preparePages() {
        return templates().size();
    }

    private List<PageTemplate> readTemplates() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(pagesDir)) {
            files = listing.filter(f -> f.toString().endsWith(".html.gz")).sorted().toList();
        }
        pageFiles = files.size();
        HtmlArticleExtractor extractor = new HtmlArticleExtractor();
        List<PageTemplate> usable = new ArrayList<>();
        for (Path file : files) {
            Document page;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                // No charset given: jsoup reads it from the BOM or the page's meta, as a browser would.
                page = Jsoup.parse(in, null, "");
            }
            PageTemplate template = PageTemplate.of(file.getFileName().toString(), page);
            if (template != null && template.copiesDiffer(extractor)) {
                usable.add(template);
            }
        }
        return List.copyOf(usable);
    }

    private static byte[] plainPage(Article article) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(Entities.escape(article.title())).append("</title></head><body><article><h1>")
                .append(Entities.escape(article.title())).append("</h1>");
        for (String paragraph : article.text().split("\n\n")) {
            html.append("<p>").append(Entities.escape(paragraph)).append("</p>");
        }
        return html.append("</article></body></html>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> sentences(String text, Locale locale) {
        List<String> found = new ArrayList<>();
        BreakIterator boundaries = BreakIterator.getSentenceInstance(locale);
        boundaries.setText(text);
        int start = boundaries.first();
        for (int end = boundaries.next(); end != BreakIterator.DONE; start = end, end = boundaries.next()) {
            String sentence = SPACES.matcher(text.substring(start, end)).replaceAll(" ").strip();
            int words = sentence.isEmpty() ? 0 : sentence.split(" ").length;
            // Shorter ones are mostly headlines and captions run into the text, longer ones lists glued together.
            if (words >= 5 && words <= 80) {
                found.add(sentence);
            }
        }
        return found;
    }

    private static String[] shuffled(String[] words, SplittableRandom random) {
        String[] copy = words.clone();
        for (int i = copy.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String word = copy[i];
            copy[i] = copy[j];
            copy[j] = word;
        }
        return copy;
    }

    /**
     * A page cut at the words of its paragraphs' text (and of its JSON-LD {@code articleBody}, which the extractor
     * prefers when the markup shows only a teaser): {@code segments} of fixed HTML around {@code order}, the slot of
     * words that goes between each two. A copy is then string appends, cheap enough to make while the clock runs.
     */
    private record PageTemplate(String name, List<String> segments, int[] order, List<String[]> slots) {

        /** Null when the page has no paragraph to shuffle, or a mark did not survive serialisation. */
        static PageTemplate of(String name, Document page) {
            page.charset(StandardCharsets.UTF_8);
            page.outputSettings().prettyPrint(false);
            // Each copy must be its own article: ingest-service prefers a canonical link or og:url to ?url=.
            for (Element link : page.getElementsByTag("link")) {
                if (Arrays.asList(link.attr("rel").toLowerCase(Locale.ROOT).split("\\s+")).contains("canonical")) {
                    link.remove();
                }
            }
            for (Element meta : page.getElementsByTag("meta")) {
                if (Stream.of("property", "name", "itemprop").anyMatch(k -> meta.attr(k).strip()
                        .equalsIgnoreCase("og:url"))) {
                    meta.remove();
                }
            }
            List<String[]> slots = new ArrayList<>();
            for (Element paragraph : page.getElementsByTag("p")) {
                for (Element element : paragraph.getAllElements()) {
                    for (TextNode node : element.textNodes()) {
                        markWords(node, slots);
                    }
                }
            }
            for (Element script : page.getElementsByTag("script")) {
                if (script.attr("type").toLowerCase(Locale.ROOT).contains("ld+json")) {
                    markDeclaredBody(script, slots);
                }
            }
            if (slots.isEmpty()) {
                return null;
            }
            String marked = page.outerHtml();
            List<String> segments = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            Matcher slot = SLOT.matcher(marked);
            int from = 0;
            while (slot.find()) {
                segments.add(marked.substring(from, slot.start()));
                order.add(Integer.parseInt(slot.group(1)));
                from = slot.end();
            }
            segments.add(marked.substring(from));
            if (order.size() != slots.size() || new HashSet<>(order).size() != slots.size()) {
                return null;
            }
            return new PageTemplate(name, List.copyOf(segments), order.stream().mapToInt(Integer::intValue).toArray(),
                    List.copyOf(slots));
        }

        /** The page with each slot's words shuffled by {@code random}, or as they were when it is null. */
        byte[] render(SplittableRandom random) {
            StringBuilder html = new StringBuilder(segments.get(0).length() * 2 + 65_536);
            for (int i = 0; i < order.length; i++) {
                html.append(segments.get(i));
                String[] words = slots.get(order[i]);
                html.append(String.join(" ", random == null ? words : shuffled(words, random)));
            }
            html.append(segments.get(order.length));
            return html.toString().getBytes(StandardCharsets.UTF_8);
        }

        /**
         * Whether two copies read as two different articles with a title and a body, both through ingest-service's
         * own extractor and as its pass-through configuration reads a page (its {@code <title>} and whole text).
         */
        boolean copiesDiffer(HtmlArticleExtractor extractor) {
            String url = "https://bench.newsflow.test/probe/" + name;
            try {
                String first = new String(render(new SplittableRandom(1)), StandardCharsets.UTF_8);
                String second = new String(render(new SplittableRandom(2)), StandardCharsets.UTF_8);
                HtmlExtraction a = extractor.extract(first, url, ZoneOffset.UTC);
                HtmlExtraction b = extractor.extract(second, url, ZoneOffset.UTC);
                Document plainA = Jsoup.parse(first);
                Document plainB = Jsoup.parse(second);
                boolean readable = a.title() != null && !a.title().isBlank() && !a.text().isBlank()
                        && a.canonicalUrl() == null && !plainA.title().isBlank() && plainA.body() != null
                        && plainB.body() != null && !plainA.body().text().isBlank();
                return readable && distinct(a.text(), b.text()) && distinct(plainA.body().text(), plainB.body().text());
            } catch (RuntimeException e) {
                // A page the extractor cannot read is no page to benchmark with.
                return false;
            }
        }

        /**
         * Whether two copies of a page are far enough apart for ingest-service to take them as two articles: their
         * SimHash, ingest's own, at least {@value #MIN_COPY_DISTANCE} bits apart, so that among thousands of copies
         * few pairs come within its 7 bits.
         */
        private static boolean distinct(String a, String b) {
            if (SimHash.wordCount(a) < MIN_COMPARED_WORDS) {
                return true;
            }
            return SimHash.distance(SimHash.of(a), SimHash.of(b)) >= MIN_COPY_DISTANCE;
        }

        private static void markWords(TextNode node, List<String[]> slots) {
            String whole = node.getWholeText();
            String core = whole.strip();
            String[] words = core.isEmpty() ? new String[0] : SPACES.split(core);
            // One word has no order to shuffle; a node marked already holds one word, its mark.
            if (words.length < 2) {
                return;
            }
            int start = whole.indexOf(core);
            String[] escaped = new String[words.length];
            for (int i = 0; i < words.length; i++) {
                escaped[i] = Entities.escape(words[i]);
            }
            node.text(whole.substring(0, start) + mark(slots.size()) + whole.substring(start + core.length()));
            slots.add(escaped);
        }

        private static void markDeclaredBody(Element script, List<String[]> slots) {
            List<DataNode> data = script.dataNodes();
            if (data.isEmpty()) {
                return;
            }
            try {
                JsonNode tree = JSON.readTree(script.data());
                if (tree != null && markBodies(tree, slots)) {
                    // "</" would end the script element early; JSON allows the slash to be escaped.
                    data.get(0).setWholeData(JSON.writeValueAsString(tree).replace("</", "<\\/"));
                    for (DataNode rest : data.subList(1, data.size())) {
                        rest.remove();
                    }
                }
            } catch (JsonProcessingException e) {
                // Left as it is; copiesDiffer tells whether the page still makes distinct copies.
            }
        }

        private static boolean markBodies(JsonNode node, List<String[]> slots) {
            boolean marked = false;
            if (node instanceof ObjectNode object && object.path("articleBody").isTextual()) {
                StringJoiner lines = new StringJoiner("\n");
                for (String line : object.get("articleBody").asText().split("\n", -1)) {
                    String[] words = line.isBlank() ? new String[0] : SPACES.split(line.strip());
                    if (words.length < 2) {
                        lines.add(line);
                        continue;
                    }
                    lines.add(mark(slots.size()));
                    // The words go into a JSON string inside a script element: escaped for both.
                    JsonStringEncoder encoder = JsonStringEncoder.getInstance();
                    slots.add(Arrays.stream(words).map(w -> new String(encoder.quoteAsString(w)).replace("</", "<\\/"))
                            .toArray(String[]::new));
                }
                object.put("articleBody", lines.toString());
                marked = true;
            }
            for (JsonNode child : node) {
                marked |= markBodies(child, slots);
            }
            return marked;
        }

        private static String mark(int slot) {
            return "[[nf-slot-" + slot + "]]";
        }
    }
}
