package io.newsflow.extraction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines a page puts around an article rather than in it, recognised in French, English, Spanish, Portuguese,
 * Italian, German and Arabic. Every method takes a label (whitespace already collapsed) folded with {@link Folded}.
 */
final class Boilerplate {

    /** Related-article titles are headlines; a teaser or a body sentence is longer or ends like a sentence. */
    private static final int MAX_TITLE_LENGTH = 140;
    /** Follow and share lines are short calls to action; a longer line mentioning a network is prose. */
    private static final int MAX_SOCIAL_LENGTH = 160;
    private static final int MAX_SITE_NAME_WORDS = 3;

    private static final String END = Folded.END_OF_WORD;

    private static final String RELATED_PREFIX = Folded.anyOf("à lire", "à lire aussi", "à lire également",
            "lire aussi", "lire également", "voir aussi", "read also", "also read", "read more", "see also",
            "lee también", "lea también", "leer también", "ver también", "leia também", "leia mais", "veja também",
            "leggi anche", "vedi anche", "lesen sie auch", "lesen sie mehr", "mehr zum thema", "auch interessant",
            "اقرأ أيضا", "طالع أيضا", "شاهد أيضا");

    private static final String END_MARKER = Folded.anyOf("aller plus loin", "pour aller plus loin",
            "ces articles devraient vous intéresser", "sur le même sujet", "sur le même thème",
            "dans la même rubrique", "articles similaires", "articles liés", "les plus lus",
            "related articles", "related stories", "related content", "you may also like", "you might also like",
            "more on this", "more on this story", "more stories", "most read", "recommended for you",
            "noticias relacionadas", "te puede interesar", "también te puede interesar", "lo más leído",
            "más noticias", "mais lidas", "notícias relacionadas", "você pode gostar", "veja mais",
            "articoli correlati", "potrebbe interessarti", "potrebbe interessarti anche", "più letti",
            "das könnte sie auch interessieren", "weitere artikel", "meistgelesen",
            "مقالات ذات صلة", "أخبار ذات صلة", "الأكثر قراءة", "قد يهمك", "قد يهمك أيضا");

    private static final String TAG_LABEL = Folded.anyOf("sujets associés", "mots-clés", "mots-clefs", "tags", "tag",
            "étiquettes", "thèmes", "thématiques", "related topics", "topics", "keywords", "temas", "etiquetas",
            "palabras clave", "tópicos", "assuntos", "tags relacionados", "schlagwörter", "schlagworte",
            "stichwörter", "themen", "argomenti", "parole chiave", "tag correlati",
            "الكلمات المفتاحية", "كلمات مفتاحية", "الوسوم", "وسوم");

    private static final String NETWORK = Folded.anyOf("google news", "google actualités", "google noticias",
            "google notícias", "google nachrichten", "whatsapp", "telegram", "facebook", "twitter", "instagram",
            "linkedin", "youtube", "tiktok", "threads", "flipboard", "bluesky", "mastodon", "snapchat", "pinterest",
            "messenger", "viber", "واتساب", "واتس اب", "تيليجرام", "تلغرام", "تليجرام", "فيسبوك", "فيس بوك",
            "تويتر", "إنستغرام", "انستغرام", "يوتيوب", "تيك توك", "جوجل نيوز", "غوغل نيوز", "أخبار جوجل");

    /** Channels that only count as boilerplate behind a call to follow: "La newsletter du ministère" is news. */
    private static final String CHANNEL = Folded.anyOf("newsletter", "infolettre", "lettre d'information",
            "boletín", "notifications", "notificaciones", "notificações", "notifiche", "النشرة البريدية");

    private static final String FOLLOW = Folded.anyOf("suivez", "suivre", "rejoignez", "abonnez-vous",
            "inscrivez-vous", "follow", "join", "subscribe", "sign up", "síguenos", "sigue", "síganos", "siga",
            "segue", "únete", "suscríbete", "seguici", "segui", "iscriviti", "folgen sie", "folgen", "folge", "folgt",
            "abonnieren sie", "abonnieren", "abonniere", "تابعونا", "تابعوا", "تابعنا", "تابع", "انضم", "اشترك");

    private static final String SHARE = Folded.anyOf("partager", "partagez", "share", "compartir", "comparte",
            "compartilhar", "compartilhe", "condividi", "teilen", "شارك", "مشاركة");

    private static final String THIS_ARTICLE = Folded.anyOf("cet article", "l'article", "this article",
            "this story", "the article", "este artículo", "la noticia", "esta notícia", "este artigo",
            "l'articolo", "questo articolo", "den artikel", "diesen artikel", "artikel", "المقال", "هذا المقال",
            "الخبر");

    private static final String ON = Folded.anyOf("sur", "on", "en", "no", "na", "em", "su", "auf", "bei", "via",
            "على");

    private static final Set<String> NOT_A_SITE = Folded.setOf(
            "nous", "us", "uns", "ci", "nos", "me", "sur", "on", "en", "no", "na", "em", "su", "auf", "bei", "via",
            "على");

    private static final Set<String> ADVERT = Folded.setOf("publicité", "advertisement", "advertising", "sponsored",
            "sponsorisé", "anuncio", "publicidad", "publicidade", "pubblicità", "anzeige", "werbung", "إعلان");

    private static final Pattern END_MARKER_LINE = Pattern.compile(
            "^(?:" + END_MARKER + "|" + RELATED_PREFIX + ")\\s*[:：]?$");
    private static final Pattern RELATED_LINK = Pattern.compile(
            "^" + RELATED_PREFIX + END + "\\s*(?<separator>[:：|>»›–—-]\\s*)?(?<title>\\S.*)$");
    private static final Pattern TAG_LINE = Pattern.compile(
            "^" + TAG_LABEL + END + "\\s*(?:[:：]\\s*(?<tags>.*))?$");
    private static final Pattern TAG_SEPARATOR = Pattern.compile("\\s+[-–—·•|]\\s+|\\s*[,;،؛]\\s*");
    private static final String CALL = "(?:" + FOLLOW + "|" + SHARE + ")" + END;
    private static final String WORD_START = "(?<![\\p{L}\\p{N}])";

    /** "Suivez-nous sur Instagram !", "Share on WhatsApp", "Abonnez-vous à notre newsletter". */
    private static final Pattern CALL_FIRST = Pattern.compile(
            "^" + CALL + ".*" + WORD_START + "(?:" + NETWORK + "|" + CHANNEL + ")" + END);
    /**
     * A call inside a widget line, "Bladi.net Google News Suivez bladi.net sur Google News", or verb last as in
     * German, "Auf Facebook teilen". A headline such as "Biden to join TikTok" has no "on" and stays.
     */
    private static final Pattern CALL_INSIDE = Pattern.compile(WORD_START + CALL + "(?:\\s+\\S+){0,3}?\\s+" + ON
            + "\\s+" + NETWORK + END + "|" + WORD_START + ON + "\\s+" + NETWORK + "\\s+" + CALL + "$");
    private static final Pattern SHARE_THIS = Pattern.compile(
            "^(?:" + THIS_ARTICLE + "\\s+)?" + SHARE + END + "(?:\\s+" + THIS_ARTICLE + ")?\\s*[:：]?$");
    private static final Pattern NETWORK_ALONE = Pattern.compile("^" + NETWORK + "$");
    private static final Pattern COPYRIGHT = Pattern.compile("^(?:©|\\(c\\)|copyright" + END + ")");
    private static final Pattern STARTS_WITH_CALL = Pattern.compile("^" + CALL);
    private static final Pattern SITE_BEFORE_NETWORK = Pattern.compile("^(?<site>\\S+(?:\\s+\\S+){0,"
            + (MAX_SITE_NAME_WORDS - 1) + "}?)\\s+(?:" + ON + "\\s+)?" + NETWORK + END);
    private static final Pattern SITE_AFTER_FOLLOW = Pattern.compile(FOLLOW + "\\s+(?<site>\\S+(?:\\s+\\S+){0,"
            + (MAX_SITE_NAME_WORDS - 1) + "}?)\\s+" + ON + "\\s+" + NETWORK + END);
    private static final Pattern DOMAIN = Pattern.compile("\\S+\\.\\p{L}{2,}");

    private Boilerplate() {
    }

    /** A heading after which the page lists other articles, such as "Aller plus loin" or a lone "Read also". */
    static boolean isEndMarker(Folded line) {
        return END_MARKER_LINE.matcher(line.text()).matches();
    }

    /** The title in an inline link such as "A lire : X"; without a separator the rest must read as a title. */
    static Optional<String> relatedLink(Folded line) {
        Matcher m = RELATED_LINK.matcher(line.text());
        if (!m.matches()) {
            return Optional.empty();
        }
        String title = unquote(line.original(m.start("title"), m.end("title")));
        return m.group("separator") != null || isTitleLike(title) ? Optional.of(title) : Optional.empty();
    }

    /** The text after a tag label such as "Sujets associés :", empty when the tags follow on the next lines. */
    static Optional<String> tagLine(Folded line) {
        Matcher m = TAG_LINE.matcher(line.text());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group("tags") == null ? "" : line.original(m.start("tags"), m.end("tags")));
    }

    static List<String> splitTags(String tags) {
        List<String> split = new ArrayList<>();
        for (String tag : TAG_SEPARATOR.split(tags)) {
            String cleaned = tag.strip().replaceFirst("^#", "").replaceFirst("\\.$", "").strip();
            if (!cleaned.isEmpty()) {
                split.add(cleaned);
            }
        }
        return split;
    }

    /** A call to follow or share, or a network's name alone; a sentence that mentions a network is news. */
    static boolean isSocial(Folded line) {
        String text = line.text();
        if (text.length() > MAX_SOCIAL_LENGTH) {
            return false;
        }
        return CALL_FIRST.matcher(text).find() || SHARE_THIS.matcher(text).matches()
                || NETWORK_ALONE.matcher(text).matches()
                || CALL_INSIDE.matcher(text).find() && !text.matches(".*[.!?…]$");
    }

    /** The site a follow line names: "Bladi.net Google News", "Suivez bladi.net sur WhatsApp". */
    static Optional<String> siteName(Folded line) {
        for (Pattern pattern : List.of(SITE_BEFORE_NETWORK, SITE_AFTER_FOLLOW)) {
            Matcher m = pattern.matcher(line.text());
            if (m.find() && !STARTS_WITH_CALL.matcher(m.group("site")).find()
                    && !NOT_A_SITE.contains(m.group("site"))) {
                String site = line.original(m.start("site"), m.end("site"));
                // A name is capitalised, has no case (Arabic) or is a domain; "la communauté" is none of these.
                if (DOMAIN.matcher(site).matches() || !Character.isLowerCase(site.codePointAt(0))) {
                    return Optional.of(site);
                }
            }
        }
        return Optional.empty();
    }

    /** An advert label or a copyright footer: "Publicité", "© 2023 Bladi.net". */
    static boolean isPageFurniture(Folded line) {
        return ADVERT.contains(line.text())
                || line.text().length() <= MAX_SOCIAL_LENGTH && COPYRIGHT.matcher(line.text()).find();
    }

    static boolean isTitleLike(String label) {
        return !label.isEmpty() && label.codePointCount(0, label.length()) < MAX_TITLE_LENGTH
                && !label.endsWith(".") && !label.endsWith("…") && label.codePoints().anyMatch(Character::isLetter);
    }

    /** Links are often quoted: «X», "X", “X”. */
    private static String unquote(String title) {
        String stripped = title.strip();
        if (stripped.length() > 2 && "«\"“„'‘".indexOf(stripped.charAt(0)) >= 0
                && "»\"”“'’".indexOf(stripped.charAt(stripped.length() - 1)) >= 0) {
            return stripped.substring(1, stripped.length() - 1).strip();
        }
        return stripped;
    }
}
