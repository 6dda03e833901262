package dev.minato.cluster.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cluster.sandbox.Emulator;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterIdentityTest {

  @TempDir Path dir;

  @Test
  void sandboxStartsWithTheNamespacesOfANewCluster() throws Exception {
    try (Emulator emulator = Emulator.start(0);
        ClusterSession session = open(emulator, "a")) {
      assertThat(session.live().get(namespaces(session), "", "kube-system")).isPresent();
      assertThat(session.live().get(namespaces(session), "", "default")).isPresent();
      assertThat(session.live().get(namespaces(session), "", "kube-public")).isPresent();
      assertThat(session.live().get(namespaces(session), "", "kube-node-lease")).isPresent();
    }
  }

  @Test
  void identityIsTheKubeSystemUidAndSurvivesARestartWithTheSameUid() throws Exception {
    ClusterIdentity first;
    int port;
    try (Emulator emulator = Emulator.start(0, "11111111-2222-3333-4444-555555555555");
        ClusterSession session = open(emulator, "a")) {
      first = session.identity();
      port = emulator.port();
      assertThat(first.uid()).contains("11111111-2222-3333-4444-555555555555");
      assertThat(first.server()).isEqualTo(emulator.url() + "/");
    }
    try (Emulator again = Emulator.start(port, "11111111-2222-3333-4444-555555555555");
        ClusterSession session = open(again, "b")) {
      assertThat(session.identity().sameClusterAs(first)).isTrue();
    }
  }

  @Test
  void twoSandboxesAreTwoClustersAndOneSandboxIsOneWhateverTheContextName() throws Exception {
    try (Emulator one = Emulator.start(0);
        Emulator two = Emulator.start(0);
        ClusterSession a = open(one, "a");
        ClusterSession alias = open(one, "alias");
        ClusterSession b = open(two, "b")) {
      assertThat(a.identity().sameClusterAs(b.identity())).isFalse();
      assertThat(a.identity().sameClusterAs(alias.identity())).isTrue();
      assertThat(a.identity().key()).isEqualTo(one.clusterUid());
    }
  }

  @Test
  void withoutAUidTheUrlDecides() {
    ClusterIdentity a = new ClusterIdentity("https://a:6443/", Optional.empty());
    ClusterIdentity b = new ClusterIdentity("https://b:6443/", Optional.of("x"));
    assertThat(a.sameClusterAs(a)).isTrue();
    assertThat(a.sameClusterAs(b)).isFalse();
    assertThat(a.key()).isEqualTo("https://a:6443/");
  }

  private ClusterSession open(Emulator emulator, String context) throws Exception {
    Path kubeconfig = dir.resolve(context + "-" + emulator.port() + ".kubeconfig");
    emulator.writeKubeconfig(kubeconfig, context);
    return ClusterSession.open(ClusterTarget.of(kubeconfig, context));
  }

  private static ResourceType namespaces(ClusterSession session) {
    return session.catalog().find("v1", "Namespace").orElseThrow();
  }
}
