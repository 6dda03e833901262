package dev.minato.cli.secrets;

import dev.minato.cli.UserError;
import dev.minato.secrets.CreationRules;
import dev.minato.secrets.SecretFile;
import dev.minato.secrets.age.AgeException;
import dev.minato.secrets.age.AgeRecipient;
import dev.minato.secrets.sops.EncryptionRules;
import dev.minato.secrets.sops.SopsDocument;
import dev.minato.secrets.sops.SopsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minato secrets encrypt}: a plaintext file becomes a SOPS file, in place. */
@Command(
    name = "encrypt",
    mixinStandardHelpOptions = true,
    header = "Encrypt a plaintext YAML or JSON file in place, as SOPS would.",
    description = {
      "Recipients and rules come from the first creation rule in .minato/secrets.yaml whose",
      "path_regex matches the file, or from --age. A selector flag replaces the rule's value of",
      "the same field; as in sops, at most one of the six selectors (suffixes, regexes, comment",
      "regexes) may apply to a file. The file is replaced atomically; a file that is already",
      "encrypted is refused (use edit, rotate, updatekeys)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato secrets encrypt secrets/db.yaml",
      "  minato secrets encrypt --age age1... --encrypted-regex '^(data|stringData)$' secret.yaml",
      "  minato secrets encrypt --age age1... --encrypted-comment-regex 'sops:enc' values.yaml"
    })
public final class EncryptCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "Plaintext YAML or JSON file.")
  Path file;

  @Option(
      names = "--age",
      paramLabel = "RECIPIENT",
      split = ",",
      description = "age recipients (age1…), instead of .minato/secrets.yaml.")
  List<String> age = new ArrayList<>();

  @Option(
      names = "--encrypted-regex",
      paramLabel = "REGEX",
      description = "Encrypt only values under a key matching REGEX.")
  String encryptedRegex;

  @Option(
      names = "--unencrypted-regex",
      paramLabel = "REGEX",
      description = "Leave in clear the values under a key matching REGEX.")
  String unencryptedRegex;

  @Option(
      names = "--encrypted-suffix",
      paramLabel = "SUFFIX",
      description = "Encrypt only values under a key ending with SUFFIX.")
  String encryptedSuffix;

  @Option(
      names = "--unencrypted-suffix",
      paramLabel = "SUFFIX",
      description =
          "Leave in clear the values under a key ending with SUFFIX (default _unencrypted).")
  String unencryptedSuffix;

  @Option(
      names = "--encrypted-comment-regex",
      paramLabel = "REGEX",
      description = {
        "Encrypt only the entry below a YAML comment matching REGEX and all under that entry;",
        "the comment itself stays in clear."
      })
  String encryptedCommentRegex;

  @Option(
      names = "--unencrypted-comment-regex",
      paramLabel = "REGEX",
      description =
          "Leave in clear the entry below a YAML comment matching REGEX, all under it, and the"
              + " comment.")
  String unencryptedCommentRegex;

  @Option(
      names = "--mac-only-encrypted",
      description = "Compute the MAC over the encrypted values only, as sops does with this flag.")
  boolean macOnlyEncrypted;

  @Override
  public Integer call() {
    int values;
    try {
      SopsDocument.Settings settings = settings();
      String encrypted =
          SecretFile.encrypt(file, settings, SecretWrites.CLOCK, SecretWrites.RANDOM);
      values = SecretFile.encryptedValues(file, encrypted);
      SecretWrites.replace(file, encrypted);
      if (values == 0) {
        // sops writes such a file too; say so, since nothing in it is secret any more.
        spec.commandLine()
            .getErr()
            .println(
                "warning: "
                    + settings.rules().selector().kind().field()
                    + " '"
                    + settings.rules().selector().value()
                    + "' selected no value of "
                    + file
                    + ": every value is still in clear");
      }
    } catch (SopsException e) {
      throw SecretWrites.refused(e);
    }
    spec.commandLine().getOut().println("encrypted " + file + " (" + values + " values)");
    return 0;
  }

  private SopsDocument.Settings settings() throws SopsException {
    Map<EncryptionRules.Kind, String> flags = new EnumMap<>(EncryptionRules.Kind.class);
    put(flags, EncryptionRules.Kind.UNENCRYPTED_SUFFIX, unencryptedSuffix);
    put(flags, EncryptionRules.Kind.ENCRYPTED_SUFFIX, encryptedSuffix);
    put(flags, EncryptionRules.Kind.UNENCRYPTED_REGEX, unencryptedRegex);
    put(flags, EncryptionRules.Kind.ENCRYPTED_REGEX, encryptedRegex);
    put(flags, EncryptionRules.Kind.UNENCRYPTED_COMMENT_REGEX, unencryptedCommentRegex);
    put(flags, EncryptionRules.Kind.ENCRYPTED_COMMENT_REGEX, encryptedCommentRegex);
    if (age.isEmpty()) {
      Optional<CreationRules> rules = CreationRules.find(file);
      if (rules.isEmpty()) {
        throw UserError.invalidInput(
            "no "
                + CreationRules.FILE
                + " above "
                + file
                + " and no --age: name the recipients (see minato secrets encrypt --help)");
      }
      CreationRules.Rule found = rules.get().ruleFor(file);
      SopsDocument.Settings rule = found.settings();
      // As sops: a flag replaces the rule's value of the same field; two different selectors
      // together are refused, wherever each came from.
      EncryptionRules.Selector fromRule = rule.rules().selector();
      String origin =
          "the creation rule's " + fromRule.kind().field() + " (" + CreationRules.FILE + ")";
      if (found.selectorGiven() && !flags.isEmpty() && !flags.containsKey(fromRule.kind())) {
        throw UserError.invalidInput(
            String.join(", ", flags.keySet().stream().map(EncryptionRules.Kind::option).toList())
                + " cannot be used with "
                + origin
                + ": SOPS allows one of "
                + String.join(", ", EncryptionRules.Kind.fields())
                + " per file; drop the flag or the rule's field");
      }
      EncryptionRules merged =
          rules(flags, rule.rules().macOnlyEncrypted() || macOnlyEncrypted, rule.rules());
      return new SopsDocument.Settings(rule.recipients(), merged);
    }
    List<AgeRecipient> recipients = new ArrayList<>();
    for (String text : age) {
      try {
        recipients.add(AgeRecipient.parse(text));
      } catch (AgeException e) {
        throw UserError.invalidInput("--age: " + e.getMessage());
      }
    }
    return new SopsDocument.Settings(
        recipients, rules(flags, macOnlyEncrypted, EncryptionRules.defaults()));
  }

  private static void put(
      Map<EncryptionRules.Kind, String> flags, EncryptionRules.Kind kind, String value) {
    if (value != null) {
      flags.put(kind, value);
    }
  }

  /** The flags' one selector, or {@code otherwise}'s when no flag names one. */
  private static EncryptionRules rules(
      Map<EncryptionRules.Kind, String> flags, boolean macOnly, EncryptionRules otherwise) {
    if (flags.size() > 1) {
      throw UserError.invalidInput(
          String.join(" and ", flags.keySet().stream().map(EncryptionRules.Kind::option).toList())
              + " cannot be used together: SOPS allows one of "
              + String.join(", ", EncryptionRules.Kind.fields())
              + " per file");
    }
    if (flags.isEmpty()) {
      return new EncryptionRules(otherwise.selector(), macOnly);
    }
    var flag = flags.entrySet().iterator().next();
    try {
      return new EncryptionRules(
          new EncryptionRules.Selector(flag.getKey(), flag.getValue()), macOnly);
    } catch (IllegalArgumentException e) {
      throw UserError.invalidInput(flag.getKey().option() + ": " + e.getMessage());
    }
  }
}
