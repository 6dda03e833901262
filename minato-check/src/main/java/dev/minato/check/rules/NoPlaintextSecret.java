package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.Rule;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.manifest.KubeObject;
import java.util.ArrayList;
import java.util.List;

/**
 * No Secret with literal values in the repository: base64 is an encoding, not encryption. A
 * SOPS-encrypted Secret (a top-level {@code sops} mapping with a MAC) passes when every value is in
 * SOPS's {@code ENC[AES256_GCM,…]} form; values left in clear are still reported.
 */
final class NoPlaintextSecret implements Rule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "no-plaintext-secret", Severity.ERROR, "no Secret with literal data in the repository");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return object.kind().equals("Secret") && object.group().isEmpty();
  }

  @Override
  public void check(KubeObject secret, RuleContext context) {
    for (String field : List.of("data", "stringData")) {
      JsonNode data = secret.at("/" + field);
      boolean sops = secret.tree().path("sops").path("mac").isTextual();
      List<String> keys = new ArrayList<>();
      if (data.isObject()) {
        data.fields()
            .forEachRemaining(
                e -> {
                  if (!(sops && e.getValue().asText("").startsWith("ENC[AES256_GCM,"))) {
                    keys.add(e.getKey());
                  }
                });
      }
      if (!keys.isEmpty()) {
        context.report(
            secret,
            "/" + field,
            secret.key()
                + " holds "
                + keys.size()
                + (keys.size() == 1 ? " literal value" : " literal values")
                + " in "
                + field
                + " ("
                + String.join(", ", keys)
                + "); anyone with the repository can read them: use an external secret store,"
                + " SealedSecrets or SOPS");
      }
    }
  }
}
