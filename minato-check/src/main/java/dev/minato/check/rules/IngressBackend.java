package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.Rule;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.NameIndex;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An Ingress routes to a Service, and a port of it, that the input holds. A renamed Service or port
 * leaves the route pointing at nothing: the controller answers 503 (or 404) for that host and path,
 * and nothing fails at apply time.
 *
 * <p>Checked only where the input holds Services for the Ingress's application in its namespace
 * (see {@link NameIndex}): an Ingress kept apart from its Services is not reported for missing
 * them.
 */
final class IngressBackend implements Rule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "ingress-backend",
          Severity.ERROR,
          "every Ingress backend names a Service and a port of it that the input holds");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return object.kind().equals("Ingress")
        && (object.group().equals("networking.k8s.io") || object.group().equals("extensions"));
  }

  @Override
  public void check(KubeObject ingress, RuleContext context) {
    NameIndex names = context.inventory().names();
    if (!names.holds(ingress, "Service")) {
      return;
    }
    for (String pointer : backends(ingress)) {
      check(ingress, pointer, context, names);
    }
  }

  /** Every backend's pointer: the default backend, then each rule path's. */
  private static List<String> backends(KubeObject ingress) {
    List<String> pointers = new ArrayList<>();
    for (String field : List.of("/spec/defaultBackend", "/spec/backend")) {
      if (ingress.at(field).isObject()) {
        pointers.add(field);
      }
    }
    JsonNode rules = ingress.at("/spec/rules");
    for (int i = 0; i < rules.size(); i++) {
      JsonNode paths = rules.get(i).path("http").path("paths");
      for (int j = 0; j < paths.size(); j++) {
        String path =
            JsonPointers.child(
                JsonPointers.child(JsonPointers.child("/spec/rules", i) + "/http/paths", j),
                "backend");
        if (ingress.at(path).isObject()) {
          pointers.add(path);
        }
      }
    }
    return pointers;
  }

  private static void check(
      KubeObject ingress, String pointer, RuleContext context, NameIndex names) {
    JsonNode backend = ingress.at(pointer);
    // networking.k8s.io/v1 names service.name and service.port.{number|name}; the older
    // extensions and v1beta1 shape names serviceName and servicePort (a number or a name).
    boolean v1 = backend.has("service");
    String namePointer = pointer + (v1 ? "/service/name" : "/serviceName");
    String name = ingress.at(namePointer).asText("");
    if (name.isEmpty()) {
      return; // a resource backend, or a backend the API server refuses anyway
    }
    JsonNode port = v1 ? backend.path("service").path("port") : backend.path("servicePort");
    String portPointer;
    String portText;
    boolean byName;
    if (v1) {
      byName = port.has("name");
      portPointer = pointer + (byName ? "/service/port/name" : "/service/port/number");
      portText = port.path(byName ? "name" : "number").asText("");
    } else {
      portPointer = pointer + "/servicePort";
      portText = port.asText("");
      byName = !portText.isEmpty() && !portText.chars().allMatch(Character::isDigit);
    }
    String route = route(ingress, pointer);
    Optional<KubeObject> service = names.find(ingress, "Service", name);
    if (service.isEmpty()) {
      List<String> known = names.names(ingress, "Service");
      context.report(
          ingress,
          namePointer,
          ingress.key()
              + " routes "
              + route
              + " to Service '"
              + name
              + "', which is not in "
              + where(ingress)
              + " (Services there: "
              + ReferenceExists.listed(known)
              + ")"
              + Suggestions.didYouMean(name, known)
              + "; the controller answers every request there with an error");
      return;
    }
    if (portText.isEmpty() || service.get().at("/spec/type").asText("").equals("ExternalName")) {
      return; // an ExternalName Service forwards to a host name; its ports are optional
    }
    List<String> declared = new ArrayList<>();
    for (JsonNode servicePort : service.get().at("/spec/ports")) {
      String candidate = servicePort.path(byName ? "name" : "port").asText("");
      if (candidate.equals(portText)) {
        return;
      }
      declared.add(portLabel(servicePort));
    }
    context.report(
        ingress,
        portPointer,
        ingress.key()
            + " routes "
            + route
            + " to port "
            + (byName ? "'" + portText + "'" : portText)
            + " of "
            + service.get().key()
            + ", which has no such port (ports: "
            + (declared.isEmpty() ? "none" : String.join(", ", declared))
            + ")"
            + (byName
                ? Suggestions.didYouMean(
                    portText, declared.stream().map(p -> p.replaceFirst("=.*", "")).toList())
                : "")
            + "; the controller answers every request there with an error");
  }

  /** {@code host/path} of a rule's backend, or "its default backend". */
  private static String route(KubeObject ingress, String pointer) {
    if (!pointer.startsWith("/spec/rules/")) {
      return "its default backend";
    }
    String rule = pointer.substring(0, pointer.indexOf("/http/"));
    String path = pointer.substring(0, pointer.lastIndexOf("/backend"));
    String host = ingress.at(rule + "/host").asText("");
    return (host.isEmpty() ? "*" : host) + ingress.at(path + "/path").asText("/");
  }

  private static String portLabel(JsonNode servicePort) {
    String name = servicePort.path("name").asText("");
    String number = servicePort.path("port").asText("?");
    return name.isEmpty() ? number : name + "=" + number;
  }

  static String where(KubeObject object) {
    return object.namespace().isEmpty()
        ? "the input"
        : "namespace '" + object.namespace() + "' of the input";
  }
}
