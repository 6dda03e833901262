package dev.minato.secrets;

import dev.minato.secrets.age.AgeException;
import dev.minato.secrets.age.AgeIdentity;
import dev.minato.secrets.sops.SopsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The age identities a user has, found where SOPS looks (age/keysource.go): the keys in {@code
 * SOPS_AGE_KEY}, the file {@code SOPS_AGE_KEY_FILE}, and {@code sops/age/keys.txt} in the user
 * configuration directory ({@code $XDG_CONFIG_HOME}, else {@code ~/.config}). An explicit file
 * replaces them all. Keys are never printed: messages name locations, not contents.
 */
public record AgeKeyring(List<AgeIdentity> identities, List<String> looked) {

  public AgeKeyring {
    identities = List.copyOf(identities);
    looked = List.copyOf(looked);
  }

  /** The identities of one keys file, e.g. from {@code --age-key-file}. */
  public static AgeKeyring file(Path keys) throws SopsException {
    return new AgeKeyring(readFile(keys, keys.toString()), List.of(keys.toString()));
  }

  public static AgeKeyring fromEnvironment(Map<String, String> env, Path home)
      throws SopsException {
    List<AgeIdentity> identities = new ArrayList<>();
    List<String> looked = new ArrayList<>();
    String inline = env.get("SOPS_AGE_KEY");
    looked.add("SOPS_AGE_KEY");
    if (inline != null && !inline.isBlank()) {
      identities.addAll(parse(inline, "SOPS_AGE_KEY"));
    }
    String file = env.get("SOPS_AGE_KEY_FILE");
    looked.add("SOPS_AGE_KEY_FILE");
    if (file != null && !file.isBlank()) {
      identities.addAll(readFile(Path.of(file), "SOPS_AGE_KEY_FILE (" + file + ")"));
    }
    Path configDir =
        Optional.ofNullable(env.get("XDG_CONFIG_HOME"))
            .filter(s -> !s.isBlank())
            .map(Path::of)
            .orElse(home.resolve(".config"));
    Path defaultKeys = configDir.resolve("sops").resolve("age").resolve("keys.txt");
    looked.add(defaultKeys.toString());
    if (Files.isRegularFile(defaultKeys)) {
      identities.addAll(readFile(defaultKeys, defaultKeys.toString()));
    }
    return new AgeKeyring(identities, looked);
  }

  /** The process's own environment and home directory. */
  public static AgeKeyring fromEnvironment() throws SopsException {
    return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  private static List<AgeIdentity> readFile(Path keys, String source) throws SopsException {
    try {
      return parse(Files.readString(keys), source);
    } catch (IOException e) {
      throw new SopsException("cannot read the age keys file " + source + ": " + e);
    }
  }

  private static List<AgeIdentity> parse(String text, String source) throws SopsException {
    try {
      return AgeIdentity.parseAll(text, source);
    } catch (AgeException e) {
      throw new SopsException(e.getMessage());
    }
  }

  /** Where keys were looked for, for a message when none fits. */
  public String describe() {
    return identities.size()
        + (identities.size() == 1 ? " age identity" : " age identities")
        + " from "
        + String.join(", ", looked);
  }
}
