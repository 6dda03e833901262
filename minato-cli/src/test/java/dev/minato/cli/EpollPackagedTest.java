package dev.minato.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The class path the build packages (minato-cli's runtime dependencies) holds Linux's epoll
 * transport for both CPU architectures Kubernetes nodes run: without it {@code load} and {@code
 * shadow} fall back to Java's NIO on that architecture, and a closed-model HTTP/2 or TLS run loses
 * its poll-before-sleep loop, which exists only on epoll.
 */
class EpollPackagedTest {

  @Test
  void linuxOnX86AndOnArmHasItsEpollLibrary() {
    for (String library :
        List.of(
            "libnetty_transport_native_epoll_x86_64.so",
            "libnetty_transport_native_epoll_aarch_64.so")) {
      assertThat(getClass().getClassLoader().getResource("META-INF/native/" + library))
          .as(library)
          .isNotNull();
    }
  }
}
