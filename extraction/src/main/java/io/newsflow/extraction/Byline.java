package io.newsflow.extraction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.newsflow.extraction.HumanDateParser.ParsedDate;

/**
 * The line under a title that says when, where and by whom, in any order: "18 janvier 2023 - 15h20 - Maroc - Ecrit
 * par : A.T", "By Jane Doe | January 18, 2023 3:20 PM | World". Parts that are neither the date, a time nor the
 * author name the section; of "Monde - Afrique" the first, broader one is kept.
 *
 * @param date    null when the line named only an author
 * @param author  null when the line gave only a date
 * @param section null when every part was a date, a time or the author
 */
record Byline(ParsedDate date, String author, String section) {

    /** Longer lines are prose that happens to contain a date, not a byline. */
    private static final int MAX_LENGTH = 200;
    private static final int MAX_SECTION_LENGTH = 40;
    private static final int MAX_SECTION_WORDS = 5;
    private static final int MAX_AUTHOR_LENGTH = 60;
    private static final int MAX_AUTHOR_WORDS = 6;

    private static final Pattern PARTS = Pattern.compile("\\s+[-–—|·•]\\s+");
    private static final Pattern COMMA = Pattern.compile("\\s*[,،]\\s+");

    private static final Pattern AUTHOR = Pattern.compile("^(?:"
            + Folded.anyOf("écrit", "rédigé", "written", "reported", "escrito", "redactado", "scritto", "geschrieben")
            + "\\s+)?"
            + Folded.anyOf("par", "by", "por", "von", "di", "auteur", "author", "autor", "autora", "autore",
                    "autorin", "بقلم", "كتب", "كتبه", "الكاتب", "إعداد")
            + "(?:\\s*[:：]\\s*|\\s+)(?<name>\\S.*)$");

    static Optional<Byline> read(String line, HumanDateParser dates) {
        String label = Whitespace.label(line);
        if (label.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        ParsedDate date = null;
        String dateText = null;
        String author = null;
        List<String> times = new ArrayList<>();
        List<String> sections = new ArrayList<>();
        for (String part : PARTS.split(label)) {
            Optional<String> name = author(part);
            if (name.isPresent()) {
                author = author == null ? name.get() : author;
                continue;
            }
            Optional<ParsedDate> partDate = date(part, dates);
            if (partDate.isPresent()) {
                // A second date is the "updated" one: the first is the publication.
                if (date == null) {
                    date = partDate.get();
                    dateText = part;
                }
            } else if (dates.isTime(part)) {
                times.add(part);
            } else {
                sections.add(part);
            }
        }
        if (date == null && author == null || !sections.stream().allMatch(Byline::isSectionLike)) {
            return Optional.empty();
        }
        if (date != null && date.time() == null && !times.isEmpty()) {
            date = dates.parse(dateText + " " + times.get(0)).orElse(date);
        }
        return Optional.of(new Byline(date, author, sections.isEmpty() ? null : sections.get(0)));
    }

    /** The date of a part, or of its first piece in "Publié le 18/01/2023 à 15h20, mis à jour le 19/01/2023". */
    private static Optional<ParsedDate> date(String part, HumanDateParser dates) {
        Optional<ParsedDate> whole = dates.parse(part);
        if (whole.isPresent()) {
            return whole;
        }
        String[] pieces = COMMA.split(part);
        boolean allDatesOrTimes = pieces.length > 1
                && Arrays.stream(pieces).allMatch(piece -> dates.parse(piece).isPresent() || dates.isTime(piece));
        return allDatesOrTimes ? dates.parse(pieces[0]) : Optional.empty();
    }

    private static Optional<String> author(String part) {
        Folded folded = Folded.of(part);
        Matcher m = AUTHOR.matcher(folded.text());
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = folded.original(m.start("name"), m.end("name")).strip();
        // "Par ailleurs, ..." opens a sentence; names start with a capital or with a letter that has no case.
        boolean nameLike = name.length() <= MAX_AUTHOR_LENGTH && words(name) <= MAX_AUTHOR_WORDS
                && !Character.isLowerCase(name.codePointAt(0)) && !name.matches(".*[!?…;:]$");
        return nameLike ? Optional.of(name) : Optional.empty();
    }

    private static boolean isSectionLike(String part) {
        return part.length() <= MAX_SECTION_LENGTH && words(part) <= MAX_SECTION_WORDS
                && !part.matches(".*[.!?…:]$") && part.codePoints().anyMatch(Character::isLetter);
    }

    private static int words(String s) {
        return s.split("\\s+").length;
    }
}
