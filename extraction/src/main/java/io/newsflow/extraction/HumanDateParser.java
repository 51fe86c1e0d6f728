package io.newsflow.extraction;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates news sites print, in French, English, Spanish, German, Portuguese, Italian and Arabic, plus ISO 8601
 * and RFC 1123. The whole text must be a date: any word that is not a month, weekday, time or connecting word makes
 * it "not a date", which is what lets a byline tell its date part from its section. Numeric dates are read day
 * first, as in every language here but US English, unless only month first makes sense (01/18/2023). A date without a
 * year is refused rather than guessed. Stateless and thread-safe.
 */
public final class HumanDateParser {

    /**
     * @param time   null when the text gave only a day
     * @param offset null when the text gave no offset or zone
     */
    public record ParsedDate(LocalDate date, LocalTime time, ZoneOffset offset) {

        public ParsedDate {
            Objects.requireNonNull(date, "date");
        }

        /** The printed offset if any, else the local date and time (midnight when absent) in the given zone. */
        public OffsetDateTime toOffsetDateTime(ZoneId zoneWhenNoOffset) {
            LocalDateTime local = date.atTime(time == null ? LocalTime.MIDNIGHT : time);
            return offset != null ? local.atOffset(offset) : local.atZone(zoneWhenNoOffset).toOffsetDateTime();
        }
    }

    private static final Map<String, Integer> MONTHS = names(List.of(
            List.of("janvier", "janv", "jan", "january", "enero", "ene", "januar", "jänner", "jän", "janeiro",
                    "gennaio", "gen", "يناير", "جانفي", "كانون الثاني"),
            List.of("février", "févr", "fév", "february", "feb", "febr", "febrero", "februar", "feber", "fevereiro",
                    "febbraio", "فبراير", "فيفري", "شباط"),
            List.of("mars", "march", "mar", "marzo", "märz", "mrz", "março", "مارس", "آذار"),
            List.of("avril", "avr", "april", "apr", "abril", "abr", "aprile", "أبريل", "إبريل", "أفريل", "نيسان"),
            List.of("mai", "may", "mayo", "maio", "maggio", "mag", "مايو", "ماي", "أيار"),
            List.of("juin", "june", "jun", "junio", "juni", "junho", "giugno", "giu", "يونيو", "يونيه", "جوان",
                    "حزيران"),
            List.of("juillet", "juil", "july", "jul", "julio", "juli", "julho", "luglio", "lug", "يوليو", "يوليه",
                    "يوليوز", "جويلية", "تموز"),
            List.of("août", "august", "aug", "agosto", "ago", "أغسطس", "غشت", "أوت", "آب"),
            List.of("septembre", "sept", "sep", "september", "septiembre", "setiembre", "set", "setembro", "settembre",
                    "سبتمبر", "شتنبر", "أيلول"),
            List.of("octobre", "oct", "october", "octubre", "oktober", "okt", "outubro", "out", "ottobre", "ott",
                    "أكتوبر", "تشرين الأول"),
            List.of("novembre", "nov", "november", "noviembre", "novembro", "نوفمبر", "نونبر", "تشرين الثاني"),
            List.of("décembre", "déc", "dec", "december", "diciembre", "dic", "dezember", "dez", "dezembro",
                    "dicembre", "ديسمبر", "دجنبر", "كانون الأول")));

    /**
     * Full month names by the language that spells them so; a name two languages share ("mars" is also Swedish,
     * "agosto" Spanish and Italian and Portuguese) says nothing and is left out.
     */
    private static final Map<String, String> MONTH_LANGUAGES = languages(Map.of(
            "fr", List.of("janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre",
                    "novembre", "décembre"),
            "en", List.of("january", "february", "march", "april", "june", "july", "august", "september", "october",
                    "november", "december"),
            "es", List.of("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                    "octubre", "noviembre", "diciembre"),
            "de", List.of("januar", "februar", "märz", "april", "juni", "juli", "august", "september", "oktober",
                    "november", "dezember"),
            "pt", List.of("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
                    "outubro", "novembro", "dezembro"),
            "it", List.of("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
                    "ottobre", "novembre", "dicembre"),
            "ar", List.of("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
                    "نوفمبر", "ديسمبر", "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
                    "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول")));
    private static final Pattern MONTH_WORD = Pattern.compile(
            "(?<!\\p{L})(" + Folded.anyOf(MONTH_LANGUAGES.keySet().stream()) + ")(?!\\p{L})");

    private static final Set<String> WEEKDAYS = Folded.setOf(
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
            "lun", "mar", "mer", "jeu", "ven", "sam", "dim",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
            "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "mié", "jue", "vie", "sáb", "dom",
            "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
            "mo", "di", "mi", "do", "fr", "sa", "so",
            "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
            "segunda", "terça", "quarta", "quinta", "sexta", "seg", "ter", "qua", "qui", "sex",
            "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica", "gio",
            "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت");

    /** Words that join the parts of a date: "le", "à", "de", "am", "um", "ore", "في"... */
    private static final Set<String> CONNECTORS = Folded.setOf(
            "le", "à", "du", "ce", "vers", "the", "on", "at", "of", "el", "de", "del", "a", "las", "la",
            "am", "um", "den", "vom", "der", "em", "do", "da", "às", "il", "di", "alle", "ore",
            "في", "يوم", "الساعة", "الموافق", "بتاريخ");

    /** Labels in front of a byline date, ignored so that "Publié le 18 janvier 2023" reads as the date. */
    private static final String LABELS = Folded.anyOf("publié", "publiée", "mis à jour", "modifié", "date",
            "published", "posted", "updated", "last updated", "publicado", "actualizado", "atualizado",
            "veröffentlicht", "aktualisiert", "pubblicato", "aggiornato", "نشر", "تاريخ النشر", "آخر تحديث");

    private static final Set<String> HOUR_WORDS = Folded.setOf("uhr", "heures", "horas", "hours", "hrs");
    /** Written without dots: "a.m." and "p.m." are looked up as "am" and "pm". */
    private static final Set<String> AM = Folded.setOf("am", "ص", "صباحا");
    private static final Set<String> PM = Folded.setOf("pm", "م", "مساء", "مساءا");
    /** "am" is also German "on the", and "م" also marks a Gregorian year (2023م): they count only after a time. */
    private static final Set<String> MERIDIEM_ONLY_AFTER_TIME = Folded.setOf("am", "م");

    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})"
            + "(?:[t ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?\\s*(z|[+-]\\d{2}(?::?\\d{2})?)?");

    private static final Pattern TOKEN = Pattern.compile(String.join("|",
            "(?<dayFirst>(?<d1>\\d{1,2})(?<s1>[./-])(?<m1>\\d{1,2})\\k<s1>(?<y1>\\d{4}))(?!\\d)",
            "(?<yearFirst>(?<y2>\\d{4})(?<s2>[./-])(?<m2>\\d{1,2})\\k<s2>(?<d2>\\d{1,2}))(?!\\d)",
            "(?<colon>(?<ch>\\d{1,2}):(?<cm>\\d{2})(?::(?<cs>\\d{2}))?)(?!\\d)",
            "(?<hSign>(?<hh>\\d{1,2}) ?h ?(?<hm>\\d{2})?(?: ?min)?)" + Folded.END_OF_WORD,
            "(?<dot>(?<dh>\\d{1,2})\\.(?<dm>\\d{2}))(?![.\\d])",
            "(?<offset>(?:gmt|utc|ut)(?:[+-]\\d{1,2}(?::?\\d{2})?)?|z|[+-]\\d{2}(?::?\\d{2})?)" + Folded.END_OF_WORD,
            "(?<number>\\d+)(?:(?:er|re|eme|e|st|nd|rd|th|º|ª|°)(?!\\p{L}))?\\.?",
            "(?<month>" + Folded.anyOf(MONTHS.keySet().stream()) + ")\\.?(?!\\p{L})",
            "(?<label>" + LABELS + ")" + Folded.END_OF_WORD,
            "(?<word>\\p{L}[\\p{L}.'-]*)"));

    /** Spaces and punctuation apart, so that the sign in "15:20 -0500" is left to start the offset. */
    private static final Pattern SEPARATOR = Pattern.compile("\\s+|[,;:|/.·•()\\[\\]\"'«»،؛–—-]+");

    public Optional<ParsedDate> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String text = Whitespace.label(Folded.fold(s));
        Matcher iso = ISO.matcher(text);
        if (iso.matches()) {
            return iso(iso);
        }
        return read(text).flatMap(Parts::date);
    }

    /** Whether the whole text is a time of day and nothing else, as in the "15h20" part of a byline. */
    boolean isTime(String s) {
        return read(Whitespace.label(Folded.fold(s))).filter(Parts::isTimeOnly).isPresent();
    }

    private static Optional<ParsedDate> iso(Matcher m) {
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            LocalTime time = null;
            if (m.group(4) != null) {
                int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
                time = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
            }
            return Optional.of(new ParsedDate(date, time, m.group(8) == null ? null : offset(m.group(8))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Parts> read(String text) {
        Parts parts = new Parts();
        Matcher token = TOKEN.matcher(text);
        Matcher separator = SEPARATOR.matcher(text);
        int at = 0;
        while (at < text.length()) {
            // A sign only starts an offset after a time: in "18-Jan-2023" the "-2023" is a separator and a year.
            if (token.region(at, text.length()).lookingAt()
                    && (token.group("offset") == null || parts.hasTime())) {
                if (!parts.add(token)) {
                    return Optional.empty();
                }
                at = token.end();
            } else if (separator.region(at, text.length()).lookingAt()) {
                at = separator.end();
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(parts);
    }

    private static ZoneOffset offset(String text) {
        String zone = text.replaceFirst("^(gmt|utc|ut)", "");
        if (zone.isEmpty() || zone.equals("z")) {
            return ZoneOffset.UTC;
        }
        String[] hoursMinutes = zone.substring(1).split(":");
        String digits = String.join("", hoursMinutes);
        int hours = hoursMinutes.length == 1 && digits.length() <= 2 ? Integer.parseInt(digits)
                : Integer.parseInt(digits.substring(0, digits.length() - 2));
        int minutes = hoursMinutes.length == 1 && digits.length() <= 2 ? 0
                : Integer.parseInt(digits.substring(digits.length() - 2));
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    /** What the tokens of one text said, collected in reading order. */
    /**
     * The language whose month name the text uses, when only one language spells it that way: a hint at where a date
     * without an offset was written. "18 janvier 2023" gives fr.
     */
    public Optional<String> monthLanguage(String s) {
        if (s == null) {
            return Optional.empty();
        }
        Matcher m = MONTH_WORD.matcher(Folded.fold(s));
        return m.find() ? Optional.ofNullable(MONTH_LANGUAGES.get(m.group(1))) : Optional.empty();
    }

    private static final class Parts {

        private enum Last {
            NUMBER, TIME, OTHER
        }

        private final List<Integer> months = new ArrayList<>();
        private final List<Boolean> monthAlsoWeekday = new ArrayList<>();
        private final List<String> numbers = new ArrayList<>();
        private LocalDate numericDate;
        private int[] time;
        private Boolean pm;
        private ZoneOffset offset;
        private Last last = Last.OTHER;

        /** False when the token cannot belong to a date, which makes the whole text "not a date". */
        boolean add(Matcher m) {
            try {
                Last kind = kind(m);
                if (kind == null) {
                    return false;
                }
                last = kind;
                return true;
            } catch (DateTimeException | NumberFormatException e) {
                return false;
            }
        }

        private Last kind(Matcher m) {
            if (m.group("dayFirst") != null || m.group("yearFirst") != null) {
                return numericDate(m) ? Last.OTHER : null;
            }
            if (m.group("colon") != null) {
                return time(m.group("ch"), m.group("cm"), m.group("cs"));
            }
            if (m.group("hSign") != null) {
                return time(m.group("hh"), m.group("hm"), null);
            }
            if (m.group("dot") != null) {
                return time(m.group("dh"), m.group("dm"), null);
            }
            if (m.group("offset") != null) {
                if (offset != null) {
                    return null;
                }
                offset = HumanDateParser.offset(m.group("offset"));
                return Last.OTHER;
            }
            if (m.group("number") != null) {
                numbers.add(m.group("number"));
                return Last.NUMBER;
            }
            if (m.group("month") != null) {
                String name = m.group("month").replaceAll("[\\s-]+", " ");
                months.add(MONTHS.get(name));
                monthAlsoWeekday.add(WEEKDAYS.contains(name));
                return Last.OTHER;
            }
            if (m.group("label") != null) {
                return Last.OTHER;
            }
            return word(m.group("word"));
        }

        private boolean numericDate(Matcher m) {
            if (numericDate != null) {
                return false;
            }
            boolean dayFirst = m.group("dayFirst") != null;
            int year = Integer.parseInt(dayFirst ? m.group("y1") : m.group("y2"));
            int first = Integer.parseInt(dayFirst ? m.group("d1") : m.group("m2"));
            int second = Integer.parseInt(dayFirst ? m.group("m1") : m.group("d2"));
            if (dayFirst) {
                numericDate = second > 12 && first <= 12 ? LocalDate.of(year, first, second)
                        : LocalDate.of(year, second, first);
            } else {
                numericDate = LocalDate.of(year, first, second);
            }
            return true;
        }

        private Last time(String hours, String minutes, String seconds) {
            if (time != null) {
                return null;
            }
            time = new int[] {Integer.parseInt(hours), minutes == null ? 0 : Integer.parseInt(minutes),
                    seconds == null ? 0 : Integer.parseInt(seconds)};
            return Last.TIME;
        }

        private Last word(String word) {
            String key = word.replace(".", "");
            if (HOUR_WORDS.contains(key)) {
                return last == Last.TIME || hourFromLastNumber() ? Last.OTHER : null;
            }
            boolean am = AM.contains(key);
            if (am || PM.contains(key)) {
                if (pm == null && (last == Last.TIME || hourFromLastNumber())) {
                    pm = !am;
                    return Last.TIME;
                }
                return MERIDIEM_ONLY_AFTER_TIME.contains(key) ? Last.OTHER : null;
            }
            return WEEKDAYS.contains(key) || CONNECTORS.contains(key) ? Last.OTHER : null;
        }

        /** "3 pm", "15 Uhr": the number just read was an hour. */
        private boolean hourFromLastNumber() {
            if (last != Last.NUMBER || time != null) {
                return false;
            }
            String number = numbers.get(numbers.size() - 1);
            if (number.length() > 2) {
                return false;
            }
            numbers.remove(numbers.size() - 1);
            time = new int[] {Integer.parseInt(number), 0, 0};
            return true;
        }

        boolean hasTime() {
            return time != null;
        }

        boolean isTimeOnly() {
            return time != null && numericDate == null && months.isEmpty() && numbers.isEmpty();
        }

        Optional<ParsedDate> date() {
            try {
                LocalDate date = numericDate != null ? numericDateAlone() : namedMonthDate();
                return date == null ? Optional.empty() : Optional.of(new ParsedDate(date, localTime(), offset));
            } catch (DateTimeException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        private LocalDate numericDateAlone() {
            return months.isEmpty() && numbers.isEmpty() ? numericDate : null;
        }

        private LocalDate namedMonthDate() {
            Set<Integer> distinct = Set.copyOf(months);
            if (distinct.size() > 1) {
                // "mar." is Tuesday in French, Spanish and Italian as well as March: a second month name settles it.
                List<Integer> kept = new ArrayList<>();
                for (int i = 0; i < months.size(); i++) {
                    if (!monthAlsoWeekday.get(i)) {
                        kept.add(months.get(i));
                    }
                }
                distinct = Set.copyOf(kept);
            }
            if (distinct.size() != 1 || numbers.size() != 2) {
                return null;
            }
            String a = numbers.get(0);
            String b = numbers.get(1);
            String year = a.length() == 4 ? a : b;
            String day = a.length() == 4 ? b : a;
            if (year.length() != 4 || day.length() > 2) {
                return null;
            }
            return LocalDate.of(Integer.parseInt(year), distinct.iterator().next(), Integer.parseInt(day));
        }

        private LocalTime localTime() {
            if (time == null) {
                return null;
            }
            int hour = time[0];
            if (pm != null && hour >= 1 && hour <= 12) {
                hour = pm ? hour % 12 + 12 : hour % 12;
            }
            return LocalTime.of(hour, time[1], time[2]);
        }
    }

    private static Map<String, String> languages(Map<String, List<String>> namesByLanguage) {
        Map<String, String> languages = new HashMap<>();
        Set<String> shared = new HashSet<>();
        namesByLanguage.forEach((language, names) -> names.forEach(name -> {
            String folded = Folded.fold(name);
            if (languages.containsKey(folded) && !languages.get(folded).equals(language)) {
                shared.add(folded);
            }
            languages.put(folded, language);
        }));
        shared.forEach(languages::remove);
        return Map.copyOf(languages);
    }

    private static Map<String, Integer> names(List<List<String>> monthNames) {
        Map<String, Integer> months = new HashMap<>();
        for (int i = 0; i < monthNames.size(); i++) {
            for (String name : monthNames.get(i)) {
                int month = i + 1;
                // Abbreviations are shared across languages; one that meant two months would silently misdate.
                months.merge(Folded.fold(name), month, (known, added) -> {
                    if (!known.equals(added)) {
                        throw new IllegalStateException(name + " names two months: " + known + " and " + added);
                    }
                    return known;
                });
            }
        }
        return Map.copyOf(months);
    }
}
