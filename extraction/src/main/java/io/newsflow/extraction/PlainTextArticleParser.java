package io.newsflow.extraction;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads an article pasted or pushed as plain text, the way a page reads when copied from a browser: the title on the
 * first non-blank line, a byline (date, time, section, author) within the next three lines, then paragraphs
 * separated by blank lines. A line break inside a paragraph is a soft wrap, except in a text with no blank line at
 * all, where every line is a paragraph.
 * <p>
 * Inline "A lire : X" links, follow and share lines, tag lines, advert labels and copyright footers are taken out of
 * the body wherever they stand. A heading such as "Aller plus loin" or "Related articles" ends the body: what
 * follows are related articles, headline then teaser, and only the headlines are kept. Stateless and thread-safe.
 */
public final class PlainTextArticleParser {

    /** Sites put the byline right under the title, sometimes after a subtitle or a photo credit. */
    private static final int BYLINE_WINDOW = 3;

    private final HumanDateParser dates = new HumanDateParser();

    /**
     * @param zoneWhenNoOffset the zone the publisher prints local times in, for bylines without an offset
     * @throws IllegalArgumentException when the text has no title or nothing that reads as article body
     */
    public ExtractedArticle parse(String text, ZoneId zoneWhenNoOffset) {
        Objects.requireNonNull(zoneWhenNoOffset, "zoneWhenNoOffset");
        return parse(text, language -> zoneWhenNoOffset);
    }

    /**
     * @param zoneForLanguage the zone for a byline without an offset, given the language its month name is written
     *                        in (null when the date does not tell)
     * @throws IllegalArgumentException when the text has no title or nothing that reads as article body
     */
    public ExtractedArticle parse(String text, Function<String, ZoneId> zoneForLanguage) {
        List<Line> lines = lines(text == null ? "" : text);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(
                    "No title: the text is empty; its first line must be the article title.");
        }
        String title = Whitespace.label(lines.get(0).text());
        Reading reading = new Reading();
        String dateLanguage = null;
        List<Line> rest = lines.subList(1, lines.size());
        for (int i = 0; i < rest.size(); i++) {
            Optional<Byline> byline = i < BYLINE_WINDOW ? Byline.read(rest.get(i).text(), dates) : Optional.empty();
            if (byline.isPresent()) {
                reading.merge(byline.get());
                if (byline.get().date() != null && byline.get().date().offset() == null) {
                    dateLanguage = dates.monthLanguage(rest.get(i).text()).orElse(dateLanguage);
                }
            } else {
                reading.read(rest.get(i));
            }
        }
        reading.endParagraph();
        if (reading.body.isEmpty()) {
            throw new IllegalArgumentException("No body: after the title \"" + title + "\" there is no article "
                    + "paragraph, only a byline, links or page furniture.");
        }
        Byline byline = reading.byline;
        return new ExtractedArticle(title, String.join("\n\n", reading.body), byline.author(),
                byline.date() == null ? null : byline.date().toOffsetDateTime(zoneForLanguage.apply(dateLanguage)),
                byline.date() != null && byline.date().offset() == null, byline.section(), reading.siteName(),
                new ArrayList<>(reading.tags.values()), new ArrayList<>(reading.related.values()));
    }

    private record Line(String text, int paragraph) {
    }

    /** Non-blank lines, numbered by the paragraph (run of lines between blank lines) they belong to. */
    private static List<Line> lines(String text) {
        List<Line> lines = new ArrayList<>();
        int paragraph = 0;
        for (String line : text.split("\\r\\n|\\r|\\n")) {
            if (Whitespace.label(line).isEmpty()) {
                paragraph++;
            } else {
                lines.add(new Line(line, paragraph));
            }
        }
        if (lines.stream().map(Line::paragraph).distinct().count() == 1) {
            List<Line> onePerLine = new ArrayList<>();
            for (Line line : lines) {
                onePerLine.add(new Line(line.text(), onePerLine.size()));
            }
            return onePerLine;
        }
        return lines;
    }

    /** What has been read so far, line after line. */
    private static final class Reading {

        private final List<String> body = new ArrayList<>();
        private final List<String> paragraph = new ArrayList<>();
        private int paragraphNumber = -1;
        /** Keyed by folded text, so that a link repeated with other accents or case is kept once. */
        private final Map<String, String> related = new LinkedHashMap<>();
        private final Map<String, String> tags = new LinkedHashMap<>();
        private final List<String> siteNames = new ArrayList<>();
        private Byline byline = new Byline(null, null, null);
        private boolean inRelatedList;
        private boolean tagsOnNextLine;
        private int tagParagraph = -1;

        void merge(Byline more) {
            byline = new Byline(byline.date() != null ? byline.date() : more.date(),
                    byline.author() != null ? byline.author() : more.author(),
                    byline.section() != null ? byline.section() : more.section());
        }

        void read(Line line) {
            String label = Whitespace.label(line.text());
            Folded folded = Folded.of(label);
            if (tagsOnNextLine || line.paragraph() == tagParagraph) {
                // A lone "Tags" label: its paragraph, or the next one, lists the tags.
                tagParagraph = line.paragraph();
                tagsOnNextLine = false;
                addTags(label);
                return;
            }
            if (Boilerplate.isEndMarker(folded)) {
                endParagraph();
                inRelatedList = true;
                return;
            }
            Optional<String> tagLine = Boilerplate.tagLine(folded);
            if (tagLine.isPresent()) {
                endParagraph();
                tagsOnNextLine = tagLine.get().isBlank();
                tagParagraph = -1;
                addTags(tagLine.get());
                return;
            }
            if (Boilerplate.isSocial(folded)) {
                endParagraph();
                Boilerplate.siteName(folded).ifPresent(siteNames::add);
                return;
            }
            if (Boilerplate.isPageFurniture(folded)) {
                endParagraph();
                return;
            }
            Optional<String> link = Boilerplate.relatedLink(folded);
            if (link.isPresent()) {
                endParagraph();
                related.putIfAbsent(Folded.fold(link.get()), link.get());
                return;
            }
            if (inRelatedList) {
                // Headline then teaser: the teaser is longer or ends like a sentence.
                if (Boilerplate.isTitleLike(label)) {
                    related.putIfAbsent(Folded.fold(label), label);
                }
                return;
            }
            if (line.paragraph() != paragraphNumber) {
                endParagraph();
            }
            paragraph.add(line.text());
            paragraphNumber = line.paragraph();
        }

        void endParagraph() {
            if (!paragraph.isEmpty()) {
                body.add(Whitespace.paragraph(String.join(" ", paragraph)));
                paragraph.clear();
            }
        }

        private void addTags(String line) {
            for (String tag : Boilerplate.splitTags(line)) {
                tags.putIfAbsent(Folded.fold(tag), tag);
            }
        }

        /** The first name a follow line gave, in its capitalised spelling if another line had one. */
        String siteName() {
            if (siteNames.isEmpty()) {
                return null;
            }
            String first = siteNames.get(0);
            return siteNames.stream()
                    .filter(name -> name.equalsIgnoreCase(first) && Character.isUpperCase(name.codePointAt(0)))
                    .findFirst()
                    .orElse(first);
        }
    }
}
