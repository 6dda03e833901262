package dev.minato.spec.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.minato.spec.Logs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code spec.logs}: how the collector parses and routes the app's lines. */
class SpecReaderLogsTest {

  private static final String BASE =
      "spec:\n  image: shop:1.0\n  port: 8080\n  resources: {cpu: 500m, memory: 256Mi}\n";

  private static List<String> errors(String logs) {
    String text = SpecReaderDefaultsTest.HEADER + BASE + "  logs: " + logs + "\n";
    SpecException e =
        catchThrowableOfType(SpecException.class, () -> SpecReader.read("minato.yaml", text));
    assertThat(e).as(text).isNotNull();
    return e.errors().stream().map(SpecError::toString).toList();
  }

  @Test
  void anAppWithoutLogsHasNone() throws Exception {
    assertThat(SpecReaderDefaultsTest.read(BASE).spec().logs()).isEmpty();
  }

  @Test
  void everyFieldIsRead() throws Exception {
    Logs logs =
        SpecReaderDefaultsTest.read(
                BASE
                    + "  logs: {format: ltsv, stream: access, labels: {tier: web},"
                    + " rules: .minato/logs.yaml}\n")
            .spec()
            .logs()
            .orElseThrow();

    assertThat(logs)
        .isEqualTo(
            new Logs(
                Optional.of(Logs.Format.LTSV),
                "access",
                Map.of("tier", "web"),
                Optional.of(".minato/logs.yaml")));
  }

  @Test
  void aLogsSectionWithoutFormatIsAcceptedAndLeftForCheckToReport() throws Exception {
    Logs logs = SpecReaderDefaultsTest.read(BASE + "  logs: {stream: app}\n").spec().logs().get();

    assertThat(logs.format()).isEmpty();
    assertThat(logs.stream()).isEqualTo("app");
  }

  @Test
  void anUnknownFormatIsRefusedAtItsPositionWithASuggestion() {
    assertThat(errors("{format: ltvs}"))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:9:")
        .contains("spec.logs.format: expected one of ltsv, json, nginx, text, found 'ltvs'")
        .contains("did you mean 'ltsv'");
  }

  @Test
  void aStreamMustBeADnsLabel() {
    assertThat(errors("{format: json, stream: Access_Log}"))
        .singleElement()
        .asString()
        .contains("spec.logs.stream: 'Access_Log' is not a valid name")
        .contains("e.g. 'access-log'");
  }

  @Test
  void aLabelTheCollectorSetsItselfIsRefused() {
    assertThat(errors("{format: json, labels: {app: other}}"))
        .singleElement()
        .asString()
        .contains("spec.logs.labels: 'app' is set by the collector on every line");
  }

  @Test
  void aLabelValueThatWouldNeedQuotingIsRefused() {
    assertThat(errors("{format: json, labels: {tier: \"a b\"}}"))
        .singleElement()
        .asString()
        .contains("value 'a b' of tier");
  }

  @Test
  void aRulesFileOutsideTheRepositoryIsRefused() {
    assertThat(errors("{format: json, rules: ../secrets/logs.yaml}"))
        .singleElement()
        .asString()
        .contains("spec.logs.rules: '../secrets/logs.yaml' must be a path inside the repository");
  }

  @Test
  void anUnknownFieldIsRefusedWithASuggestion() {
    assertThat(errors("{format: json, lables: {tier: web}}"))
        .singleElement()
        .asString()
        .contains("spec.logs.lables: unknown field 'lables'")
        .contains("did you mean 'labels'");
  }
}
