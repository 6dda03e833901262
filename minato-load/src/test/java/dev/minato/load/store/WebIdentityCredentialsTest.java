package dev.minato.load.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exchange with a loopback STS, and when it is made again. */
class WebIdentityCredentialsTest {

  private static final String ROLE = "arn:aws:iam::123456789012:role/minato-load-reports";
  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.first-token.sig";
  private static final Duration LIFETIME = Duration.ofHours(1);

  @TempDir Path dir;

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T09:00:00Z"));
  final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  LoopbackSts sts;
  Path tokenFile;

  @BeforeEach
  void start() throws Exception {
    sts = LoopbackSts.start("ASIASTSLOOPBACK", "sts/secret+key", now::get, LIFETIME);
    tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, TOKEN + "\n");
  }

  @AfterEach
  void stop() {
    sts.close();
  }

  private WebIdentityCredentials credentials() {
    return new WebIdentityCredentials(
        new WebIdentity(ROLE, tokenFile, "minato-load-test", URI.create(sts.endpoint())), clock);
  }

  @Test
  void theExchangeIsAnUnsignedFormPostOfTheRoleTheSessionAndTheToken() throws Exception {
    credentials().current();

    LoopbackSts.Exchange exchange = sts.exchanges().get(0);
    assertThat(exchange.method()).isEqualTo("POST");
    assertThat(exchange.path()).isEqualTo("/");
    assertThat(exchange.contentType()).startsWith("application/x-www-form-urlencoded");
    assertThat(exchange.signed()).isFalse();
    assertThat(exchange.form())
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of(
                "Action", "AssumeRoleWithWebIdentity",
                "Version", "2011-06-15",
                "RoleArn", ROLE,
                "RoleSessionName", "minato-load-test",
                "WebIdentityToken", TOKEN));
  }

  @Test
  void theAnswerGivesTemporaryCredentialsWithTheirSessionToken() throws Exception {
    Credentials current = credentials().current();

    assertThat(current.accessKeyId()).isEqualTo("ASIASTSLOOPBACK");
    assertThat(current.secretAccessKey()).isEqualTo("sts/secret+key");
    assertThat(current.sessionToken()).hasValue(LoopbackSts.sessionToken(1));
  }

  @Test
  void theCredentialsAreReusedUntilFiveMinutesBeforeTheyExpire() throws Exception {
    WebIdentityCredentials credentials = credentials();
    credentials.current();

    now.set(now.get().plus(LIFETIME).minus(Duration.ofMinutes(5)).minusSeconds(1));
    assertThat(credentials.current().sessionToken()).hasValue(LoopbackSts.sessionToken(1));
    assertThat(sts.exchanges()).hasSize(1);
  }

  @Test
  void aRenewalFiveMinutesAheadReadsTheRotatedTokenFile() throws Exception {
    WebIdentityCredentials credentials = credentials();
    credentials.current();
    Files.writeString(tokenFile, "eyJhbGciOiJSUzI1NiJ9.rotated-token.sig");

    now.set(now.get().plus(LIFETIME).minus(Duration.ofMinutes(5)));
    Credentials renewed = credentials.current();

    assertThat(renewed.sessionToken()).hasValue(LoopbackSts.sessionToken(2));
    assertThat(sts.exchanges()).hasSize(2);
    assertThat(sts.exchanges().get(1).form())
        .containsEntry("WebIdentityToken", "eyJhbGciOiJSUzI1NiJ9.rotated-token.sig");
  }

  @Test
  void anErrorAnswerIsAnEnvironmentErrorNamingTheRoleAndStsCodeButNotTheToken() {
    sts.refuse(
        "InvalidIdentityToken", "Couldn't retrieve verification key from your identity provider");

    StoreException e = catchThrowableOfType(() -> credentials().current(), StoreException.class);

    assertThat(e.reason()).isEqualTo(StoreException.Reason.ENVIRONMENT);
    assertThat(e.getMessage())
        .contains(ROLE)
        .contains("answered 400 (InvalidIdentityToken: Couldn't retrieve verification key")
        .doesNotContain(TOKEN);
  }

  @Test
  void aTokenEchoedInAnErrorMessageIsHidden() {
    sts.refuse("InvalidIdentityToken", "token " + TOKEN + " is expired");

    StoreException e = catchThrowableOfType(() -> credentials().current(), StoreException.class);

    assertThat(e.getMessage()).contains("token [token] is expired").doesNotContain(TOKEN);
  }

  @Test
  void aMissingTokenFileIsAnEnvironmentErrorNamingTheFileAndTheRole() throws Exception {
    Files.delete(tokenFile);

    StoreException e = catchThrowableOfType(() -> credentials().current(), StoreException.class);

    assertThat(e.reason()).isEqualTo(StoreException.Reason.ENVIRONMENT);
    assertThat(e.getMessage())
        .contains(ROLE)
        .contains(tokenFile.toString())
        .contains("AWS_WEB_IDENTITY_TOKEN_FILE")
        .contains("missing");
    assertThat(sts.exchanges()).isEmpty();
  }

  @Test
  void anUnreachableStsIsAnEnvironmentError() throws Exception {
    String endpoint = sts.endpoint();
    sts.close();
    WebIdentityCredentials credentials =
        new WebIdentityCredentials(
            new WebIdentity(ROLE, tokenFile, "minato-load-test", URI.create(endpoint)), clock);

    StoreException e = catchThrowableOfType(credentials::current, StoreException.class);

    assertThat(e.reason()).isEqualTo(StoreException.Reason.ENVIRONMENT);
    assertThat(e.getMessage()).contains(ROLE).contains("cannot reach STS at " + endpoint);
  }

  @Test
  void aFailedRenewalKeepsTheCredentialsWhileTheyAreValidAndFailsOnceExpired() throws Exception {
    WebIdentityCredentials credentials = credentials();
    credentials.current();
    sts.refuse("IDPCommunicationError", "The identity provider could not be reached");

    now.set(now.get().plus(LIFETIME).minus(Duration.ofMinutes(1)));
    assertThat(credentials.current().sessionToken()).hasValue(LoopbackSts.sessionToken(1));

    now.set(now.get().plus(Duration.ofMinutes(1)));
    StoreException e = catchThrowableOfType(credentials::current, StoreException.class);
    assertThat(e.getMessage()).contains("IDPCommunicationError");
  }

  @Test
  void anAnswerWithAnExternalEntityIsRefusedUnread() throws Exception {
    Path secret = dir.resolve("host-secret");
    Files.writeString(secret, "do-not-read");
    sts.answer(
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \""
            + secret.toUri()
            + "\">]><AssumeRoleWithWebIdentityResponse><Credentials>"
            + "<AccessKeyId>&x;</AccessKeyId><SecretAccessKey>s</SecretAccessKey>"
            + "<SessionToken>t</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration>"
            + "</Credentials></AssumeRoleWithWebIdentityResponse>");

    StoreException e = catchThrowableOfType(() -> credentials().current(), StoreException.class);

    assertThat(e.getMessage())
        .contains("answered without credentials")
        .doesNotContain("do-not-read");
  }

  @Test
  void anAnswerWithoutAnExpirationIsRefused() {
    sts.answer(
        "<AssumeRoleWithWebIdentityResponse><Credentials><AccessKeyId>A</AccessKeyId>"
            + "<SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken>"
            + "</Credentials></AssumeRoleWithWebIdentityResponse>");

    StoreException e = catchThrowableOfType(() -> credentials().current(), StoreException.class);

    assertThat(e.getMessage()).contains("answered without credentials (no Expiration)");
  }
}
