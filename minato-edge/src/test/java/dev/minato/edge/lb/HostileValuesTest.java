package dev.minato.edge.lb;

import static dev.minato.spec.Protocol.GRPC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.minato.edge.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every renderer refuses a plan holding a value that could start a directive, a block or a comment
 * of its own, however the plan was built: this is the last line of defence behind the readers.
 */
class HostileValuesTest {

  /** Each would break out of a value in at least one format, or is invisible in a review. */
  private static final List<String> HOSTILE =
      List.of(
          "\n    server rogue 203.0.113.66:80 check",
          "\r\nrogue",
          ";",
          "{",
          "}",
          "\"",
          "'",
          "#",
          "\u0000",
          "\u2028",
          "\u0085",
          " ",
          "\t",
          "\\",
          "$host");

  /** Where a hostile value can hide in a plan, and the plan with it there. */
  private enum Field {
    NODE_NAME(
        (plan, v) ->
            withMember(plan, m -> new Member(m.name() + v, m.address(), m.port(), m.zone()))),
    NODE_ADDRESS(
        (plan, v) ->
            withMember(plan, m -> new Member(m.name(), m.address() + v, m.port(), m.zone()))),
    NODE_ZONE(
        (plan, v) ->
            withMember(
                plan, m -> new Member(m.name(), m.address(), m.port(), Optional.of("a" + v)))),
    HOST(
        (plan, v) ->
            withBackend(
                plan, b -> backend(b, b.app(), Optional.of("shop.example.com" + v), b.check()))),
    CHECK_PATH(
        (plan, v) ->
            withBackend(
                plan,
                b ->
                    backend(
                        b,
                        b.app(),
                        b.host(),
                        new HealthCheck(
                            Optional.of("/ready" + v),
                            b.check().interval(),
                            b.check().rise(),
                            b.check().fall())))),
    GRPC_SERVICE(
        (plan, v) ->
            withBackend(
                plan,
                b ->
                    grpc(
                        b,
                        new HealthCheck(
                            Optional.of(HealthCheck.GRPC_HEALTH_PATH),
                            b.check().interval(),
                            b.check().rise(),
                            b.check().fall(),
                            Optional.of("shop.v1.Orders" + v))))),
    APP((plan, v) -> withBackend(plan, b -> backend(b, b.app() + v, b.host(), b.check()))),
    ENVIRONMENT(
        (plan, v) ->
            new LoadBalancerPlan(plan.environment() + v, plan.backends(), plan.settings())),
    BIND(
        (plan, v) ->
            withSettings(
                plan,
                new LoadBalancerPlan.Settings(
                    "127.0.0.1" + v, 8080, "127.0.0.1:8404", Optional.of("192.0.2.10")))),
    STATS(
        (plan, v) ->
            withSettings(
                plan,
                new LoadBalancerPlan.Settings(
                    "*", 8080, "127.0.0.1:8404" + v, Optional.of("192.0.2.10")))),
    VIRTUAL_ADDRESS(
        (plan, v) ->
            withSettings(
                plan,
                new LoadBalancerPlan.Settings(
                    "*", 8080, "127.0.0.1:8404", Optional.of("192.0.2.10" + v))));

    private final BiFunction<LoadBalancerPlan, String, LoadBalancerPlan> poison;

    Field(BiFunction<LoadBalancerPlan, String, LoadBalancerPlan> poison) {
      this.poison = poison;
    }
  }

  private static LoadBalancerPlan plan() throws Exception {
    return PlanBuilder.withDefaults()
        .build(
            List.of(Fixtures.app("shop-api", 30080, ", host: shop.example.com")),
            "prd",
            Fixtures.nodes("10.0.1.11", "10.0.1.12"),
            Optional.empty(),
            Fixtures.settings("*", 8080, "127.0.0.1:8404"));
  }

  private static LoadBalancerPlan withBackend(
      LoadBalancerPlan plan, java.util.function.UnaryOperator<Backend> change) {
    return new LoadBalancerPlan(
        plan.environment(), plan.backends().stream().map(change).toList(), plan.settings());
  }

  private static LoadBalancerPlan withMember(
      LoadBalancerPlan plan, java.util.function.UnaryOperator<Member> change) {
    return withBackend(
        plan,
        b ->
            new Backend(
                b.app(),
                b.nodePort(),
                b.trafficPolicy(),
                b.host(),
                b.check(),
                b.members().stream().map(change).toList()));
  }

  /** {@code b} with another app name, host or check. */
  private static Backend backend(Backend b, String app, Optional<String> host, HealthCheck check) {
    return new Backend(app, b.nodePort(), b.trafficPolicy(), host, check, b.members());
  }

  /** {@code b} as a gRPC backend with check {@code c}. */
  private static Backend grpc(Backend b, HealthCheck c) {
    return new Backend(b.app(), b.nodePort(), b.trafficPolicy(), b.host(), c, b.members(), GRPC);
  }

  private static LoadBalancerPlan withSettings(
      LoadBalancerPlan plan, LoadBalancerPlan.Settings settings) {
    return new LoadBalancerPlan(plan.environment(), plan.backends(), settings);
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (LbFormat format : LbFormat.values()) {
      for (Field field : Field.values()) {
        for (String value : HOSTILE) {
          cases.add(Arguments.of(format, field, value));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} [{index}]")
  @MethodSource("cases")
  void everyRendererRefusesAHostileValueInEveryField(LbFormat format, Field field, String value)
      throws Exception {
    LoadBalancerPlan hostile = field.poison.apply(plan(), value);

    PlanException e = catchThrowableOfType(PlanException.class, () -> format.render(hostile));

    assertThat(e).as("%s rendered %s with %s", format, field, value).isNotNull();
    assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).doesNotContain("\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void theSamePlanWithoutHostileValuesRenders(LbFormat format) throws Exception {
    assertThat(format.render(plan())).contains("shop-api");
  }

  static Stream<LbFormat> formats() {
    return Stream.of(LbFormat.values());
  }
}
