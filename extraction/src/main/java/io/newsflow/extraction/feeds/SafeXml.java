package io.newsflow.extraction.feeds;

import java.io.IOException;
import java.io.Reader;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.JDOMParseException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaderJDOMFactory;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Parses untrusted XML (feeds, OPML) into JDOM with every DTD refused outright: a document with a DOCTYPE fails
 * before any entity is declared, so neither external entities (XXE: local files, internal URLs) nor nested entity
 * expansion (billion laughs) can happen. Feeds have no use for DTDs; the one casualty is Netscape RSS 0.91 with its
 * DOCTYPE, long dead. The JDK's own parser is used on purpose, since it is known to honour these features, whatever
 * other parser the class path brings.
 */
final class SafeXml {

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";

    private static final XMLReaderJDOMFactory HARDENED = new XMLReaderJDOMFactory() {

        @Override
        public XMLReader createXMLReader() throws JDOMException {
            try {
                SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
                factory.setNamespaceAware(true);
                factory.setValidating(false);
                factory.setXIncludeAware(false);
                // Each of these throws rather than being ignored, so a parser that cannot be hardened is never used.
                factory.setFeature(DISALLOW_DOCTYPE, true);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
                factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
                factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                SAXParser parser = factory.newSAXParser();
                parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
                return parser.getXMLReader();
            } catch (ParserConfigurationException | SAXException e) {
                throw new JDOMException("the XML parser cannot be configured to refuse DTDs", e);
            }
        }

        @Override
        public boolean isValidating() {
            return false;
        }
    };

    private SafeXml() {
    }

    /** @param what names the document in error messages: "feed", "OPML" */
    static Document parse(Reader xml, String what) throws FeedException {
        SAXBuilder builder = new SAXBuilder(HARDENED);
        // JDOM turns external-general-entities back on unless told not to expand entities.
        builder.setExpandEntities(false);
        try {
            return builder.build(xml);
        } catch (JDOMParseException e) {
            String message = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            if (message != null && message.contains("DOCTYPE")) {
                throw new FeedException("refused the " + what + ": it declares a DOCTYPE, and DTDs and entity"
                        + " declarations are not accepted (external entities, entity expansion)", e);
            }
            throw new FeedException("the " + what + " is not well-formed XML (line " + e.getLineNumber() + "): "
                    + message, e);
        } catch (JDOMException | IOException e) {
            throw new FeedException("the " + what + " could not be parsed: " + e.getMessage(), e);
        }
    }
}
