package dev.minato.secrets.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code sops:} mapping of an encrypted file, as SOPS's stores/stores.go writes it: age stanzas
 * (recipient and armored data key), lastmodified, the encrypted MAC, the encryption rule, and the
 * SOPS version. Other key kinds (pgp, kms, …) are counted so that minato never rewrites a file and
 * silently drops them.
 */
public record SopsMetadata(
    List<AgeStanza> age,
    String lastModified,
    String mac,
    EncryptionRules rules,
    String version,
    List<String> otherKeyKinds) {

  /**
   * The SOPS release whose file format minato writes (the 3.13.1 layout: empty key lists omitted).
   */
  public static final String FORMAT_VERSION = "3.13.1";

  private static final List<String> OTHER_KINDS =
      List.of("kms", "gcp_kms", "azure_kv", "hc_vault", "pgp", "key_groups");

  /** One age recipient and the data key wrapped for it, armored. */
  public record AgeStanza(String recipient, String enc) {}

  public SopsMetadata {
    age = List.copyOf(age);
    otherKeyKinds = List.copyOf(otherKeyKinds);
  }

  static SopsMetadata read(JsonNode sops) throws SopsException {
    if (!(sops instanceof ObjectNode)) {
      throw new SopsException("no 'sops' metadata mapping: the file is not SOPS-encrypted");
    }
    List<AgeStanza> stanzas = new ArrayList<>();
    for (JsonNode stanza : sops.path("age")) {
      stanzas.add(
          new AgeStanza(stanza.path("recipient").asText(""), stanza.path("enc").asText("")));
    }
    List<String> others = new ArrayList<>();
    for (String kind : OTHER_KINDS) {
      JsonNode keys = sops.path(kind);
      if (keys.isArray() && !keys.isEmpty()) {
        others.add(kind);
      }
    }
    for (String field : List.of("encrypted_comment_regex", "unencrypted_comment_regex")) {
      // Which values such a file encrypts depends on the YAML comments above them (sops.go's
      // comment stack), a rule minato does not implement: guessing would fail on a plain value,
      // or worse, leave one in clear.
      if (text(sops, field).isPresent()) {
        throw new SopsException(
            "the file uses sops."
                + field
                + ", which chooses the encrypted values by their YAML comments; minato does not"
                + " choose values by comments, so it cannot open or rewrite this file (use sops)");
      }
    }
    EncryptionRules rules;
    try {
      rules =
          new EncryptionRules(
              text(sops, "unencrypted_suffix"),
              text(sops, "encrypted_suffix"),
              text(sops, "unencrypted_regex"),
              text(sops, "encrypted_regex"),
              sops.path("mac_only_encrypted").asBoolean(false));
    } catch (IllegalArgumentException e) {
      throw new SopsException("sops metadata: " + e.getMessage());
    }
    String lastModified = sops.path("lastmodified").asText("");
    String mac = sops.path("mac").asText("");
    if (lastModified.isEmpty() || mac.isEmpty()) {
      throw new SopsException("sops metadata lacks lastmodified or mac: the file is incomplete");
    }
    return new SopsMetadata(
        stanzas, lastModified, mac, rules, sops.path("version").asText(""), others);
  }

  private static Optional<String> text(JsonNode sops, String field) {
    JsonNode value = sops.path(field);
    return value.isTextual() && !value.asText().isEmpty()
        ? Optional.of(value.asText())
        : Optional.empty();
  }

  /** The mapping in SOPS's field order; empty key lists are omitted, as SOPS 3.10+ does. */
  ObjectNode toTree() {
    ObjectNode sops = JsonNodeFactory.instance.objectNode();
    var list = sops.putArray("age");
    for (AgeStanza stanza : age) {
      list.addObject().put("recipient", stanza.recipient()).put("enc", stanza.enc());
    }
    sops.put("lastmodified", lastModified);
    sops.put("mac", mac);
    rules.unencryptedSuffix().ifPresent(v -> sops.put("unencrypted_suffix", v));
    rules.encryptedSuffix().ifPresent(v -> sops.put("encrypted_suffix", v));
    rules.unencryptedRegex().ifPresent(v -> sops.put("unencrypted_regex", v));
    rules.encryptedRegex().ifPresent(v -> sops.put("encrypted_regex", v));
    if (rules.macOnlyEncrypted()) {
      sops.put("mac_only_encrypted", true);
    }
    sops.put("version", version);
    return sops;
  }

  public List<String> recipients() {
    return age.stream().map(AgeStanza::recipient).toList();
  }
}
