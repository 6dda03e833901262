package dev.minato.secrets.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.JsonPointers;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

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

  /**
   * Decrypts a tree read without its comments (JSON, or a manifest among others). A file whose rule
   * selects values by their comments is refused: without them, which values are encrypted is
   * unknown.
   */
  /**
   * Whether the file's rule chooses the encrypted values by the YAML comments above them ({@code
   * encrypted_comment_regex}, {@code unencrypted_comment_regex}), so that decrypting it needs them.
   */
  public static boolean needsComments(JsonNode encrypted) {
    JsonNode sops = encrypted.path("sops");
    return sops.path(EncryptionRules.Kind.ENCRYPTED_COMMENT_REGEX.field()).isTextual()
        || sops.path(EncryptionRules.Kind.UNENCRYPTED_COMMENT_REGEX.field()).isTextual();
  }

  public static Decrypted decrypt(ObjectNode encrypted, List<AgeIdentity> identities)
      throws SopsException {
    SopsMetadata metadata = SopsMetadata.read(encrypted.get("sops"));
    if (metadata.rules().readsComments()) {
      throw new SopsException(
          "sops."
              + metadata.rules().selector().kind().field()
              + " chooses the encrypted values by the YAML comments above them, and this file was"
              + " read without its comments",
          "/sops/" + metadata.rules().selector().kind().field());
    }
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
    YamlComments clearComments =
        new Walk(metadata.rules(), comments)
            .run(
                plaintext,
                new Visitor() {
                  @Override
                  public JsonNode value(JsonNode leaf, List<String> path, boolean encrypted)
                      throws SopsException {
                    JsonNode value = encrypted ? open(leaf, path, dataKey, sealed) : leaf;
                    if (!metadata.rules().macOnlyEncrypted() || encrypted) {
                      hash.update(macBytes(value));
                    }
                    return value;
                  }

                  @Override
                  public String comment(String text, List<String> path, boolean encrypted) {
                    return encrypted ? openComment(text, path, dataKey, sealed) : text;
                  }
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
    YamlComments sealedComments;
    try {
      sealedComments =
          new Walk(rules, comments)
              .run(
                  encrypted,
                  new Visitor() {
                    @Override
                    public JsonNode value(JsonNode leaf, List<String> path, boolean encrypt) {
                      if (!rules.macOnlyEncrypted() || encrypt) {
                        hash.update(macBytes(leaf));
                      }
                      byte[] clear = macBytes(leaf);
                      if (!encrypt || clear.length == 0) {
                        return leaf; // SOPS leaves empty values as they are.
                      }
                      String type = typeOf(leaf);
                      return JsonNodeFactory.instance.textNode(
                          seal(clear, type, additionalData(path), dataKey, reusable, random));
                    }

                    @Override
                    public String comment(String text, List<String> path, boolean encrypt) {
                      byte[] clear = text.getBytes(StandardCharsets.UTF_8);
                      return !encrypt || clear.length == 0
                          ? text
                          : seal(
                              clear, COMMENT_TYPE, additionalData(path), dataKey, reusable, random);
                    }
                  });
    } catch (SopsException e) {
      throw new IllegalStateException("encryption cannot refuse a value", e);
    }
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
    return new Sealed(encrypted, sealedComments);
  }

  /** The old ciphertext of an unchanged value or comment, or a new one. */
  private static String seal(
      byte[] clear,
      String type,
      String aad,
      byte[] dataKey,
      Map<String, String> reusable,
      SecureRandom random) {
    String old = reusable.get(stashKey(aad, type, clear));
    return old != null ? old : EncryptedValue.seal(clear, type, dataKey, aad, random).format();
  }

  /**
   * A comment the rules say is encrypted, opened; one that does not open is kept as written, as
   * sops.go {@code Decrypt} does ("possibly unencrypted comment"): comments are outside the MAC, so
   * nothing about the values depends on them.
   */
  private static String openComment(
      String text, List<String> path, byte[] dataKey, Map<String, String> sealed) {
    if (!text.startsWith("ENC[")) {
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

  /** What a walk does with each value and each comment; may refuse. */
  private interface Visitor {
    JsonNode value(JsonNode leaf, List<String> path, boolean encrypted) throws SopsException;

    String comment(String text, List<String> path, boolean encrypted) throws SopsException;
  }

  /**
   * One walk over a tree and its comments in document order, as sops.go walkBranch / walkSlice:
   * mapping keys extend the key path, list items do not; comments stand before the entry they
   * precede, with their container's key path. Per container it keeps the comments read since the
   * last entry (the comment stack the comment selectors read): a comment joins its level before it
   * is decided, and an entry clears its level after it is read. The stack holds the text as it is
   * in the input, cleartext when encrypting and the file's text when decrypting, as in sops.
   */
  private static final class Walk {
    private final EncryptionRules.Decision decision;
    private final YamlComments comments;
    private final List<List<String>> stack = new ArrayList<>();
    private final Map<String, SortedMap<Integer, List<String>>> out = new TreeMap<>();

    Walk(EncryptionRules rules, YamlComments comments) {
      this.decision = rules.decision();
      this.comments = comments;
    }

    /** Replaces every value of {@code tree} in place; returns the replaced comments. */
    YamlComments run(ObjectNode tree, Visitor visitor) throws SopsException {
      container(tree, "", new ArrayList<>(), visitor);
      return new YamlComments(out);
    }

    private void container(JsonNode node, String pointer, List<String> path, Visitor visitor)
        throws SopsException {
      List<String> level = new ArrayList<>();
      stack.add(level);
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      int size = node.size();
      for (int i = 0; i <= size; i++) {
        for (String text : comments.before(pointer, i)) {
          level.add(text);
          boolean encrypted = decision.shouldEncrypt(path, stack, true);
          out.computeIfAbsent(pointer, p -> new TreeMap<>())
              .computeIfAbsent(i, e -> new ArrayList<>())
              .add(visitor.comment(text, List.copyOf(path), encrypted));
        }
        if (i == size) {
          break;
        }
        if (node instanceof ObjectNode object) {
          String name = names.get(i);
          path.add(name);
          JsonNode replaced =
              entry(object.get(name), JsonPointers.child(pointer, name), path, visitor);
          if (replaced != null) {
            object.set(name, replaced);
          }
          path.remove(path.size() - 1);
        } else {
          ArrayNode array = (ArrayNode) node;
          JsonNode replaced = entry(array.get(i), JsonPointers.child(pointer, i), path, visitor);
          if (replaced != null) {
            array.set(i, replaced);
          }
        }
        level.clear();
      }
      stack.remove(stack.size() - 1);
    }

    /** The new value of a leaf entry, or null for a container (walked in place) or a null. */
    private JsonNode entry(JsonNode child, String pointer, List<String> path, Visitor visitor)
        throws SopsException {
      if (child.isContainerNode()) {
        container(child, pointer, path, visitor);
        return null;
      }
      if (child.isNull()) {
        return null;
      }
      List<String> at = List.copyOf(path);
      return visitor.value(child, at, decision.shouldEncrypt(at, stack, false));
    }
  }
}
