package io.newsflow.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.newsflow.extraction.HumanDateParser.ParsedDate;

/** The real parser on dates written the way news sites print them; nothing faked. */
class HumanDateParserTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final HumanDateParser parser = new HumanDateParser();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # French
            18 janvier 2023 - 15h20                         | 2023-01-18 | 15:20 |
            mercredi 18 janvier 2023 à 15:20                | 2023-01-18 | 15:20 |
            MERCREDI 18 JANVIER 2023 À 15H20                | 2023-01-18 | 15:20 |
            le 18 janv. 2023 à 15 h 20                      | 2023-01-18 | 15:20 |
            Publié le 18 janvier 2023                       | 2023-01-18 |       |
            1er mars 2024                                   | 2024-03-01 |       |
            1er févr. 2024                                  | 2024-02-01 |       |
            15 sept. 2023                                   | 2023-09-15 |       |
            18 decembre 2023                                | 2023-12-18 |       |
            mar. 18 avr. 2023                               | 2023-04-18 |       |
            # English
            Jan. 18, 2023 3:20 pm                           | 2023-01-18 | 15:20 |
            January 18, 2023 at 3:20 PM                     | 2023-01-18 | 15:20 |
            Wednesday, January 18th, 2023                   | 2023-01-18 |       |
            18 January 2023 12:05 a.m.                      | 2023-01-18 | 00:05 |
            Mar 18, 2023                                    | 2023-03-18 |       |
            18-Jan-2023                                     | 2023-01-18 |       |
            # Spanish
            18 de enero de 2023, 15:20                      | 2023-01-18 | 15:20 |
            miércoles, 18 de enero de 2023 a las 15:20      | 2023-01-18 | 15:20 |
            18 ene. 2023                                    | 2023-01-18 |       |
            # German
            18. Januar 2023, 15:20 Uhr                      | 2023-01-18 | 15:20 |
            Mittwoch, 18. Januar 2023 um 15 Uhr             | 2023-01-18 | 15:00 |
            18. Jänner 2023                                 | 2023-01-18 |       |
            3. Dez. 2023                                    | 2023-12-03 |       |
            14. März 2023                                   | 2023-03-14 |       |
            # Portuguese
            18 de janeiro de 2023 às 15h20                  | 2023-01-18 | 15:20 |
            quarta-feira, 18 de janeiro de 2023             | 2023-01-18 |       |
            # Italian
            18 gennaio 2023 ore 15:20                       | 2023-01-18 | 15:20 |
            mercoledì 18 gennaio 2023 alle 15.20            | 2023-01-18 | 15:20 |
            # Arabic: Egyptian and Levantine month names, Arabic-Indic digits
            18 يناير 2023                                   | 2023-01-18 |       |
            18 كانون الثاني 2023                            | 2023-01-18 |       |
            ١٨ يناير ٢٠٢٣                                   | 2023-01-18 |       |
            الأربعاء ١٨ كانون الثاني ٢٠٢٣ الساعة ١٥:٢٠      | 2023-01-18 | 15:20 |
            18 يناير 2023 الساعة 3:20 مساءً                 | 2023-01-18 | 15:20 |
            18 دجنبر 2023م                                  | 2023-12-18 |       |
            # ISO 8601, RFC 1123 and numeric dates
            2023-01-18T15:20:00+01:00                       | 2023-01-18 | 15:20 | +01:00
            2023-01-18T14:20:00.250Z                        | 2023-01-18 | 14:20:00.250 | Z
            2023-01-18 15:20                                | 2023-01-18 | 15:20 |
            2023-01-18                                      | 2023-01-18 |       |
            Wed, 18 Jan 2023 15:20:00 +0100                 | 2023-01-18 | 15:20 | +01:00
            Wed, 18 Jan 2023 14:20:00 GMT                   | 2023-01-18 | 14:20 | Z
            18 Jan 2023 09:20 -0500                         | 2023-01-18 | 09:20 | -05:00
            18/01/2023 15:20                                | 2023-01-18 | 15:20 |
            18.01.2023                                      | 2023-01-18 |       |
            01/18/2023                                      | 2023-01-18 |       |
            """)
    void readsHumanDates(String text, LocalDate date, LocalTime time, ZoneOffset offset) {
        assertEquals(Optional.of(new ParsedDate(date, time, offset)), parser.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("monthNames")
    void readsEveryMonthName(String family, List<String> names) {
        for (int month = 1; month <= 12; month++) {
            String text = "5 " + names.get(month - 1) + " 2024";
            assertEquals(LocalDate.of(2024, month, 5), parser.parse(text).map(ParsedDate::date).orElse(null), text);
        }
    }

    static Stream<Arguments> monthNames() {
        return Stream.of(
                Arguments.of("French", List.of("janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                        "août", "septembre", "octobre", "novembre", "décembre")),
                Arguments.of("French abbreviated", List.of("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.",
                        "aout", "sept.", "oct.", "nov.", "déc.")),
                Arguments.of("English", List.of("January", "February", "March", "April", "May", "June", "July",
                        "August", "September", "October", "November", "December")),
                Arguments.of("English abbreviated", List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                        "Sep", "Oct", "Nov", "Dec")),
                Arguments.of("Spanish", List.of("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
                        "agosto", "septiembre", "octubre", "noviembre", "diciembre")),
                Arguments.of("German", List.of("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                        "September", "Oktober", "November", "Dezember")),
                Arguments.of("German abbreviated", List.of("Jan.", "Feb.", "Mär.", "Apr.", "Mai", "Jun.", "Jul.",
                        "Aug.", "Sep.", "Okt.", "Nov.", "Dez.")),
                Arguments.of("Portuguese", List.of("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
                        "agosto", "setembro", "outubro", "novembro", "dezembro")),
                Arguments.of("Italian", List.of("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
                        "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre")),
                Arguments.of("Arabic, Egypt and Gulf", List.of("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
                        "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")),
                Arguments.of("Arabic, Levant and Iraq", List.of("كانون الثاني", "شباط", "آذار", "نيسان", "أيار",
                        "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول")),
                Arguments.of("Arabic, Algeria and Tunisia", List.of("جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان",
                        "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")),
                Arguments.of("Arabic, Morocco", List.of("يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز",
                        "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر")));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "   ", "Maroc", "Ecrit par : A.T", "18 janvier", "32 janvier 2023", "2023", "15h20",
            "Mai 68", "18 janvier 2023 - Maroc", "Les 16 et 17 janvier 2023", "18 janvier 2023 25:00",
            "25 جمادى الآخرة 1444 هـ"})
    void refusesWhatIsNotAFullDate(String text) {
        assertEquals(Optional.empty(), parser.parse(text));
    }

    @Test
    void refusesNull() {
        assertEquals(Optional.empty(), parser.parse(null));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"15h20", "15:20", "3:20 pm", "15 Uhr", "15.20", "١٥:٢٠"})
    void readsATimeAlone(String text) {
        assertTrue(parser.isTime(text));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"18 janvier 2023", "Maroc", "2023"})
    void doesNotTakeADateOrAWordForATime(String text) {
        assertFalse(parser.isTime(text));
    }

    @Test
    void placesALocalTimeInTheGivenZoneAndKeepsAPrintedOffset() {
        LocalDate winter = LocalDate.of(2023, 1, 18);
        LocalDate summer = LocalDate.of(2023, 7, 18);
        LocalTime time = LocalTime.of(15, 20);

        assertEquals(OffsetDateTime.parse("2023-01-18T15:20+01:00"),
                new ParsedDate(winter, time, null).toOffsetDateTime(PARIS));
        assertEquals(OffsetDateTime.parse("2023-07-18T15:20+02:00"),
                new ParsedDate(summer, time, null).toOffsetDateTime(PARIS));
        assertEquals(OffsetDateTime.parse("2023-01-18T00:00+01:00"),
                new ParsedDate(winter, null, null).toOffsetDateTime(PARIS));
        assertEquals(OffsetDateTime.parse("2023-01-18T15:20-05:00"),
                new ParsedDate(winter, time, ZoneOffset.ofHours(-5)).toOffsetDateTime(PARIS));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "18 janvier 2023 - 15h20|fr",
            "January 18, 2023 at 3:20 PM|en",
            "18. Januar 2023, 15:20 Uhr|de",
            "18 de janeiro de 2023 às 15h20|pt",
            "18 gennaio 2023 ore 15:20|it",
            "18 يناير 2023|ar"})
    void tellsTheLanguageOfAMonthNameOnlyOneLanguageUses(String text, String language) {
        assertEquals(Optional.of(language), parser.monthLanguage(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"18 agosto 2023", "2023-01-18T15:20", "18 Jan 2023"})
    void tellsNoLanguageWhenTheMonthNameIsSharedOrAbsent(String text) {
        assertEquals(Optional.empty(), parser.monthLanguage(text));
    }
}
