package dev.minato.shadow.replay;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.SourcePosition;
import dev.minato.shadow.exchange.Body;
import dev.minato.shadow.exchange.CapturedRequest;
import dev.minato.shadow.exchange.Header;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A HAR file (HTTP Archive 1.2, as browsers and proxies export it): each entry of {@code
 * log.entries} is a request with its method, absolute URL, headers, optional body ({@code
 * postData.text}) and start time. Entries are numbered from 1 in reports; an entry that lacks a
 * method or URL is malformed and skipped.
 */
final class HarSource implements RequestSource {

  /** Headers the client sets itself for the upstream it sends to. */
  private static final Set<String> NOT_REPLAYED =
      Set.of("host", "content-length", "connection", "transfer-encoding", "keep-alive");

  private final Path file;

  HarSource(Path file) {
    this.file = file;
  }

  @Override
  public void read(Reader reader) throws IOException, ManifestException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new ManifestException(
          at == null
              ? SourcePosition.ofSource(file.toString())
              : new SourcePosition(file.toString(), at.getLineNr(), at.getColumnNr()),
          "not a HAR file: " + e.getOriginalMessage());
    }
    JsonNode entries = root == null ? null : root.path("log").get("entries");
    if (entries == null || !entries.isArray()) {
      throw new ManifestException(
          SourcePosition.ofSource(file.toString()),
          "not a HAR file: expected {\"log\": {\"entries\": [...]}}");
    }
    for (int i = 0; i < entries.size(); i++) {
      long number = i + 1;
      JsonNode request = entries.get(i).path("request");
      String method = request.path("method").asText("");
      String url = request.path("url").asText("");
      if (method.isEmpty() || url.isEmpty()) {
        reader.malformed(new Malformed(number, "entry without request.method and request.url"));
        continue;
      }
      String target = EventRequests.pathOf(url);
      if (!target.startsWith("/")) {
        reader.malformed(new Malformed(number, "request.url '" + url + "' is not a URL"));
        continue;
      }
      Optional<Instant> time = time(entries.get(i).path("startedDateTime").asText(""));
      byte[] body =
          request.path("postData").path("text").asText("").getBytes(StandardCharsets.UTF_8);
      reader.request(
          new LoggedRequest(
              number,
              time,
              new CapturedRequest(
                  method.toUpperCase(Locale.ROOT),
                  target,
                  headers(request.path("headers")),
                  Body.of(body, Integer.MAX_VALUE))));
    }
  }

  private static List<Header> headers(JsonNode list) {
    List<Header> headers = new ArrayList<>();
    for (JsonNode header : list) {
      String name = header.path("name").asText("");
      if (!name.isEmpty()
          && !name.startsWith(":")
          && !NOT_REPLAYED.contains(name.toLowerCase(Locale.ROOT))) {
        headers.add(new Header(name, header.path("value").asText("")));
      }
    }
    headers.add(EventRequests.SHADOW_MARK);
    return headers;
  }

  private static Optional<Instant> time(String text) {
    try {
      return text.isEmpty()
          ? Optional.empty()
          : Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
