package dev.minato.edge.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.minato.edge.Fixtures;
import dev.minato.manifest.selector.LabelSelector;
import dev.minato.spec.App;
import dev.minato.spec.Expose;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanBuilderTest {

  private static LoadBalancerPlan plan(List<App> apps) throws PlanException {
    return PlanBuilder.withDefaults()
        .build(
            apps,
            "prd",
            Fixtures.nodes("10.0.0.1", "10.0.0.2"),
            Optional.empty(),
            Fixtures.settings("*", 80, "127.0.0.1:8404"));
  }

  @Test
  void everyNodePortAppBecomesABackendWithEveryNodeAsMember() throws Exception {
    LoadBalancerPlan plan = plan(List.of(Fixtures.app("shop", 30080, "")));

    Backend backend = plan.backends().get(0);
    assertThat(backend.app()).isEqualTo("shop");
    assertThat(backend.members())
        .extracting(Member::address)
        .containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(backend.members()).extracting(Member::port).containsOnly(30080);
    assertThat(backend.check().path()).hasValue("/ready");
  }

  @Test
  void aReadinessPathOnASeparatePortFallsBackToATcpCheckUnlessACheckPathIsGiven() throws Exception {
    App separate = Fixtures.app("a", 30001, "", "{readiness: /ready, port: 8081}");
    assertThat(plan(List.of(separate)).backends().get(0).check().path()).isEmpty();
    App explicit = Fixtures.app("b", 30002, ", checkPath: /lb-ping");
    assertThat(plan(List.of(explicit)).backends().get(0).check().path()).hasValue("/lb-ping");
  }

  @Test
  void aReadinessCheckThatIsNotAnHttpGetFallsBackToATcpCheck() throws Exception {
    for (String health : List.of("{type: tcp}", "{type: exec, command: [x]}")) {
      App app = Fixtures.app("a", 30001, "", health);
      assertThat(plan(List.of(app)).backends().get(0).check().path()).as(health).isEmpty();
    }
  }

  @Test
  void keepsTheTrafficPolicy() throws Exception {
    Backend backend =
        plan(List.of(Fixtures.app("shop", 30080, ", externalTrafficPolicy: Local")))
            .backends()
            .get(0);

    assertThat(backend.trafficPolicy()).isEqualTo(Expose.TrafficPolicy.LOCAL);
  }

  @Test
  void namesEveryProblem() throws Exception {
    PlanException e =
        catchThrowableOfType(
            PlanException.class,
            () ->
                PlanBuilder.withDefaults()
                    .build(
                        List.of(
                            Fixtures.app("a", 30080, ", host: x.example.com"),
                            Fixtures.app("b", 30080, ", host: X.example.com")),
                        "stg",
                        Fixtures.nodes("10.0.0.1"),
                        Optional.of(LabelSelector.parse("role=db")),
                        Fixtures.settings("*", 80, "127.0.0.1:8404")));

    assertThat(e.problems())
        .anySatisfy(
            p -> assertThat(p).contains("the inventory is for environment 'prd', not 'stg'"))
        .anySatisfy(p -> assertThat(p).contains("no node matches the selector 'role=db'"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("no app has an environment named 'stg' (environments: prd)"));
  }

  @Test
  void rejectsTwoAppsOnOnePortOrHost() throws Exception {
    PlanException e =
        catchThrowableOfType(
            PlanException.class,
            () ->
                plan(
                    List.of(
                        Fixtures.app("a", 30080, ", host: x.example.com"),
                        Fixtures.app("b", 30080, ", host: X.example.com"))));

    assertThat(e.problems())
        .anySatisfy(
            p -> assertThat(p).contains("NodePort 30080 of app 'b' is also claimed by app 'a'"))
        .anySatisfy(
            p -> assertThat(p).contains("host X.example.com of app 'b' is also routed to app 'a'"));
  }
}
