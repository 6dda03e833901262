package dev.minato.spec.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.spec.Scheduling;
import dev.minato.spec.Toleration;
import dev.minato.spec.TopologySpread;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Binds the scheduling fields of a spec: {@code nodeSelector}, {@code tolerations}, {@code
 * priorityClassName} and {@code topologySpread}. Each is checked as the API server would check it,
 * so a mistake points at the spec line instead of failing at apply time.
 */
final class SchedulingBinder {

  private final Diagnostics diagnostics;

  SchedulingBinder(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  Scheduling bind(Section spec) {
    Map<String, String> nodeSelector = spec.stringMap("nodeSelector");
    nodeSelector.forEach(
        (key, value) -> {
          if (!Names.LABEL_KEY.matcher(key).matches() || key.length() > 316) {
            spec.error("nodeSelector", "'" + key + "' is not a label key, e.g. disktype");
          }
          if (!Names.labelValue(value)) {
            spec.error(
                "nodeSelector",
                "'"
                    + value
                    + "' (for "
                    + key
                    + ") is not a label value: up to 63 letters, digits, '-', '_' or '.'");
          }
        });
    List<Toleration> tolerations = new ArrayList<>();
    for (Section t : spec.sectionList("tolerations")) {
      toleration(t).ifPresent(tolerations::add);
    }
    Optional<String> priorityClass = spec.string("priorityClassName");
    priorityClass
        .filter(p -> !Names.dnsSubdomain(p))
        .ifPresent(
            p ->
                spec.error(
                    "priorityClassName",
                    "'"
                        + p
                        + "' is not a PriorityClass name: lower-case letters, digits, '-', '.'"));
    return new Scheduling(
        nodeSelector, List.copyOf(tolerations), priorityClass, topologySpread(spec));
  }

  private Optional<Toleration> toleration(Section t) {
    int before = diagnostics.size();
    Optional<String> key = t.string("key");
    Toleration.Operator operator =
        t.choice(
                "operator",
                SpecBinder.spellings(Toleration.Operator.values(), Toleration.Operator::spelling))
            .orElse(Toleration.Operator.EQUAL);
    Optional<String> value = t.string("value");
    Optional<Toleration.Effect> effect =
        t.choice(
            "effect",
            SpecBinder.spellings(Toleration.Effect.values(), Toleration.Effect::spelling));
    Optional<JsonNode> rawSeconds = t.raw("tolerationSeconds");
    OptionalLong seconds = OptionalLong.empty();
    if (rawSeconds.isPresent()) {
      if (rawSeconds.get().isIntegralNumber() && rawSeconds.get().canConvertToLong()) {
        seconds = OptionalLong.of(rawSeconds.get().longValue());
      } else {
        t.error(
            "tolerationSeconds",
            "expected a whole number of seconds, found " + Section.describe(rawSeconds.get()));
      }
    }
    key.filter(k -> !Names.LABEL_KEY.matcher(k).matches())
        .ifPresent(k -> t.error("key", "'" + k + "' is not a taint key, e.g. dedicated"));
    if (operator == Toleration.Operator.EXISTS && value.isPresent()) {
      t.error("value", "operator Exists matches any value; remove value, or use operator Equal");
    }
    if (operator == Toleration.Operator.EQUAL && key.isEmpty()) {
      t.errorHere(
          "operator Equal needs a key (only Exists may leave it out, tolerating every taint)");
    }
    value
        .filter(v -> !Names.labelValue(v))
        .ifPresent(v -> t.error("value", "'" + v + "' is not a taint value"));
    if (seconds.isPresent() && effect.orElse(null) != Toleration.Effect.NO_EXECUTE) {
      t.error(
          "tolerationSeconds",
          "tolerationSeconds applies to effect NoExecute (how long a pod stays on a tainted node)");
    }
    t.finish();
    if (diagnostics.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new Toleration(key, operator, value, effect, seconds));
  }

  /** {@code none}, {@code default}, or a list of constraints replacing the default. */
  private static TopologySpread topologySpread(Section spec) {
    Optional<JsonNode> raw = spec.raw("topologySpread");
    if (raw.isEmpty()) {
      return TopologySpread.DEFAULT;
    }
    if (!raw.get().isArray()) {
      Map<String, TopologySpread> forms = new LinkedHashMap<>();
      forms.put("default", TopologySpread.DEFAULT);
      forms.put("none", TopologySpread.NONE);
      return spec.choice("topologySpread", forms).orElse(TopologySpread.DEFAULT);
    }
    List<TopologySpread.Constraint> constraints = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (Section c : spec.sectionList("topologySpread")) {
      Optional<String> key = c.requiredString("topologyKey", TopologySpread.ZONE);
      OptionalInt skew = c.integer("maxSkew", 1, 100);
      TopologySpread.WhenUnsatisfiable when =
          c.choice(
                  "whenUnsatisfiable",
                  SpecBinder.spellings(
                      TopologySpread.WhenUnsatisfiable.values(),
                      TopologySpread.WhenUnsatisfiable::spelling))
              .orElse(TopologySpread.WhenUnsatisfiable.SCHEDULE_ANYWAY);
      key.filter(k -> !Names.LABEL_KEY.matcher(k).matches())
          .ifPresent(
              k ->
                  c.error(
                      "topologyKey",
                      "'" + k + "' is not a node label key, e.g. " + TopologySpread.ZONE));
      key.filter(keys::contains)
          .ifPresent(
              k ->
                  c.error(
                      "topologyKey",
                      k + " is spread over twice; Kubernetes refuses duplicate constraints"));
      c.finish();
      key.ifPresent(
          k -> {
            keys.add(k);
            constraints.add(new TopologySpread.Constraint(k, skew.orElse(1), when));
          });
    }
    if (constraints.isEmpty() && raw.get().isEmpty()) {
      spec.error("topologySpread", "an empty list spreads nothing; write topologySpread: none");
    }
    return new TopologySpread(TopologySpread.Kind.CUSTOM, List.copyOf(constraints));
  }
}
