package dev.minato.shadow.route;

import static org.assertj.core.api.Assertions.assertThat;

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
}
