package dev.minato.edge.nodeport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.manifest.nodeport.NodePortClaim;
import dev.minato.manifest.nodeport.NodePortRange;
import dev.minato.spec.App;
import dev.minato.spec.read.SpecReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Properties of allocation over many random repositories (a fixed seed, so a failure reproduces):
 * ports are never handed out twice and stay in range, and an app's port never moves when other apps
 * are added, removed or renamed.
 */
class NodePortAllocatorPropertyTest {

  private static final int CASES = 150;

  static App auto(String name) throws Exception {
    return spec(name, "auto");
  }

  static App spec(String name, String nodePort) throws Exception {
    return SpecReader.read(
            name + ".yaml",
            "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: "
                + name
                + "}\n"
                + "spec:\n  image: a:1\n  port: 80\n  resources: {cpu: 1, memory: 1Gi}\n"
                + "  expose: {type: NodePort, nodePort: "
                + nodePort
                + "}\n")
        .get(0);
  }

  private static List<String> names(Random random, int count, Set<String> taken) {
    List<String> names = new ArrayList<>();
    while (names.size() < count) {
      String name = "app-" + Integer.toString(random.nextInt(1_000_000), 36);
      if (taken.add(name)) {
        names.add(name);
      }
    }
    return names;
  }

  private static List<App> apps(List<String> names) throws Exception {
    List<App> apps = new ArrayList<>();
    for (String name : names) {
      apps.add(auto(name));
    }
    return apps;
  }

  @Test
  void neverAssignsAPortTwiceAndStaysInRange() throws Exception {
    Random random = new Random(42);
    NodePortRange range = new NodePortRange(30000, 30199); // small, so bands fill up
    for (int c = 0; c < CASES; c++) {
      Set<String> taken = new HashSet<>();
      List<App> apps = new ArrayList<>(apps(names(random, 1 + random.nextInt(60), taken)));
      List<NodePortClaim> manifests = new ArrayList<>();
      Set<Integer> explicit = new HashSet<>();
      for (String name : names(random, random.nextInt(10), taken)) {
        int port = 30000 + random.nextInt(200);
        if (explicit.add(port)) {
          apps.add(spec(name, Integer.toString(port)));
        }
      }
      for (int i = random.nextInt(5); i > 0; i--) {
        int port = 30000 + random.nextInt(200);
        if (explicit.add(port)) {
          manifests.add(
              new NodePortClaim(
                  port,
                  "TCP",
                  "Service/legacy-" + i,
                  dev.minato.manifest.SourcePosition.ofSource("m.yaml")));
        }
      }

      Allocation allocation =
          new NodePortAllocator(range).allocate(apps, manifests, NodePortLock.empty());

      Set<Integer> seen = new HashSet<>(explicit);
      for (int port : allocation.automatic().values()) {
        assertThat(range.contains(port)).isTrue();
        assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
      }
    }
  }

  @Test
  void existingAssignmentsSurviveInsertionsDeletionsAndRenames() throws Exception {
    Random random = new Random(7);
    NodePortAllocator allocator = new NodePortAllocator(NodePortRange.DEFAULT);
    for (int c = 0; c < CASES; c++) {
      Set<String> taken = new HashSet<>();
      List<String> before = names(random, 2 + random.nextInt(40), taken);
      Allocation first = allocator.allocate(apps(before), List.of(), NodePortLock.empty());

      List<String> after = new ArrayList<>(before);
      List<String> removed = new ArrayList<>();
      for (int i = random.nextInt(Math.max(1, before.size() / 3)); i > 0 && after.size() > 1; i--) {
        removed.add(after.remove(random.nextInt(after.size())));
      }
      for (String renamed : removed.subList(0, removed.size() / 2)) {
        after.add(renamed + "-v2"); // a rename is a removal plus an insertion
      }
      after.addAll(names(random, random.nextInt(20), taken));
      java.util.Collections.shuffle(after, random);

      Allocation second = allocator.allocate(apps(after), List.of(), first.lock());

      for (Map.Entry<String, Integer> kept : first.automatic().entrySet()) {
        if (after.contains(kept.getKey())) {
          assertThat(second.automatic()).containsEntry(kept.getKey(), kept.getValue());
        } else {
          assertThat(second.automatic()).doesNotContainKey(kept.getKey());
        }
      }
      assertThat(new HashSet<>(second.automatic().values())).hasSize(second.automatic().size());
    }
  }

  @Test
  void theSameInputGivesTheSameAllocation() throws Exception {
    List<App> apps = apps(List.of("a", "b", "c", "d"));
    NodePortAllocator allocator = new NodePortAllocator(NodePortRange.DEFAULT);

    List<App> reversed = new ArrayList<>(apps);
    java.util.Collections.reverse(reversed);

    assertThat(allocator.allocate(apps, List.of(), NodePortLock.empty()))
        .isEqualTo(allocator.allocate(reversed, List.of(), NodePortLock.empty()));
  }
}
