package dev.minato.cli.logs;

import dev.minato.cli.ExitCodes;
import dev.minato.cli.UserError;
import dev.minato.logs.mask.KeyUnavailableException;
import dev.minato.logs.mask.TokenLookup;
import dev.minato.logs.rules.Ruleset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code minato logs pseudonym}: the tokens a value has under the ruleset's keys, so that lines
 * masked before and after a key rotation can be found and joined.
 */
@Command(
    name = "pseudonym",
    mixinStandardHelpOptions = true,
    description = {
      "Print the pseudonym token of each value under the ruleset's keys (every key, the current",
      "first, or those named with --key-id): one line 'token<TAB>value' per key. Lines masked",
      "before a rotation carry the older key's token, so search for all of them. Values come from",
      "the arguments or, without any, one per line from stdin (kept out of the shell's history).",
      "Exit 2 for a bad ruleset or an unknown key id, 3 when a key cannot be loaded."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato logs pseudonym alice@example.com",
      "  minato logs pseudonym --key-id k2025 --key-id k2026 < customers.txt",
      "  minato logs pseudonym alice@example.com | cut -f1 | grep -F -f - masked.jsonl"
    })
final class LogsPseudonymCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin RulesOption rules;

  @Option(
      names = "--key-id",
      paramLabel = "ID",
      description = "A key to make tokens with (repeatable; default: every key of the ruleset).")
  List<String> keyIds = new ArrayList<>();

  @Parameters(paramLabel = "VALUE", arity = "0..*", description = "The values to look up.")
  List<String> values = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    Ruleset ruleset = rules.read();
    TokenLookup lookup;
    try {
      lookup = TokenLookup.of(ruleset, keyIds, System.getenv());
    } catch (IllegalArgumentException e) {
      throw UserError.invalidInput(rules.file() + ": " + e.getMessage());
    } catch (KeyUnavailableException e) {
      throw UserError.environment(
          e.getMessage() + " (look up with the keys you have: --key-id ID)");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (values.isEmpty()) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String value;
      while ((value = in.readLine()) != null) {
        print(lookup, value, out);
      }
    } else {
      values.forEach(value -> print(lookup, value, out));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void print(TokenLookup lookup, String value, PrintWriter out) {
    for (TokenLookup.Token token : lookup.tokens(value)) {
      out.print(token.token() + "\t" + value + "\n");
    }
  }
}
