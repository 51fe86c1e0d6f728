package io.newsflow.extraction.feeds;

import java.io.StringReader;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Verifier;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

import io.newsflow.extraction.Charsets;

/**
 * Reads and writes OPML subscription lists, the format feed readers import and export. Reading flattens folders,
 * keeps only outlines with an absolute {@code xmlUrl} and drops repeats of one; it refuses DTDs like feed parsing
 * does. Writing produces OPML 2.0 in UTF-8.
 */
public final class Opml {

    private Opml() {
    }

    /** @throws FeedException when the document is not well-formed OPML or declares a DTD */
    public static List<OpmlOutline> read(byte[] xml) throws FeedException {
        Document document = SafeXml.parse(new StringReader(Charsets.decode(xml, Charsets.detect(xml, null))),
                "OPML");
        Element root = document.getRootElement();
        Element body = root.getChild("body");
        if (!root.getName().equals("opml") || body == null) {
            throw new FeedException("not OPML: the document is a <" + root.getQualifiedName() + "> without"
                    + " <opml><body>");
        }
        Map<URI, OpmlOutline> outlines = new LinkedHashMap<>();
        collect(body, outlines);
        return List.copyOf(outlines.values());
    }

    public static String write(String title, List<OpmlOutline> outlines) {
        Element head = new Element("head").addContent(new Element("title").setText(xmlSafe(title)));
        Element body = new Element("body");
        for (OpmlOutline outline : outlines) {
            String xmlUrl = outline.xmlUrl().toString();
            // OPML 2.0 requires text; readers show title when there is one.
            Element element = new Element("outline").setAttribute("type", "rss")
                    .setAttribute("text", outline.title() != null ? xmlSafe(outline.title()) : xmlUrl)
                    .setAttribute("xmlUrl", xmlUrl);
            if (outline.title() != null) {
                element.setAttribute("title", xmlSafe(outline.title()));
            }
            if (outline.htmlUrl() != null) {
                element.setAttribute("htmlUrl", outline.htmlUrl().toString());
            }
            if (outline.language() != null) {
                element.setAttribute("language", xmlSafe(outline.language()));
            }
            body.addContent(element);
        }
        Element opml = new Element("opml").setAttribute("version", "2.0").addContent(head).addContent(body);
        return new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).outputString(new Document(opml));
    }

    private static void collect(Element parent, Map<URI, OpmlOutline> outlines) {
        for (Element outline : parent.getChildren("outline")) {
            URI xmlUrl = FeedText.url(outline.getAttributeValue("xmlUrl"), null);
            if (xmlUrl != null) {
                String title = FeedText.blankToNull(outline.getAttributeValue("title"));
                outlines.putIfAbsent(xmlUrl, new OpmlOutline(
                        title != null ? title : FeedText.blankToNull(outline.getAttributeValue("text")), xmlUrl,
                        FeedText.url(outline.getAttributeValue("htmlUrl"), null),
                        FeedText.blankToNull(outline.getAttributeValue("language"))));
            }
            // A folder is an outline with children; a feed may have some too, in lists that nest by topic.
            collect(outline, outlines);
        }
    }

    /** Drops characters XML 1.0 cannot carry at all (control characters), which JDOM would refuse. */
    private static String xmlSafe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(Verifier::isXMLCharacter).forEach(out::appendCodePoint);
        return out.toString();
    }
}
