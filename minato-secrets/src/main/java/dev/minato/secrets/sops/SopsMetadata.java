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
    EncryptionRules rules = rules(sops);
    String lastModified = sops.path("lastmodified").asText("");
    String mac = sops.path("mac").asText("");
    if (lastModified.isEmpty() || mac.isEmpty()) {
      throw new SopsException("sops metadata lacks lastmodified or mac: the file is incomplete");
    }
    return new SopsMetadata(
        stanzas, lastModified, mac, rules, sops.path("version").asText(""), others);
  }

  /**
   * The file's one selector, as stores.go's {@code ToInternal} reads it: a second one, or a regex
   * that does not compile, is refused at its field.
   */
  private static EncryptionRules rules(JsonNode sops) throws SopsException {
    EncryptionRules.Selector found = null;
    // In the file's order, so that the second selector is the one reported.
    for (var names = sops.fieldNames(); names.hasNext(); ) {
      Optional<EncryptionRules.Kind> named = EncryptionRules.Kind.ofField(names.next());
      if (named.isEmpty()) {
        continue;
      }
      EncryptionRules.Kind kind = named.get();
      Optional<String> value = text(sops, kind.field());
      if (value.isEmpty()) {
        continue;
      }
      String pointer = "/sops/" + kind.field();
      if (found != null) {
        throw new SopsException(
            "sops."
                + kind.field()
                + " and sops."
                + found.kind().field()
                + " are both set: SOPS allows at most one of "
                + String.join(", ", EncryptionRules.Kind.fields())
                + " in a file",
            pointer);
      }
      try {
        found = new EncryptionRules.Selector(kind, value.get());
      } catch (IllegalArgumentException e) {
        throw new SopsException("sops." + kind.field() + ": " + e.getMessage(), pointer);
      }
    }
    boolean macOnlyEncrypted = sops.path("mac_only_encrypted").asBoolean(false);
    return EncryptionRules.of(Optional.ofNullable(found), macOnlyEncrypted);
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
    sops.put(rules.selector().kind().field(), rules.selector().value());
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
