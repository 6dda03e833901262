package dev.minato.load.store;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * An STS on 127.0.0.1 for tests, answering {@code AssumeRoleWithWebIdentity} as AWS does: the n-th
 * exchange issues {@code SessionToken} {@code session-token-n} for the configured key, expiring a
 * set time after the clock's instant; or, once told to refuse, STS's XML {@code ErrorResponse}.
 */
public final class LoopbackSts implements AutoCloseable {

  /** One request as received: method, headers of interest, and the decoded form fields. */
  public record Exchange(
      String method, String path, String contentType, boolean signed, Map<String, String> form) {}

  private final HttpServer server;
  private final String accessKeyId;
  private final String secret;
  private final Supplier<Instant> clock;
  private final Duration lifetime;
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private volatile String refusalCode;
  private volatile String refusalMessage;
  private volatile String answerOverride;

  private LoopbackSts(String accessKeyId, String secret, Supplier<Instant> clock, Duration lifetime)
      throws IOException {
    this.accessKeyId = accessKeyId;
    this.secret = secret;
    this.clock = clock;
    this.lifetime = lifetime;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Issues this key with a new session token per exchange, valid {@code lifetime}. */
  public static LoopbackSts start(
      String accessKeyId, String secret, Supplier<Instant> clock, Duration lifetime)
      throws IOException {
    return new LoopbackSts(accessKeyId, secret, clock, lifetime);
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The session token the n-th exchange issues (from 1). */
  public static String sessionToken(int n) {
    return "session-token-" + n;
  }

  /** Answers every later exchange 400 with this error code and message. */
  public void refuse(String code, String message) {
    refusalMessage = message;
    refusalCode = code;
  }

  /** Answers every later exchange 200 with this body instead. */
  public void answer(String xml) {
    answerOverride = xml;
  }

  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> form = new LinkedHashMap<>();
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          form.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      exchanges.add(
          new Exchange(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              exchange.getRequestHeaders().containsKey("Authorization"),
              Map.copyOf(form)));
      if (refusalCode != null) {
        answer(
            exchange,
            400,
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
                + "<Type>Sender</Type><Code>"
                + refusalCode
                + "</Code><Message>"
                + refusalMessage
                + "</Message></Error><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>"
                + "</ErrorResponse>");
        return;
      }
      if (answerOverride != null) {
        answer(exchange, 200, answerOverride);
        return;
      }
      int n = exchanges.size();
      answer(
          exchange,
          200,
          "<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
              + "  <AssumeRoleWithWebIdentityResult>\n"
              + "    <SubjectFromWebIdentityToken>system:serviceaccount:minato-system:"
              + "minato-load-controller</SubjectFromWebIdentityToken>\n"
              + "    <Audience>sts.amazonaws.com</Audience>\n"
              + "    <AssumedRoleUser>\n"
              + "      <Arn>"
              + form.getOrDefault("RoleArn", "")
              + "/"
              + form.getOrDefault("RoleSessionName", "")
              + "</Arn>\n"
              + "      <AssumedRoleId>AROACLKWSDQRAOEXAMPLE:app1</AssumedRoleId>\n"
              + "    </AssumedRoleUser>\n"
              + "    <Credentials>\n"
              + "      <SessionToken>"
              + sessionToken(n)
              + "</SessionToken>\n"
              + "      <SecretAccessKey>"
              + secret
              + "</SecretAccessKey>\n"
              + "      <Expiration>"
              + clock.get().plus(lifetime)
              + "</Expiration>\n"
              + "      <AccessKeyId>"
              + accessKeyId
              + "</AccessKeyId>\n"
              + "    </Credentials>\n"
              + "    <Provider>arn:aws:iam::123456789012:oidc-provider/oidc.eks.example</Provider>\n"
              + "  </AssumeRoleWithWebIdentityResult>\n"
              + "  <ResponseMetadata><RequestId>ad4156e9-bce1-11e2-82e6-6b6efEXAMPLE</RequestId>"
              + "</ResponseMetadata>\n"
              + "</AssumeRoleWithWebIdentityResponse>\n");
    }
  }

  private static void answer(HttpExchange exchange, int status, String xml) throws IOException {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/xml");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
