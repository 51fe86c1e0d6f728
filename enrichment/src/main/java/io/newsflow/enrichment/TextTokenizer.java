package io.newsflow.enrichment;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Splits a title and a body into sentences and word tokens, in one pass over the characters and without regular
 * expressions, because it runs on every article.
 *
 * <p>The title is sentence 0. A line break ends a sentence; so does {@code . ! ? … ؟} followed by a space and
 * something that is not a lower-case letter, closing quotes and brackets aside ({@code « Nous sommes prêts ! » a
 * déclaré} is one sentence), unless the dot ends an initial ({@code M. Dupont}) or a usual abbreviation
 * ({@code Gén.}, {@code Mme}); {@code etc.} is no such abbreviation, as it mostly ends a sentence. Words keep
 * inner hyphens, dots and digit commas ({@code maroco-israélienne}, {@code bladi.net}, {@code 1,500}); elided
 * articles ({@code l’}, {@code qu'}, {@code dell’}) become tokens of their own, so {@code l’Israël} counts as
 * {@code Israël}; so do Arabic conjunctions written onto the next word ({@code وإسرائيل}, "and Israel"); in English
 * {@code 's} is split off. Any other punctuation breaks the sentence into blocks that no keyphrase crosses.
 */
final class TextTokenizer {

    static final char DIGITS = 'd';
    static final char UNUSUAL = 'u';
    static final char ACRONYM = 'a';
    static final char PROPER = 'n';
    static final char PLAIN = 'p';

    static final char SOFT_HYPHEN = '\u00AD';
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen",
            "gov", "sen", "rep", "lt", "col", "sgt", "capt", "gén", "mme", "mlle", "mm", "me", "mgr", "sra", "dra",
            "no", "nos", "vs", "inc", "ltd", "corp", "co", "av", "bd", "ste", "cf", "art", "fig", "vol", "ca",
            "approx", "dept");

    /**
     * Word tokens of a text, in order, as parallel arrays. Read-only once tokenised, so that every enricher of an
     * article reads the same instance; only the stems are filled in on first use.
     */
    static final class Tokens {
        final String source;
        /** The code of the profile it was tokenised with; empty for the language-neutral one. */
        final String language;
        private Stemmer stemmer;
        /** Each distinct word is stemmed once: an article repeats its words, and Snowball was 5% of enrichment. */
        private Map<String, String> stemsOfWords;
        int size;
        int sentences;
        /** How many of the sentences are the title's; the body starts at sentence {@code titleSentences}. */
        int titleSentences;
        /** The index of the first token of each sentence, in order; a sentence has at least one token. */
        int[] sentenceStart = new int[16];
        int[] start = new int[64];
        int[] end = new int[64];
        int[] sentence = new int[64];
        /** Punctuation or a sentence start separates this token from the previous one. */
        boolean[] blockStart = new boolean[64];
        /** First word of its sentence, where upper case says nothing. */
        boolean[] initial = new boolean[64];
        /** Sentence-initial, or in a Title Case or all-capitals sentence. */
        boolean[] caseSaysNothing = new boolean[64];
        char[] tag = new char[64];
        boolean[] stop = new boolean[64];
        String[] lower = new String[64];
        /** What the token counts as: its folded lower case, or the token itself where case matters. */
        String[] key = new String[64];
        /** A capitalised stop word: part of a name ({@code New} York) but no keyword alone. */
        boolean[] partOfName = new boolean[64];
        /** An elided article or a possessive, a stop word whatever its case. */
        boolean[] forcedStop = new boolean[64];
        int[] letters = new int[64];

        Tokens(String source, String language) {
            this.source = source;
            this.language = language;
        }

        /** The stem of token {@code k}'s lower case, in the language of the profile; computed once per word. */
        String stem(int k) {
            return stemOf(lower[k]);
        }

        /** The stem of a lower-case word, a token's or a part of a hyphenated one, in the same language. */
        String stemOf(String word) {
            if (stemmer == null) {
                stemmer = Stemmer.of(language);
                stemsOfWords = new HashMap<>();
            }
            return stemsOfWords.computeIfAbsent(word, stemmer::stem);
        }

        private int add(int from, int to, int sentenceIndex, boolean startsBlock, boolean first) {
            if (size == start.length) {
                int capacity = size * 2;
                start = Arrays.copyOf(start, capacity);
                end = Arrays.copyOf(end, capacity);
                sentence = Arrays.copyOf(sentence, capacity);
                blockStart = Arrays.copyOf(blockStart, capacity);
                initial = Arrays.copyOf(initial, capacity);
                caseSaysNothing = Arrays.copyOf(caseSaysNothing, capacity);
                tag = Arrays.copyOf(tag, capacity);
                stop = Arrays.copyOf(stop, capacity);
                lower = Arrays.copyOf(lower, capacity);
                key = Arrays.copyOf(key, capacity);
                forcedStop = Arrays.copyOf(forcedStop, capacity);
                partOfName = Arrays.copyOf(partOfName, capacity);
                letters = Arrays.copyOf(letters, capacity);
            }
            start[size] = from;
            end[size] = to;
            sentence[size] = sentenceIndex;
            blockStart[size] = startsBlock;
            initial[size] = first;
            caseSaysNothing[size] = first;
            return size++;
        }
    }

    private final LanguageProfile profile;
    private final String source;
    private final int titleEnd;
    private final Tokens tokens;
    private int sentence;
    private int sentenceFirstToken;
    private boolean pendingBreak = true;
    // After a colon, an opening quote or a dash, a capital starts a quotation or an item, not a name.
    private boolean afterOpener;

    private TextTokenizer(LanguageProfile profile, String title, String body) {
        this.profile = profile;
        this.source = title + "\n\n" + body;
        this.titleEnd = title.length();
        this.tokens = new Tokens(source, profile.code);
    }

    static Tokens tokenize(String title, String body, LanguageProfile profile) {
        TextTokenizer tokenizer = new TextTokenizer(profile, title == null ? "" : title, body == null ? "" : body);
        tokenizer.run();
        return tokenizer.tokens;
    }

    private void run() {
        int n = source.length();
        int i = 0;
        while (i < n) {
            char c = source.charAt(i);
            if (isWordChar(c)) {
                i = word(i);
            } else if (c == '\n' || c == '\r') {
                endSentence();
                i++;
            } else {
                if (!Character.isWhitespace(c)) {
                    pendingBreak = true;
                    afterOpener = isOpener(c);
                    if (i > titleEnd && endsSentence(i)) {
                        endSentence();
                    }
                }
                i++;
            }
        }
        endSentence();
        tokens.sentences = sentence;
    }

    private int word(int from) {
        int n = source.length();
        int wordStart = from;
        int j = from;
        while (j < n) {
            char ch = source.charAt(j);
            if (isWordChar(ch)) {
                j++;
                continue;
            }
            if (j == wordStart || j + 1 >= n || !isWordChar(source.charAt(j + 1))) {
                break;
            }
            char next = source.charAt(j + 1);
            if (isApostrophe(ch)) {
                if (profile.elisions.contains(lowerCase(wordStart, j))) {
                    emit(wordStart, j + 1, true);
                    wordStart = j + 1;
                } else if (profile.possessiveS && (next == 's' || next == 'S')
                        && (j + 2 >= n || !isWordChar(source.charAt(j + 2)))) {
                    emit(wordStart, j, false);
                    emit(j, j + 2, true);
                    return j + 2;
                }
                j++;
            } else if (isHyphen(ch) || ch == '.'
                    || ch == '&' && Character.isUpperCase(source.charAt(j - 1)) && Character.isUpperCase(next)
                    || ch == ',' && Character.isDigit(source.charAt(j - 1)) && Character.isDigit(next)) {
                j++;
            } else {
                break;
            }
        }
        if (profile.conjunctionLength(lowerCase(wordStart, j)) > 0) {
            emit(wordStart, wordStart + 1, true);
            wordStart++;
        }
        emit(wordStart, j, false);
        return j;
    }

    private void emit(int from, int to, boolean forcedStop) {
        StringBuilder lower = new StringBuilder(to - from);
        int letters = 0;
        int digits = 0;
        int upper = 0;
        boolean firstUpper = false;
        for (int k = from; k < to; k++) {
            char c = source.charAt(k);
            if (c == SOFT_HYPHEN) {
                continue;
            }
            if (Character.isLetter(c)) {
                if (Character.isUpperCase(c)) {
                    firstUpper |= letters == 0;
                    upper++;
                }
                letters++;
            } else if (Character.isDigit(c)) {
                digits++;
            }
            lower.append(isApostrophe(c) ? '\'' : Character.toLowerCase(c));
        }
        int previous = tokens.size - 1;
        boolean first = previous < sentenceFirstToken || afterOpener
                || tokens.forcedStop[previous] && tokens.end[previous] == from && tokens.initial[previous];
        int index = tokens.add(from, to, sentence, pendingBreak, first);
        pendingBreak = false;
        afterOpener = false;
        String word = lower.toString();
        char tag;
        if (letters == 0) {
            tag = digits > 0 ? DIGITS : UNUSUAL;
        } else if (upper == letters && (letters > 1 || digits > 0)) {
            tag = ACRONYM;
        } else if (firstUpper && !first) {
            tag = PROPER;
        } else {
            tag = PLAIN;
        }
        tokens.tag[index] = tag;
        tokens.forcedStop[index] = forcedStop;
        tokens.lower[index] = word;
        tokens.letters[index] = letters;
        classify(index, forcedStop);
    }

    /**
     * Capitals mid-sentence keep a name apart from its lower-case homonym, so {@code US}, {@code UE}, {@code New}
     * (York), {@code Le} (Caire) and {@code Xi} (Jinping) are words of their own, never stop words; every other
     * form of a word shares one key, its folded lower case.
     */
    private void classify(int k, boolean forcedStop) {
        String word = tokens.lower[k];
        boolean stopWord = tokens.letters[k] < 3 || profile.isStopWord(word);
        boolean keepsCase = !forcedStop
                && (tokens.tag[k] == ACRONYM || tokens.tag[k] == PROPER && stopWord);
        tokens.stop[k] = forcedStop || stopWord && !keepsCase;
        tokens.key[k] = keepsCase ? source.substring(tokens.start[k], tokens.end[k])
                : tokens.stop[k] ? word : profile.fold(word);
        tokens.partOfName[k] = stopWord && keepsCase && tokens.tag[k] == PROPER;
    }

    /**
     * Upper case is evidence of a name only in running text: a title in Title Case or a sentence in capitals
     * capitalises every word, so there it is read as plain text.
     */
    private void endSentence() {
        int from = sentenceFirstToken;
        int to = tokens.size;
        if (from == to) {
            pendingBreak = true;
            return;
        }
        int words = 0;
        int capitalised = 0;
        boolean anyLower = false;
        for (int k = from; k < to; k++) {
            if (tokens.letters[k] > 0) {
                anyLower |= tokens.tag[k] != ACRONYM;
                if (!tokens.stop[k]) {
                    words++;
                    capitalised += tokens.tag[k] == PROPER || tokens.tag[k] == ACRONYM || tokens.initial[k]
                            && Character.isUpperCase(source.charAt(tokens.start[k])) ? 1 : 0;
                }
            }
        }
        boolean titleCase = words >= 3 && capitalised * 5 >= words * 4;
        for (int k = from; k < to; k++) {
            tokens.caseSaysNothing[k] |= titleCase || !anyLower;
            if (tokens.tag[k] == PROPER && titleCase || tokens.tag[k] == ACRONYM && !anyLower) {
                tokens.tag[k] = PLAIN;
                classify(k, tokens.forcedStop[k]);
            }
        }
        if (sentence == tokens.sentenceStart.length) {
            tokens.sentenceStart = Arrays.copyOf(tokens.sentenceStart, sentence * 2);
        }
        tokens.sentenceStart[sentence] = from;
        if (tokens.start[from] < titleEnd) {
            tokens.titleSentences = sentence + 1;
        }
        sentence++;
        sentenceFirstToken = to;
        pendingBreak = true;
    }

    private boolean endsSentence(int at) {
        char c = source.charAt(at);
        if (c != '.' && c != '!' && c != '?' && c != '…' && c != '؟') {
            return false;
        }
        int n = source.length();
        int j = at + 1;
        while (j < n && isClosing(source.charAt(j))) {
            j++;
        }
        if (j < n && !Character.isWhitespace(source.charAt(j))) {
            return false;
        }
        // French sets closing quotes apart ("prêts ! » a-t-il dit"): what follows them decides.
        while (j < n && (isClosing(source.charAt(j))
                || Character.isWhitespace(source.charAt(j)) && source.charAt(j) != '\n')) {
            j++;
        }
        if (j < n && Character.isLowerCase(source.charAt(j))) {
            return false;
        }
        return c != '.' || !endsAbbreviation(at);
    }

    private boolean endsAbbreviation(int dot) {
        int last = tokens.size - 1;
        if (last < sentenceFirstToken || tokens.end[last] != dot) {
            return false;
        }
        String word = tokens.lower[last];
        return tokens.letters[last] == 1 && word.length() == 1 || ABBREVIATIONS.contains(word)
                || word.indexOf('.') > 0 && tokens.tag[last] != DIGITS;
    }

    private String lowerCase(int from, int to) {
        char[] chars = new char[to - from];
        for (int k = from; k < to; k++) {
            chars[k - from] = Character.toLowerCase(source.charAt(k));
        }
        return new String(chars);
    }

    static boolean isWordChar(char c) {
        if (Character.isLetterOrDigit(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || c == SOFT_HYPHEN
                || c == '\u200C' || c == '\u200D';
    }

    static boolean isApostrophe(char c) {
        return c == '\'' || c == '’' || c == 'ʼ' || c == '‘';
    }

    private static boolean isHyphen(char c) {
        return c == '-' || c == '‐' || c == '‑';
    }

    private static boolean isOpener(char c) {
        return c == ':' || c == '«' || c == '"' || c == '“' || c == '(' || c == '[' || c == '-' || c == '–'
                || c == '—' || c == '•';
    }

    private static boolean isClosing(char c) {
        return c == '"' || c == '”' || c == '»' || c == '’' || c == ')' || c == ']' || c == '.' || c == '!'
                || c == '?' || c == '…';
    }

    /** The text with its line breaks and runs of spaces made single spaces, and without soft hyphens. */
    static String singleSpaced(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (clean.length() > 0 && clean.charAt(clean.length() - 1) != ' ') {
                    clean.append(' ');
                }
            } else if (c != SOFT_HYPHEN) {
                clean.append(c);
            }
        }
        return clean.toString();
    }
}
