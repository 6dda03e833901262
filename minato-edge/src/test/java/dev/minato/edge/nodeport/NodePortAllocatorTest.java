package dev.minato.edge.nodeport;

import static dev.minato.edge.nodeport.NodePortAllocatorPropertyTest.auto;
import static dev.minato.edge.nodeport.NodePortAllocatorPropertyTest.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.minato.manifest.SourcePosition;
import dev.minato.manifest.nodeport.NodePortClaim;
import dev.minato.manifest.nodeport.NodePortRange;
import dev.minato.spec.read.SpecError;
import dev.minato.spec.read.SpecException;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NodePortAllocatorTest {

  private final NodePortAllocator allocator = new NodePortAllocator(NodePortRange.DEFAULT);

  @Test
  void theStaticBandFollowsKep3668() {
    assertThat(StaticBand.of(NodePortRange.DEFAULT)).isEqualTo(new NodePortRange(30000, 30085));
    assertThat(StaticBand.of(new NodePortRange(30000, 30099)))
        .isEqualTo(new NodePortRange(30000, 30015));
    assertThat(StaticBand.of(new NodePortRange(20000, 32767)))
        .isEqualTo(new NodePortRange(20000, 20127));
  }

  @Test
  void newPortsComeFromTheStaticBand() throws Exception {
    Allocation allocation =
        allocator.allocate(List.of(auto("a"), auto("b")), List.of(), NodePortLock.empty());

    assertThat(allocation.automatic().values()).allMatch(p -> p >= 30000 && p <= 30085);
    assertThat(allocation.warnings()).isEmpty();
    assertThat(allocation.assignments())
        .extracting(Assignment::source)
        .containsOnly(Assignment.Source.NEW);
  }

  @Test
  void warnsWhenThePortMustComeFromOutsideTheStaticBand() throws Exception {
    NodePortAllocator tiny = new NodePortAllocator(new NodePortRange(30000, 30019)); // band of 16
    List<dev.minato.spec.App> apps = new java.util.ArrayList<>();
    for (int i = 0; i < 17; i++) {
      apps.add(auto("app-" + i));
    }

    Allocation allocation = tiny.allocate(apps, List.of(), NodePortLock.empty());

    assertThat(allocation.warnings())
        .singleElement()
        .asString()
        .contains("outside the static band 30000-30015 (KEP-3668)");
  }

  @Test
  void keepsLockedPortsAndDropsAppsThatNoLongerAsk() throws Exception {
    TreeMap<String, Integer> locked = new TreeMap<>();
    locked.put("a", 30050);
    locked.put("gone", 30051);

    Allocation allocation =
        allocator.allocate(List.of(auto("a")), List.of(), new NodePortLock(locked));

    assertThat(allocation.lock().ports()).containsOnlyKeys("a").containsEntry("a", 30050);
    assertThat(allocation.assignments())
        .singleElement()
        .extracting(Assignment::source)
        .isEqualTo(Assignment.Source.LOCKED);
  }

  @Test
  void avoidsPortsOfExplicitSpecsAndPlainManifests() throws Exception {
    List<NodePortClaim> manifests = new java.util.ArrayList<>();
    for (int port = 30000; port <= 30085; port++) {
      if (port != 30042) {
        manifests.add(
            new NodePortClaim(
                port, "TCP", "Service/ns/m" + port, SourcePosition.ofSource("m.yaml")));
      }
    }

    Allocation allocation = allocator.allocate(List.of(auto("a")), manifests, NodePortLock.empty());

    assertThat(allocation.automatic()).containsEntry("a", 30042);
  }

  @Test
  void namesBothClaimantsOfACollision() throws Exception {
    NodePortClaim manifest =
        new NodePortClaim(
            30080, "TCP", "Service/shop/legacy", new SourcePosition("legacy.yaml", 7, 17));

    SpecException e =
        catchThrowableOfType(
            SpecException.class,
            () ->
                allocator.allocate(
                    List.of(spec("a", "30080")), List.of(manifest), NodePortLock.empty()));

    assertThat(e.errors())
        .extracting(SpecError::toString)
        .singleElement()
        .asString()
        .contains(
            "NodePort 30080 is claimed by app 'a' and by Service/shop/legacy at legacy.yaml:7:17");
  }

  @Test
  void aLockedPortTakenByAnExplicitClaimIsAnError() throws Exception {
    TreeMap<String, Integer> locked = new TreeMap<>();
    locked.put("a", 30080);

    SpecException e =
        catchThrowableOfType(
            SpecException.class,
            () ->
                allocator.allocate(
                    List.of(auto("a"), spec("b", "30080")), List.of(), new NodePortLock(locked)));

    assertThat(e.errors())
        .extracting(SpecError::toString)
        .singleElement()
        .asString()
        .contains(
            "NodePort 30080 is locked for app 'a' (nodeports.lock) but also claimed by app 'b'");
  }

  @Test
  void rejectsExplicitPortsOutsideThePlatformRange() throws Exception {
    SpecException e =
        catchThrowableOfType(
            SpecException.class,
            () ->
                new NodePortAllocator(new NodePortRange(31000, 31999))
                    .allocate(List.of(spec("a", "30080")), List.of(), NodePortLock.empty()));

    assertThat(e.errors())
        .extracting(SpecError::toString)
        .singleElement()
        .asString()
        .contains("NodePort 30080 of app 'a' is outside the cluster's range 31000-31999");
  }

  @Test
  void anAppMayUseItsPortInSeveralEnvironments() throws Exception {
    dev.minato.spec.App app =
        dev.minato.spec.read.SpecReader.read(
                "a.yaml",
                "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: a}\nspec:\n  image: a:1\n  port: 80\n"
                    + "  resources: {cpu: 1, memory: 1Gi}\n  expose: {type: NodePort, nodePort: 30080}\n"
                    + "environments:\n  dev: {}\n  prd: {}\n")
            .get(0);

    assertThat(allocator.allocate(List.of(app), List.of(), NodePortLock.empty()).assignments())
        .singleElement()
        .extracting(Assignment::port)
        .isEqualTo(30080);
  }

  @Test
  void errorsPointAtTheLineThatWritesThePort() throws Exception {
    SpecException e =
        catchThrowableOfType(
            SpecException.class,
            () ->
                allocator.allocate(
                    List.of(spec("a", "30080"), spec("b", "30080")),
                    List.of(),
                    NodePortLock.empty()));

    // spec() writes 'expose: {type: NodePort, nodePort: 30080}' on line 8, the port at column 38.
    assertThat(e.errors())
        .extracting(SpecError::toString)
        .singleElement()
        .asString()
        .startsWith("b.yaml:8:38")
        .contains("claimed by app 'b' and by app 'a' at a.yaml:8:38");
  }

  @Test
  void anEnvironmentsOwnPortIsReportedAtItsOverride() throws Exception {
    dev.minato.spec.App app =
        dev.minato.spec.read.SpecReader.read(
                "a.yaml",
                "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: a}\nspec:\n  image: a:1\n"
                    + "  port: 80\n  resources: {cpu: 1, memory: 1Gi}\n"
                    + "  expose: {type: NodePort, nodePort: 30080}\n"
                    + "environments:\n  dev: {}\n  prd:\n    expose: {nodePort: 29000}\n")
            .get(0);

    SpecException e =
        catchThrowableOfType(
            SpecException.class,
            () -> allocator.allocate(List.of(app), List.of(), NodePortLock.empty()));

    assertThat(e.errors())
        .extracting(SpecError::toString)
        .singleElement()
        .asString()
        .startsWith("a.yaml:12:24: environments.prd.expose.nodePort:")
        .contains("NodePort 29000 of app 'a' is outside");
  }
}
