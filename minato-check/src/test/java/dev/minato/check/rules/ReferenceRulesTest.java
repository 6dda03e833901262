package dev.minato.check.rules;

import static dev.minato.check.Fixture.WEB;
import static dev.minato.check.Fixture.findings;
import static dev.minato.check.Fixture.messages;
import static dev.minato.check.rules.RuleTexts.after;
import static dev.minato.check.rules.RuleTexts.at;
import static dev.minato.check.rules.RuleTexts.suppressed;
import static dev.minato.check.rules.RuleTexts.suppressing;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rules about names one object gives another: Ingress backends, target ports, pod references. */
class ReferenceRulesTest {

  private static final String SERVICE =
      """
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        selector: {app: web}
        ports: [{name: http, port: 80, targetPort: http}]
      """;

  private static final String INGRESS =
      """
      ---
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: web
      spec:
        defaultBackend: {service: {name: web, port: {name: http}}}
        rules:
          - host: shop.example.com
            http:
              paths:
                - path: /cart
                  pathType: Prefix
                  backend: {service: {name: web, port: {number: 80}}}
      """;

  private static final String CONFIG_MAP =
      """
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: web-config
      data: {LOG_LEVEL: info}
      """;

  /** WEB whose container also reads {@code envFrom} (a YAML flow list). */
  private static String webWithEnvFrom(String envFrom) {
    return WEB.replace(
        "          ports: [{name: http, containerPort: 8080}]",
        "          ports: [{name: http, containerPort: 8080}]\n          envFrom: " + envFrom);
  }

  /** WEB with extra fields in its pod spec (YAML lines indented for the pod spec). */
  private static String webWithPodSpec(String lines) {
    return WEB.replace(
        "      terminationGracePeriodSeconds: 30",
        "      terminationGracePeriodSeconds: 30\n" + lines.stripTrailing());
  }

  // ingress-backend

  @Test
  void ingressBackendsNamingAServiceAndPortOfTheInputPass() {
    assertThat(findings(WEB + SERVICE + INGRESS, "ingress-backend")).isEmpty();
  }

  @Test
  void ingressBackendNamingAMissingServiceIsReportedAtTheNameWithASuggestion() {
    String yaml =
        WEB + SERVICE + INGRESS.replace("{name: web, port: {number", "{name: wbe, port: {number");

    assertThat(findings(yaml, "ingress-backend"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .contains(
                      "Ingress/web routes shop.example.com/cart to Service 'wbe'",
                      "(Services there: web)",
                      "did you mean 'web'?");
              assertThat(at(f)).isEqualTo(after(yaml, "backend: {service: {name: "));
            });
  }

  @Test
  void ingressBackendNamingAMissingPortIsReportedByNumberAndByName() {
    String yaml =
        WEB
            + SERVICE
            + INGRESS
                .replace("port: {number: 80}", "port: {number: 8080}")
                .replace("port: {name: http}", "port: {name: htp}");

    assertThat(findings(yaml, "ingress-backend"))
        .extracting(f -> f.message())
        .containsExactly(
            "Ingress/web routes its default backend to port 'htp' of Service/web, which has no"
                + " such port (ports: http=80), did you mean 'http'?; the controller answers"
                + " every request there with an error",
            "Ingress/web routes shop.example.com/cart to port 8080 of Service/web, which has no"
                + " such port (ports: http=80); the controller answers every request there with an"
                + " error");
    assertThat(at(findings(yaml, "ingress-backend").get(1)))
        .isEqualTo(after(yaml, "port: {number: "));
  }

  @Test
  void ingressIsNotCheckedWhereTheInputHoldsNoServiceOfItsNamespace() {
    assertThat(findings(WEB + INGRESS, "ingress-backend")).isEmpty();
    assertThat(
            findings(
                WEB
                    + SERVICE
                    + INGRESS.replace(
                        "  name: web\nspec:", "  name: web\n  namespace: edge\nspec:"),
                "ingress-backend"))
        .isEmpty();
  }

  @Test
  void aKnativeServiceIsNotTakenForAServiceButAnExternalNameServiceNeedsNoPorts() {
    String knative =
        "---\napiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: web\n";
    String external =
        "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n"
            + "spec: {type: ExternalName, externalName: web.example.com}\n";

    assertThat(findings(knative + INGRESS, "ingress-backend")).isEmpty();
    assertThat(
            findings(
                knative + SERVICE.replace("  name: web\n", "  name: api\n") + INGRESS,
                "ingress-backend"))
        .hasSize(2);
    assertThat(findings(external + INGRESS, "ingress-backend")).isEmpty();
  }

  @Test
  void olderIngressShapeWithServiceNameAndServicePortIsChecked() {
    String legacy =
        """
        ---
        apiVersion: networking.k8s.io/v1beta1
        kind: Ingress
        metadata:
          name: old
        spec:
          rules:
            - http:
                paths:
                  - path: /
                    backend: {serviceName: web, servicePort: metrics}
        """;

    assertThat(messages(WEB + SERVICE + legacy, "ingress-backend"))
        .singleElement()
        .asString()
        .contains("routes */ to port 'metrics' of Service/web");
  }

  @Test
  void ingressBackendFindingIsSuppressedByItsAnnotation() {
    String yaml =
        WEB
            + SERVICE
            + suppressing(
                INGRESS.replace("{name: web, port: {number", "{name: gone, port: {number"),
                "ingress-backend",
                "  name: web");

    assertThat(findings(yaml, "ingress-backend")).isEmpty();
    assertThat(suppressed(yaml)).containsExactly("ingress-backend");
  }

  // service-target-port

  @Test
  void namedTargetPortThatTheContainerDeclaresPasses() {
    assertThat(findings(WEB + SERVICE, "service-target-port")).isEmpty();
  }

  @Test
  void namedTargetPortNoContainerDeclaresIsReportedWithWhatIsDeclared() {
    String yaml = WEB + SERVICE.replace("targetPort: http", "targetPort: htp");

    assertThat(findings(yaml, "service-target-port"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .isEqualTo(
                      "Service/web sends port 80 to targetPort 'htp' (TCP), which no container of"
                          + " Deployment/web declares (declared: http=8080), did you mean"
                          + " 'http'?; its pods get no endpoint for this port");
              assertThat(at(f)).isEqualTo(after(yaml, "targetPort: "));
            });
  }

  @Test
  void namedTargetPortWithAnotherProtocolIsReported() {
    String yaml = WEB + SERVICE.replace("targetPort: http}", "targetPort: http, protocol: UDP}");

    assertThat(messages(yaml, "service-target-port"))
        .singleElement()
        .asString()
        .contains("targetPort 'http' (UDP)", "(declared: http=8080)")
        .doesNotContain("did you mean");
  }

  @Test
  void numericTargetPortIsNotChecked() {
    assertThat(
            findings(
                WEB + SERVICE.replace("targetPort: http", "targetPort: 9999"),
                "service-target-port"))
        .isEmpty();
  }

  @Test
  void nativeSidecarDeclaringTheNameCounts() {
    String yaml =
        WEB.replace(
                "      containers:",
                "      initContainers:\n"
                    + "        - {name: proxy, image: envoy:1.30, restartPolicy: Always,"
                    + " ports: [{name: proxy, containerPort: 15001}]}\n"
                    + "      containers:")
            + SERVICE.replace("targetPort: http", "targetPort: proxy");

    assertThat(findings(yaml, "service-target-port")).isEmpty();
  }

  @Test
  void targetPortFindingIsSuppressedByItsAnnotation() {
    String yaml =
        WEB
            + suppressing(
                SERVICE.replace("targetPort: http", "targetPort: web"),
                "service-target-port",
                "  name: web");

    assertThat(findings(yaml, "service-target-port")).isEmpty();
    assertThat(suppressed(yaml)).containsExactly("service-target-port");
  }

  // reference-exists

  @Test
  void configMapMissingWhereTheInputHoldsConfigMapsIsReportedAtItsName() {
    String yaml = webWithEnvFrom("[{configMapRef: {name: web-confg}}]") + CONFIG_MAP;

    assertThat(findings(yaml, "reference-exists"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .isEqualTo(
                      "Deployment/web container 'app' reads its env from ConfigMap 'web-confg',"
                          + " which is not in the input (its ConfigMaps there: web-config), did"
                          + " you mean 'web-config'?; the container never starts"
                          + " (CreateContainerConfigError)");
              assertThat(at(f)).isEqualTo(after(yaml, "{configMapRef: {name: "));
            });
  }

  @Test
  void configMapThatTheInputHoldsPasses() {
    assertThat(
            findings(
                webWithEnvFrom("[{configMapRef: {name: web-config}}]") + CONFIG_MAP,
                "reference-exists"))
        .isEmpty();
  }

  @Test
  void applysInventoryRecordInABackupDoesNotMakeTheInputHoldConfigMaps() {
    String inventory =
        CONFIG_MAP.replace(
            "  name: web-config", "  name: web-prd\n  labels: {minato.dev/inventory-of: web-prd}");
    assertThat(
            findings(
                webWithEnvFrom("[{configMapRef: {name: elsewhere}}]") + inventory,
                "reference-exists"))
        .isEmpty();
  }

  @Test
  void referencesAreNotCheckedWhereTheInputHoldsNoObjectOfThatKind() {
    assertThat(
            findings(
                webWithEnvFrom("[{configMapRef: {name: elsewhere}}, {secretRef: {name: vault}}]"),
                "reference-exists"))
        .isEmpty();
    String otherNamespace =
        CONFIG_MAP.replace("  name: web-config", "  name: web-config\n  namespace: other");
    assertThat(
            findings(
                webWithEnvFrom("[{configMapRef: {name: elsewhere}}]") + otherNamespace,
                "reference-exists"))
        .isEmpty();
  }

  @Test
  void anotherApplicationsConfigMapDoesNotMakeTheInputHoldThisOnes() {
    String rails =
        webWithEnvFrom("[{configMapRef: {name: rails-config}}]")
            .replace(
                "  labels: {app: web, minato.dev/migration-policy: duplicate-ok}",
                "  labels: {app: web, app.kubernetes.io/name: rails}");
    String shopConfig =
        CONFIG_MAP.replace(
            "  name: web-config", "  name: shop-config\n  labels: {app.kubernetes.io/name: shop}");
    String railsConfig =
        CONFIG_MAP.replace(
            "  name: web-config", "  name: rails-files\n  labels: {app.kubernetes.io/name: rails}");

    assertThat(findings(rails + shopConfig, "reference-exists")).isEmpty();
    assertThat(messages(rails + shopConfig + railsConfig, "reference-exists"))
        .singleElement()
        .asString()
        .contains("ConfigMap 'rails-config'", "(its ConfigMaps there: rails-files, shop-config)");
  }

  @Test
  void aHelmReleaseIsOneApplication() {
    String release =
        webWithEnvFrom("[{secretRef: {name: shop-postgresq}}]")
            .replace(
                "  labels: {app: web, minato.dev/migration-policy: duplicate-ok}",
                "  labels: {app.kubernetes.io/name: web, app.kubernetes.io/instance: shop}");
    String secret =
        "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: shop-postgresql\n"
            + "  labels: {app.kubernetes.io/name: postgresql, app.kubernetes.io/instance: shop}\n";

    assertThat(messages(release + secret, "reference-exists"))
        .singleElement()
        .asString()
        .contains("Secret 'shop-postgresq'", "did you mean 'shop-postgresql'?");
  }

  @Test
  void optionalReferencesMayBeMissing() {
    String yaml =
        webWithEnvFrom("[{configMapRef: {name: feature-flags, optional: true}}]") + CONFIG_MAP;

    assertThat(findings(yaml, "reference-exists")).isEmpty();
  }

  @Test
  void serviceAccountMissingIsReportedButDefaultAlwaysExists() {
    String account = "---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n";
    String yaml = webWithPodSpec("      serviceAccountName: wbe\n") + account;

    assertThat(findings(yaml, "reference-exists"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .startsWith("Deployment/web runs as ServiceAccount 'wbe', which is not in")
                  .endsWith("no pod can be created");
              assertThat(at(f)).isEqualTo(after(yaml, "serviceAccountName: "));
            });
    assertThat(
            findings(
                webWithPodSpec("      serviceAccountName: default\n") + account,
                "reference-exists"))
        .isEmpty();
  }

  @Test
  void secretsMadeByControllersCountAsSecretsOfTheInput() {
    String sealed =
        """
        ---
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata:
          name: db
        spec:
          encryptedData: {password: AgBy8hCi}
        """;
    String reads =
        WEB.replace(
            "          ports: [{name: http, containerPort: 8080}]",
            "          ports: [{name: http, containerPort: 8080}]\n"
                + "          env: [{name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: NAME, key: password}}}]");

    assertThat(findings(reads.replace("NAME", "db") + sealed, "reference-exists")).isEmpty();
    assertThat(messages(reads.replace("NAME", "dbb") + sealed, "reference-exists"))
        .singleElement()
        .asString()
        .contains("container 'app' reads env DB_PASSWORD from Secret 'dbb'", "did you mean 'db'?");
  }

  @Test
  void volumesAndPullSecretsAreChecked() {
    String secret =
        "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: registry\ntype: kubernetes.io/dockerconfigjson\n";
    String yaml =
        webWithPodSpec(
                """
                      imagePullSecrets: [{name: regsitry}]
                      volumes:
                        - {name: settings, configMap: {name: settings}}
                        - name: bundle
                          projected:
                            sources:
                              - {configMap: {name: kube-root-ca.crt}}
                              - {secret: {name: tls}}
                """)
            + secret
            + CONFIG_MAP;

    assertThat(messages(yaml, "reference-exists"))
        .containsExactly(
            "Deployment/web pulls images with Secret 'regsitry', which is not in the input (its"
                + " Secrets there: registry), did you mean 'registry'?; pulls from a private"
                + " registry fail",
            "Deployment/web mounts volume 'settings' from ConfigMap 'settings', which is not in"
                + " the input (its ConfigMaps there: web-config); the volume never mounts and the"
                + " pod stays in ContainerCreating",
            "Deployment/web mounts volume 'bundle' from Secret 'tls', which is not in the input"
                + " (its Secrets there: registry); the volume never mounts and the pod stays in"
                + " ContainerCreating");
  }

  @Test
  void unlabelledObjectsBelongToEveryEnvironmentOfTheirNamespace() {
    String prd =
        webWithEnvFrom("[{configMapRef: {name: web-config}}]")
            .replace(
                "  labels: {app: web, minato.dev/migration-policy: duplicate-ok}",
                "  labels: {app: web, minato.dev/migration-policy: duplicate-ok, minato.dev/environment: prd}");

    assertThat(findings(prd + CONFIG_MAP, "reference-exists")).isEmpty();
  }

  @Test
  void missingReferenceIsSuppressedByItsAnnotation() {
    String yaml =
        suppressing(
                webWithEnvFrom("[{configMapRef: {name: made-by-operator}}]"),
                "reference-exists",
                "  name: web")
            + CONFIG_MAP;

    assertThat(findings(yaml, "reference-exists")).isEmpty();
    assertThat(suppressed(yaml)).containsExactly("reference-exists");
  }
}
