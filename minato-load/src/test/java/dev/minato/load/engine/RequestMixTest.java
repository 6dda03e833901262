package dev.minato.load.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.load.scenario.RequestTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RequestMixTest {

  private static RequestTemplate weighted(String path, int weight) {
    return new RequestTemplate(path, "GET", path, new TreeMap<>(), new byte[0], weight);
  }

  @Test
  void sendsEachRequestInProportionToItsWeightSpreadOut() {
    RequestMix mix = new RequestMix(List.of(weighted("/a", 3), weighted("/b", 1)));

    List<Integer> cycle = new ArrayList<>();
    for (int n = 0; n < 8; n++) {
      cycle.add(mix.templateOf(n));
    }

    assertThat(cycle).containsExactly(0, 0, 1, 0, 0, 0, 1, 0);
  }
}
