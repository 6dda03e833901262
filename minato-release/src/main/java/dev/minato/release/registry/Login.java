package dev.minato.release.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A registry login, in one of the two forms Docker keeps: a user and password, sent as basic
 * authentication, or an identity token (a credential helper's answer with the user {@code <token>},
 * or {@code identitytoken} in {@code config.json}), an OAuth2 refresh token that the registry's
 * token service exchanges for an access token. Neither form ever prints its secret.
 */
sealed interface Login {

  /** The base64 of {@code user:password}, as {@code config.json}'s {@code auth} stores it. */
  record Basic(String base64) implements Login {
    static Basic of(String user, String password) {
      return new Basic(
          Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    String header() {
      return "Basic " + base64;
    }

    @Override
    public String toString() {
      return "Basic[…]";
    }
  }

  /** An OAuth2 refresh token, exchanged with {@code grant_type=refresh_token} as Docker does. */
  record IdentityToken(String refreshToken) implements Login {
    @Override
    public String toString() {
      return "IdentityToken[…]";
    }
  }
}
