package dev.minato.shadow.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RouteTemplatesTest {

  @Test
  void numbersBecomeIdPlaceholders() {
    assertThat(RouteTemplates.template("/users/123")).isEqualTo("/users/{id}");
    assertThat(RouteTemplates.template("/users/456/orders/7")).isEqualTo("/users/{id}/orders/{id}");
  }

  @Test
  void uuidsHexIdsAndTokensHaveTheirOwnPlaceholders() {
    assertThat(RouteTemplates.template("/o/0b4cbe5e-3c1a-4f7e-9d2b-6c8f1a2b3c4d"))
        .isEqualTo("/o/{uuid}");
    assertThat(RouteTemplates.template("/blobs/5f2b9c1e0a7d")).isEqualTo("/blobs/{hex}");
    assertThat(RouteTemplates.template("/s/aZ3kLm9QpR7sT1uV2wX4yB")).isEqualTo("/s/{token}");
  }

  @Test
  void wordsStayAndTheQueryIsNotPartOfTheRoute() {
    assertThat(RouteTemplates.template("/users/me?x=1")).isEqualTo("/users/me");
    assertThat(RouteTemplates.template("/cafe/deadline")).isEqualTo("/cafe/deadline");
    assertThat(RouteTemplates.template("")).isEqualTo("/");
    assertThat(RouteTemplates.template("http://h:8080/a/1?q")).isEqualTo("/a/{id}");
  }

  @Test
  void endpointsPastTheLimitAreCountedAsOther() {
    RouteTemplates routes = new RouteTemplates(2);
    assertThat(routes.endpoint("GET", "/a")).isEqualTo(new Endpoint("GET", "/a"));
    assertThat(routes.endpoint("GET", "/b/1")).isEqualTo(new Endpoint("GET", "/b/{id}"));
    assertThat(routes.endpoint("GET", "/c")).isEqualTo(new Endpoint("GET", RouteTemplates.OTHER));
    assertThat(routes.endpoint("GET", "/b/2")).isEqualTo(new Endpoint("GET", "/b/{id}"));
  }

  @Test
  void eachSegmentIsJudgedByTheShapesTheDocumentedPatternsDescribe() {
    // The shapes as the regular expressions docs/shadow.md gives; the code checks them by hand.
    Pattern number = Pattern.compile("-?[0-9]+");
    Pattern uuid =
        Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    Pattern hex = Pattern.compile("(?=.*[0-9])[0-9a-fA-F]{8,}");
    Pattern token = Pattern.compile("(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9_-]{20,}");
    String alphabet = "0123456789abcdefABCDEFxyzXYZ-_.~é";
    Random random = new Random(5);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder segment = new StringBuilder();
      int length = random.nextInt(40);
      // Some segments shaped as UUIDs, so that shape is reached as often as the others.
      boolean uuidLike = random.nextInt(8) == 0;
      for (int c = 0; c < (uuidLike ? 36 : length); c++) {
        boolean dash = uuidLike && (c == 8 || c == 13 || c == 18 || c == 23);
        segment.append(
            dash && random.nextInt(20) > 0
                ? '-'
                : alphabet.charAt(random.nextInt(uuidLike ? 16 : alphabet.length())));
      }
      String s = segment.toString();
      String expected =
          number.matcher(s).matches()
              ? "{id}"
              : uuid.matcher(s).matches()
                  ? "{uuid}"
                  : hex.matcher(s).matches() ? "{hex}" : token.matcher(s).matches() ? "{token}" : s;
      assertThat(RouteTemplates.template("/a/" + s + "/b"))
          .as(s)
          .isEqualTo("/a/" + expected + "/b");
    }
  }

  @Test
  void emptySegmentsAndTrailingSlashesAreKept() {
    assertThat(RouteTemplates.template("/a//1/")).isEqualTo("/a//{id}/");
    assertThat(RouteTemplates.template("/")).isEqualTo("/");
    assertThat(RouteTemplates.template("/1")).isEqualTo("/{id}");
    assertThat(RouteTemplates.template("1/x")).isEqualTo("{id}/x");
  }
}
