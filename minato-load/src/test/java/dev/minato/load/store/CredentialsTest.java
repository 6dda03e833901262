package dev.minato.load.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsTest {

  @Test
  void aKeyIdAndSecretInTheEnvironmentMakeCredentials() {
    assertThat(
            Credentials.fromEnvironment(
                Map.of("AWS_ACCESS_KEY_ID", "AKIA1", "AWS_SECRET_ACCESS_KEY", "s3cret")))
        .hasValueSatisfying(
            c -> {
              assertThat(c.accessKeyId()).isEqualTo("AKIA1");
              assertThat(c.secretAccessKey()).isEqualTo("s3cret");
              assertThat(c.sessionToken()).isEmpty();
            });
  }

  @Test
  void aSessionTokenMakesThemTemporary() {
    assertThat(
            Credentials.fromEnvironment(
                    Map.of(
                        "AWS_ACCESS_KEY_ID",
                        "ASIA1",
                        "AWS_SECRET_ACCESS_KEY",
                        "s3cret",
                        "AWS_SESSION_TOKEN",
                        "tok"))
                .orElseThrow()
                .sessionToken())
        .hasValue("tok");
  }

  @Test
  void aMissingOrBlankSecretMakesNoCredentials() {
    assertThat(Credentials.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "AKIA1"))).isEmpty();
    assertThat(
            Credentials.fromEnvironment(
                Map.of("AWS_ACCESS_KEY_ID", "AKIA1", "AWS_SECRET_ACCESS_KEY", "  ")))
        .isEmpty();
  }
}
