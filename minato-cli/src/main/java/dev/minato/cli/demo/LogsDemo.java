package dev.minato.cli.demo;

import dev.minato.cli.UserError;
import dev.minato.logs.LogEvent;
import dev.minato.logs.mask.KeyUnavailableException;
import dev.minato.logs.mask.Masker;
import dev.minato.logs.read.LtsvParser;
import dev.minato.logs.read.Reading;
import dev.minato.logs.rules.Ruleset;
import dev.minato.logs.rules.RulesetReader;
import dev.minato.logs.write.JsonLinesWriter;
import dev.minato.manifest.ManifestException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The logs part of {@code minato demo}: a small ruleset masks secrets that old code logged in a few
 * LTSV lines, and each masked event is printed as a JSON line with the stream it is routed to,
 * exactly as {@code minato logs mask} would write it.
 */
final class LogsDemo {

  private static final String RULES =
      """
      pseudonym:
        keys:
          - id: demo
            env: DEMO_LOG_KEY
      rules:
        - name: secrets
          keys: [password, authorization]
          action: redact
        - name: cards
          value: card
          action: partial
          keep: 4
        - name: emails
          value: email
          action: pseudonym
      routing:
        label: app
      """;

  private static final List<String> LINES =
      List.of(
          "app:checkout\tlevel:info\tmsg:charged 4111 1111 1111 1111 for ann@example.com",
          "app:checkout\tlevel:warn\tmsg:retry order 4111111111111112\tpassword:hunter2",
          "app:auth\tlevel:info\tmsg:login ann@example.com\tauthorization:Bearer eyJhbGciOi");

  /** A fixed key, for the demo only: real keys come from the environment or a file. */
  private static final Map<String, String> DEMO_ENVIRONMENT =
      Map.of("DEMO_LOG_KEY", "demo-only-key-never-use-this-one-anywhere");

  private LogsDemo() {}

  static void run(PrintWriter out) {
    Masker masker;
    Ruleset ruleset;
    try {
      ruleset = RulesetReader.read("<demo ruleset>", RULES, Path.of("."));
      masker = Masker.of(ruleset, DEMO_ENVIRONMENT);
    } catch (ManifestException | KeyUnavailableException e) {
      throw UserError.environment("the demo's own ruleset did not load: " + e.getMessage());
    }
    out.println(
        "Rules: redact password and authorization, keep the last 4 digits of card numbers"
            + " (Luhn-checked), pseudonymise e-mail addresses (keyed HMAC); route by the app label.");
    JsonLinesWriter json = new JsonLinesWriter();
    for (String line : LINES) {
      LogEvent event = ((Reading.Parsed) new LtsvParser().parse(line)).event();
      String stream = ruleset.routing().orElseThrow().streamOf(event.get("app"));
      out.println("  in   " + line.replace("\t", " | "));
      out.println("  out  [" + stream + "] " + json.format(masker.mask(event)));
    }
    out.println(
        "The same e-mail address gives the same token, so lines still join; 4111111111111112"
            + " fails the Luhn check and stays. Try: minato logs mask --from ltsv < app.log");
  }
}
