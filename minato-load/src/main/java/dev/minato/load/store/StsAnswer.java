package dev.minato.load.store;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * STS's XML answers, read with the JDK's parser with DTDs and external entities refused: the answer
 * comes from the network, and an entity must never make the parser read a local file or a URL.
 */
final class StsAnswer {

  private StsAnswer() {}

  /**
   * The credentials of an {@code AssumeRoleWithWebIdentityResponse}.
   *
   * @throws IllegalArgumentException when the answer is not XML or lacks a field
   */
  static TemporaryCredentials credentials(String xml) {
    Document document = parse(xml).orElseThrow(() -> new IllegalArgumentException("not XML"));
    String id = text(document, "AccessKeyId");
    String secret = text(document, "SecretAccessKey");
    String token = text(document, "SessionToken");
    String expiration = text(document, "Expiration");
    try {
      return new TemporaryCredentials(
          new Credentials(id, secret, Optional.of(token)), Instant.parse(expiration));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Expiration '" + expiration + "' is not an instant");
    }
  }

  /** {@code " (InvalidIdentityToken: ...)"} from an {@code ErrorResponse}, or nothing. */
  static String error(String xml) {
    Optional<Document> document = parse(xml);
    if (document.isEmpty()) {
      return "";
    }
    Optional<String> code = optionalText(document.get(), "Code");
    Optional<String> message = optionalText(document.get(), "Message");
    return code.map(c -> " (" + c + message.map(m -> ": " + m).orElse("") + ")").orElse("");
  }

  private static String text(Document document, String element) {
    return optionalText(document, element)
        .orElseThrow(() -> new IllegalArgumentException("no " + element));
  }

  private static Optional<String> optionalText(Document document, String element) {
    NodeList nodes = document.getElementsByTagNameNS("*", element);
    if (nodes.getLength() == 0) {
      return Optional.empty();
    }
    String text = nodes.item(0).getTextContent().strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  private static Optional<Document> parse(String xml) {
    try {
      DocumentBuilder builder = factory().newDocumentBuilder();
      builder.setErrorHandler(SILENT);
      return Optional.of(builder.parse(new InputSource(new StringReader(xml))));
    } catch (SAXException | IOException e) {
      return Optional.empty();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser refuses secure processing", e);
    }
  }

  private static DocumentBuilderFactory factory() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    return factory;
  }

  /** Fails on any error instead of the default handler's printing to standard error. */
  private static final ErrorHandler SILENT =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      };
}
