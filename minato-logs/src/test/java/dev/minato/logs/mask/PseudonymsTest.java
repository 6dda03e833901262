package dev.minato.logs.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PseudonymsTest {

  @Test
  void aTokenIsTheKeyIdAndBase64UrlOfTheFirst16BytesOfHmacSha256() throws Exception {
    byte[] key = "k".repeat(32).getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    for (String value : new String[] {"alice@example.com", "10.0.0.1", "", "ünï"}) {
      byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      String expected =
          "tok:k1:"
              + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
      assertThat(new Pseudonyms("k1", key).token(value)).isEqualTo(expected);
    }
  }

  @Test
  void aKeyLongerThanSha256sBlockIsHashedFirstAsRfc2104Says() throws Exception {
    byte[] key = "long-key-".repeat(12).getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] digest = mac.doFinal("203.0.113.7".getBytes(StandardCharsets.UTF_8));
    assertThat(new Pseudonyms("k2", key).token("203.0.113.7"))
        .isEqualTo(
            "tok:k2:"
                + Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(Arrays.copyOf(digest, 16)));
  }
}
