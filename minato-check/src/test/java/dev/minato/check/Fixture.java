package dev.minato.check;

import dev.minato.check.config.CheckConfig;
import dev.minato.manifest.Document;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.YamlReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Reads test manifests and checks them with a fixed "today" (2026-06-01) in the strict profile. */
public final class Fixture {

  public static final Clock TODAY =
      Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

  /** A Deployment that passes every rule; tests change one thing at a time. */
  public static final String WEB =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels: {app: web, minato.dev/migration-policy: duplicate-ok}
      spec:
        replicas: 1
        selector: {matchLabels: {app: web}}
        template:
          metadata:
            labels: {app: web}
          spec:
            terminationGracePeriodSeconds: 30
            securityContext: {runAsNonRoot: true}
            containers:
              - name: app
                image: example/web:1.0
                ports: [{name: http, containerPort: 8080}]
                readinessProbe: {httpGet: {path: /ready, port: http}}
                livenessProbe: {httpGet: {path: /health, port: http}}
                lifecycle: {preStop: {exec: {command: [sleep, "10"]}}}
                resources: {requests: {cpu: 500m, memory: 128Mi}, limits: {memory: 128Mi}}
                securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
      """;

  private Fixture() {}

  public static List<KubeObject> objects(String yaml) {
    try {
      return YamlReader.read("test.yaml", yaml).stream()
          .map(KubeObject::of)
          .flatMap(Optional::stream)
          .toList();
    } catch (ManifestException e) {
      throw new AssertionError(e.located(), e);
    }
  }

  public static CheckResult check(String yaml, CheckConfig config) {
    return new Checker(TODAY).check(objects(yaml), config);
  }

  public static CheckResult check(String yaml) {
    return check(yaml, CheckConfig.defaults().withProfile(Profile.STRICT));
  }

  /** The findings of one rule, strict profile. */
  public static List<Finding> findings(String yaml, String ruleId) {
    return check(yaml).findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
  }

  /** The messages of one rule's findings, strict profile. */
  public static List<String> messages(String yaml, String ruleId) {
    return findings(yaml, ruleId).stream().map(Finding::message).toList();
  }

  /** Reads a document list from a YAML text, for tests that need the documents. */
  public static List<Document> documents(String yaml) throws ManifestException {
    return YamlReader.read("test.yaml", yaml);
  }
}
