package dev.minato.load.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook a finished LoadTest is announced to: one POST of Slack-compatible JSON, {@code
 * {"text": "..."}}, which Slack's incoming webhooks, Mattermost and most chat bridges accept. A
 * webhook that fails is reported, never retried: the verdict is in the LoadTest's status anyway.
 */
public final class Notification {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI webhook;
  private final HttpClient client;

  public Notification(URI webhook) {
    this.webhook = webhook;
    this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /** The JSON body posted for {@code text}. */
  public static String body(String text) {
    try {
      return JSON.writeValueAsString(Map.of("text", text));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Posts {@code text}; returns why it failed, or empty when the webhook answered 2xx. */
  public Optional<String> post(String text) {
    HttpRequest request =
        HttpRequest.newBuilder(webhook)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body(text), StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        return Optional.of("the webhook answered " + response.statusCode());
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("the webhook could not be reached: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while posting to the webhook");
    }
  }
}
