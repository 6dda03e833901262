package dev.minato.logs.mask;

import dev.minato.logs.rules.PseudonymKeys;
import dev.minato.logs.rules.Ruleset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The token a value has under each of a ruleset's pseudonym keys, for an operator who must find a
 * person's lines (an erasure request, an incident) in logs written before and after a key rotation:
 * masking writes only the current key's tokens, so lines older than the rotation carry the retired
 * key's token for the same value. Reading a retired key's material here is the one place it is
 * needed; masking never reads it.
 */
public final class TokenLookup {

  private final List<Pseudonyms> keys;

  private TokenLookup(List<Pseudonyms> keys) {
    this.keys = List.copyOf(keys);
  }

  /** One value's token under one key. */
  public record Token(String keyId, String token) {}

  /**
   * A lookup over the keys {@code ids} of {@code ruleset} (all its keys, current first, when
   * empty), their material read from {@code environment} or their files.
   *
   * @throws KeyUnavailableException a key's material cannot be read or is too short
   * @throws IllegalArgumentException the ruleset has no keys, or names none of an id asked for
   */
  public static TokenLookup of(Ruleset ruleset, List<String> ids, Map<String, String> environment)
      throws KeyUnavailableException {
    Optional<PseudonymKeys> keys = ruleset.keys();
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("the ruleset has no 'pseudonym' keys");
    }
    List<PseudonymKeys.KeyRef> chosen = new ArrayList<>();
    if (ids.isEmpty()) {
      keys.get().keys().stream()
          .filter(k -> k.id().equals(keys.get().current()))
          .forEach(chosen::add);
      keys.get().keys().stream()
          .filter(k -> !k.id().equals(keys.get().current()))
          .forEach(chosen::add);
    } else {
      for (String id : ids) {
        chosen.add(
            keys.get().keys().stream()
                .filter(k -> k.id().equals(id))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "the ruleset has no pseudonym key '"
                                + id
                                + "'; its keys are "
                                + keys.get().keys().stream()
                                    .map(PseudonymKeys.KeyRef::id)
                                    .toList())));
      }
    }
    List<Pseudonyms> loaded = new ArrayList<>();
    for (PseudonymKeys.KeyRef key : chosen) {
      loaded.add(KeyRing.load(key, environment));
    }
    return new TokenLookup(loaded);
  }

  /** {@code value}'s token under each key, in the order the keys were chosen. */
  public List<Token> tokens(String value) {
    return keys.stream().map(k -> new Token(k.keyId(), k.token(value))).toList();
  }
}
