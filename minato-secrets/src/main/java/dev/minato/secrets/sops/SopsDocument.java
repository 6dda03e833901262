package dev.minato.secrets.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.secrets.age.Age;
import dev.minato.secrets.age.AgeArmor;
import dev.minato.secrets.age.AgeException;
import dev.minato.secrets.age.AgeIdentity;
import dev.minato.secrets.age.AgeRecipient;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Encrypts and decrypts a document tree the way SOPS does (sops.go {@code Tree.Encrypt} and {@code
 * Tree.Decrypt}): every leaf the rules select is sealed with the 32-byte data key and the path of
 * its keys joined by {@code :} plus a trailing {@code :} as additional data (list indexes are not
 * part of the path); a SHA-512 over every leaf's cleartext in document order, upper-case hex,
 * sealed with the data key and {@code lastmodified} as additional data, is the MAC. The data key is
 * wrapped for each age recipient and stored armored.
 */
public final class SopsDocument {

  /** Written first into the MAC when it covers encrypted values only (sops.go). */
  private static final byte[] MAC_ONLY_ENCRYPTED_INIT =
      HexFormat.of().parseHex("8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69");

  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

  /**
   * A decrypted file: the cleartext tree and comments, its metadata, its data key and its old
   * ciphertexts.
   */
  public record Decrypted(
      ObjectNode plaintext,
      YamlComments comments,
      SopsMetadata metadata,
      byte[] dataKey,
      Map<String, String> sealed) {}

  /** An encrypted tree and its comments, encrypted where the rules say. */
  public record Sealed(ObjectNode tree, YamlComments comments) {}

  /** The type SOPS gives an encrypted comment (aes/cipher.go). */
  static final String COMMENT_TYPE = "comment";

  /** What a new encryption uses: recipients and rules. */
  public record Settings(List<AgeRecipient> recipients, EncryptionRules rules) {
    public Settings {
      recipients = List.copyOf(recipients);
      if (recipients.isEmpty()) {
        throw new IllegalArgumentException("at least one age recipient is needed");
      }
    }
  }

  private SopsDocument() {}

  /** Whether {@code tree} carries SOPS metadata (a top-level {@code sops} mapping with a mac). */
  public static boolean isEncrypted(JsonNode tree) {
    return tree instanceof ObjectNode && tree.path("sops").path("mac").isTextual();
  }

  public static Decrypted decrypt(ObjectNode encrypted, List<AgeIdentity> identities)
      throws SopsException {
    return decrypt(encrypted, YamlComments.none(), identities);
  }

  /**
   * Decrypts the values, checks the MAC, and decrypts the comments that the rules say are
   * encrypted. A comment that does not open is kept as it is written, as sops.go {@code Decrypt}
   * does ("possibly unencrypted comment"): comments are outside the MAC, so nothing about the
   * values depends on them.
   */
  public static Decrypted decrypt(
      ObjectNode encrypted, YamlComments comments, List<AgeIdentity> identities)
      throws SopsException {
    SopsMetadata metadata = SopsMetadata.read(encrypted.get("sops"));
    byte[] dataKey = dataKey(metadata, identities);
    ObjectNode plaintext = encrypted.deepCopy();
    plaintext.remove("sops");
    MessageDigest hash = sha512(metadata.rules());
    Map<String, String> sealed = new HashMap<>();
    walk(
        plaintext,
        new ArrayList<>(),
        (leaf, path) -> {
          boolean encrypt = metadata.rules().shouldEncrypt(path);
          JsonNode value = leaf;
          if (encrypt) {
            value = open(leaf, path, dataKey, sealed);
          }
          if (!metadata.rules().macOnlyEncrypted() || encrypt) {
            hash.update(macBytes(value));
          }
          return value;
        });
    String expected = HexFormat.of().withUpperCase().formatHex(hash.digest());
    EncryptedValue mac = EncryptedValue.parse(metadata.mac(), "sops.mac");
    String stored =
        new String(
            mac.open(dataKey, metadata.lastModified(), "sops.mac (with its lastmodified)"),
            StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(
        stored.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
      throw new SopsException(
          "MAC mismatch: the file's values were changed, added, removed or reordered after it was"
              + " encrypted");
    }
    Map<String, List<String>> keyPaths = keyPaths(plaintext);
    YamlComments clearComments =
        comments.map(
            (pointer, text) -> {
              List<String> path = keyPaths.getOrDefault(pointer, List.of());
              if (!metadata.rules().shouldEncrypt(path) || !text.startsWith("ENC[")) {
                return text;
              }
              try {
                EncryptedValue value = EncryptedValue.parse(text, "comment");
                String aad = additionalData(path);
                byte[] clear = value.open(dataKey, aad, "comment");
                if (!value.type().equals(COMMENT_TYPE)) {
                  return text;
                }
                sealed.put(stashKey(aad, COMMENT_TYPE, clear), text);
                return new String(clear, StandardCharsets.UTF_8);
              } catch (SopsException e) {
                return text;
              }
            });
    return new Decrypted(plaintext, clearComments, metadata, dataKey, Map.copyOf(sealed));
  }

  /**
   * Encrypts {@code plaintext}. With a {@code previous} decryption of the same file, its data key
   * is kept, every value whose cleartext, type and path are unchanged keeps its old ciphertext (so
   * a re-encrypted unchanged file differs only in lastmodified and mac), and the age stanzas are
   * kept when the recipients are the same.
   */
  public static ObjectNode encrypt(
      ObjectNode plaintext,
      Settings settings,
      Optional<Decrypted> previous,
      Clock clock,
      SecureRandom random) {
    return encrypt(plaintext, YamlComments.none(), settings, previous, clock, random).tree();
  }

  /**
   * Encrypts {@code plaintext} and its {@code comments}: a comment is encrypted (type {@code
   * comment}) when the rules select the key path of the mapping or list it stands in, with that
   * path as additional data, as sops.go {@code Encrypt} does; comments stay out of the MAC.
   */
  public static Sealed encrypt(
      ObjectNode plaintext,
      YamlComments comments,
      Settings settings,
      Optional<Decrypted> previous,
      Clock clock,
      SecureRandom random) {
    if (plaintext.has("sops")) {
      throw new IllegalArgumentException("the document already has a top-level 'sops' key");
    }
    byte[] dataKey = previous.map(p -> p.dataKey().clone()).orElseGet(() -> new byte[32]);
    if (previous.isEmpty()) {
      random.nextBytes(dataKey);
    }
    Map<String, String> reusable = previous.map(Decrypted::sealed).orElse(Map.of());
    EncryptionRules rules = settings.rules();
    MessageDigest hash = sha512(rules);
    ObjectNode encrypted = plaintext.deepCopy();
    walkSafe(
        encrypted,
        new ArrayList<>(),
        (leaf, path) -> {
          boolean encrypt = rules.shouldEncrypt(path);
          if (!rules.macOnlyEncrypted() || encrypt) {
            hash.update(macBytes(leaf));
          }
          if (!encrypt) {
            return leaf;
          }
          String type = typeOf(leaf);
          byte[] clear = macBytes(leaf);
          if (clear.length == 0) {
            return leaf; // SOPS leaves empty values as they are.
          }
          String aad = additionalData(path);
          String old = reusable.get(stashKey(aad, type, clear));
          if (old != null) {
            return JsonNodeFactory.instance.textNode(old);
          }
          return JsonNodeFactory.instance.textNode(
              EncryptedValue.seal(clear, type, dataKey, aad, random).format());
        });
    String lastModified =
        RFC3339.format(
            clock.instant().truncatedTo(ChronoUnit.SECONDS).atZone(java.time.ZoneOffset.UTC));
    String macHex = HexFormat.of().withUpperCase().formatHex(hash.digest());
    String mac =
        EncryptedValue.seal(
                macHex.getBytes(StandardCharsets.UTF_8), "str", dataKey, lastModified, random)
            .format();
    List<SopsMetadata.AgeStanza> stanzas =
        previous.isPresent() && sameRecipients(previous.get().metadata(), settings.recipients())
            ? previous.get().metadata().age()
            : wrap(dataKey, settings.recipients(), random);
    SopsMetadata metadata =
        new SopsMetadata(stanzas, lastModified, mac, rules, SopsMetadata.FORMAT_VERSION, List.of());
    encrypted.set("sops", metadata.toTree());
    Map<String, List<String>> keyPaths = keyPaths(plaintext);
    YamlComments sealedComments =
        comments.map(
            (pointer, text) -> {
              List<String> path = keyPaths.getOrDefault(pointer, List.of());
              byte[] clear = text.getBytes(StandardCharsets.UTF_8);
              if (!rules.shouldEncrypt(path) || clear.length == 0) {
                return text;
              }
              String aad = additionalData(path);
              String old = reusable.get(stashKey(aad, COMMENT_TYPE, clear));
              return old != null
                  ? old
                  : EncryptedValue.seal(clear, COMMENT_TYPE, dataKey, aad, random).format();
            });
    return new Sealed(encrypted, sealedComments);
  }

  /**
   * The key path of every mapping and list, by JSON pointer: what a comment inside it is encrypted
   * with. List indexes are not part of a key path (sops.go walkSlice).
   */
  private static Map<String, List<String>> keyPaths(JsonNode tree) {
    Map<String, List<String>> paths = new HashMap<>();
    keyPaths(tree, "", List.of(), paths);
    return paths;
  }

  private static void keyPaths(
      JsonNode node, String pointer, List<String> path, Map<String, List<String>> paths) {
    if (!node.isContainerNode()) {
      return;
    }
    paths.put(pointer, path);
    if (node instanceof ObjectNode object) {
      object
          .fields()
          .forEachRemaining(
              e -> {
                List<String> child = new ArrayList<>(path);
                child.add(e.getKey());
                keyPaths(
                    e.getValue(),
                    dev.minato.manifest.JsonPointers.child(pointer, e.getKey()),
                    List.copyOf(child),
                    paths);
              });
    } else {
      for (int i = 0; i < node.size(); i++) {
        keyPaths(node.get(i), dev.minato.manifest.JsonPointers.child(pointer, i), path, paths);
      }
    }
  }

  /**
   * The same encrypted file with its data key wrapped for {@code recipients} instead: values,
   * lastmodified and mac stay as they are, since none of them depends on who holds the key.
   */
  public static ObjectNode rewrap(
      ObjectNode encrypted, Decrypted opened, List<AgeRecipient> recipients, SecureRandom random) {
    SopsMetadata old = opened.metadata();
    List<SopsMetadata.AgeStanza> stanzas =
        sameRecipients(old, recipients) ? old.age() : wrap(opened.dataKey(), recipients, random);
    SopsMetadata metadata =
        new SopsMetadata(
            stanzas, old.lastModified(), old.mac(), old.rules(), old.version(), List.of());
    ObjectNode out = encrypted.deepCopy();
    out.set("sops", metadata.toTree());
    return out;
  }

  /** Wraps the data key for each recipient, one armored age file each, as SOPS does. */
  static List<SopsMetadata.AgeStanza> wrap(
      byte[] dataKey, List<AgeRecipient> recipients, SecureRandom random) {
    List<SopsMetadata.AgeStanza> stanzas = new ArrayList<>();
    for (AgeRecipient recipient : recipients) {
      String armored = AgeArmor.armor(Age.encrypt(dataKey, List.of(recipient), random));
      stanzas.add(new SopsMetadata.AgeStanza(recipient.toString(), armored));
    }
    return stanzas;
  }

  private static boolean sameRecipients(SopsMetadata metadata, List<AgeRecipient> recipients) {
    return metadata.recipients().equals(recipients.stream().map(AgeRecipient::toString).toList());
  }

  private static byte[] dataKey(SopsMetadata metadata, List<AgeIdentity> identities)
      throws SopsException {
    if (metadata.age().isEmpty()) {
      throw new SopsException(
          "the file has no age key (only "
              + String.join(", ", metadata.otherKeyKinds())
              + "): minato opens age-encrypted SOPS files only");
    }
    if (identities.isEmpty()) {
      throw new SopsException(
          "no age identity found: set SOPS_AGE_KEY_FILE or SOPS_AGE_KEY, or put keys in"
              + " $XDG_CONFIG_HOME/sops/age/keys.txt");
    }
    String lastProblem = "";
    for (SopsMetadata.AgeStanza stanza : metadata.age()) {
      try {
        byte[] key = Age.decrypt(AgeArmor.dearmor(stanza.enc()), identities);
        if (key.length != 32) {
          throw new SopsException(
              "the data key wrapped for " + stanza.recipient() + " is not 32 bytes");
        }
        return key;
      } catch (AgeException e) {
        lastProblem = e.getMessage();
      }
    }
    throw new SopsException(
        "none of the "
            + identities.size()
            + " age identities opens the data key (the file is encrypted to "
            + String.join(", ", metadata.recipients())
            + "): "
            + lastProblem);
  }

  private static JsonNode open(
      JsonNode leaf, List<String> path, byte[] dataKey, Map<String, String> sealed)
      throws SopsException {
    String where = "value at " + (path.isEmpty() ? "/" : String.join(".", path));
    if (!leaf.isTextual()) {
      throw new SopsException(where + " should be encrypted but is a plain " + leaf.getNodeType());
    }
    String text = leaf.asText();
    if (text.isEmpty()) {
      return leaf;
    }
    EncryptedValue value = EncryptedValue.parse(text, where);
    String aad = additionalData(path);
    byte[] clear = value.open(dataKey, aad, where);
    JsonNode typed = typed(clear, value.type(), where);
    sealed.put(stashKey(aad, value.type(), clear), text);
    return typed;
  }

  private static JsonNode typed(byte[] clear, String type, String where) throws SopsException {
    String text = new String(clear, StandardCharsets.UTF_8);
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    try {
      return switch (type) {
        case "str", "bytes" -> nodes.textNode(text);
        case "int", "int64" -> integer(Long.parseLong(text));
        case "float" -> nodes.numberNode(Double.parseDouble(text));
        case "bool" -> nodes.booleanNode(goBool(text, where));
        default -> throw new SopsException(where + " has an unknown type '" + type + "'");
      };
    } catch (NumberFormatException e) {
      throw new SopsException(where + " does not hold a valid " + type);
    }
  }

  /** An int node where the value fits, as a YAML or JSON reader makes it. */
  private static JsonNode integer(long value) {
    return value == (int) value
        ? JsonNodeFactory.instance.numberNode((int) value)
        : JsonNodeFactory.instance.numberNode(value);
  }

  /** Go's strconv.ParseBool, which SOPS uses. */
  private static boolean goBool(String text, String where) throws SopsException {
    return switch (text) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new SopsException(where + " does not hold a valid bool");
    };
  }

  private static String typeOf(JsonNode leaf) {
    if (leaf.isBoolean()) {
      return "bool";
    }
    if (leaf.isIntegralNumber()) {
      return "int";
    }
    if (leaf.isNumber()) {
      return "float";
    }
    return "str";
  }

  /** sops.go {@code ToBytes}: how a value enters the MAC and the ciphertext. */
  static byte[] macBytes(JsonNode leaf) {
    String text;
    if (leaf.isBoolean()) {
      text = leaf.booleanValue() ? "True" : "False";
    } else if (leaf.isIntegralNumber()) {
      text = leaf.bigIntegerValue().toString();
    } else if (leaf.isNumber()) {
      text = goFloat(leaf.doubleValue());
    } else {
      text = leaf.asText();
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Go's strconv.FormatFloat(v, 'f', -1, 64): shortest digits, never an exponent. */
  static String goFloat(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  static String additionalData(List<String> path) {
    return String.join(":", path) + ":";
  }

  private static String stashKey(String aad, String type, byte[] clear) {
    return aad + '\u0000' + type + '\u0000' + HexFormat.of().formatHex(clear);
  }

  private static MessageDigest sha512(EncryptionRules rules) {
    try {
      MessageDigest hash = MessageDigest.getInstance("SHA-512");
      if (rules.macOnlyEncrypted()) {
        hash.update(MAC_ONLY_ENCRYPTED_INIT);
      }
      return hash;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-512", e);
    }
  }

  /** Replaces one leaf; may refuse. */
  private interface LeafVisitor {
    JsonNode visit(JsonNode leaf, List<String> path) throws SopsException;
  }

  /** A visitor that cannot fail, for encryption. */
  private interface SafeLeafVisitor extends LeafVisitor {
    @Override
    JsonNode visit(JsonNode leaf, List<String> path);
  }

  private static void walkSafe(ObjectNode tree, List<String> path, SafeLeafVisitor visitor) {
    try {
      walk(tree, path, (LeafVisitor) visitor);
    } catch (SopsException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Document order, as sops.go walkBranch/walkSlice: object keys extend the path, list items do
   * not.
   */
  private static void walk(JsonNode node, List<String> path, LeafVisitor visitor)
      throws SopsException {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      List<String> names = new ArrayList<>();
      fields.forEachRemaining(e -> names.add(e.getKey()));
      for (String name : names) {
        JsonNode child = object.get(name);
        path.add(name);
        if (child.isContainerNode()) {
          walk(child, path, visitor);
        } else if (!child.isNull()) {
          object.set(name, visitor.visit(child, List.copyOf(path)));
        }
        path.remove(path.size() - 1);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode child = array.get(i);
        if (child.isContainerNode()) {
          walk(child, path, visitor);
        } else if (!child.isNull()) {
          array.set(i, visitor.visit(child, List.copyOf(path)));
        }
      }
    }
  }
}
