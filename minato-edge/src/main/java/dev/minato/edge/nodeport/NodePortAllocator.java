package dev.minato.edge.nodeport;

import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.SourcePosition;
import dev.minato.manifest.nodeport.NodePortClaim;
import dev.minato.manifest.nodeport.NodePortClaims;
import dev.minato.manifest.nodeport.NodePortCollision;
import dev.minato.manifest.nodeport.NodePortRange;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Expose;
import dev.minato.spec.read.SpecError;
import dev.minato.spec.read.SpecException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Assigns a NodePort to every app that asks for {@code nodePort: auto}, deterministically and
 * stably: a port in the lock file stays with its app, so adding, removing or renaming another app
 * never moves it. A new app's first candidate is a hash of its name inside the static band, so its
 * port does not depend on which other apps exist either. Explicit ports in specs and NodePorts of
 * plain manifests are honoured and checked for collisions.
 *
 * <p>A NodePort identifies one app: an app may use its port in several environments (usually
 * separate clusters, and equal ports keep their load-balancer configurations alike), but no two
 * apps may share one.
 */
public final class NodePortAllocator {

  private final NodePortRange range;
  private final NodePortRange band;

  public NodePortAllocator(NodePortRange range) {
    this.range = range;
    this.band = StaticBand.of(range);
  }

  public Allocation allocate(List<App> apps, List<NodePortClaim> manifestClaims, NodePortLock lock)
      throws SpecException {
    List<SpecError> errors = new ArrayList<>();
    List<NodePortClaim> claims = new ArrayList<>(manifestClaims);
    Map<String, Integer> explicitByApp = new TreeMap<>();
    // Apps that ask for a port, and where they ask (the first version that says 'auto').
    Map<String, SourcePosition> automatic = new TreeMap<>();
    for (App app : apps) {
      // Each explicit port with where it is written: the base spec, or the environment override.
      Map<Integer, Written> ports = new TreeMap<>();
      for (Version version : versions(app)) {
        Expose expose = version.spec().expose();
        if (expose.type() != Expose.Type.NODE_PORT) {
          continue;
        }
        Written written = version.written(app);
        if (expose.autoNodePort()) {
          automatic.putIfAbsent(app.name(), written.position());
        } else if (expose.nodePort().isPresent()) {
          ports.putIfAbsent(expose.nodePort().getAsInt(), written);
        }
      }
      for (Map.Entry<Integer, Written> entry : ports.entrySet()) {
        int port = entry.getKey();
        Written written = entry.getValue();
        if (!range.contains(port)) {
          errors.add(
              new SpecError(
                  written.position(),
                  written.field(),
                  "NodePort "
                      + port
                      + " of app '"
                      + app.name()
                      + "' is outside the cluster's range "
                      + range
                      + " (platform.yaml nodePortRange)"));
        }
        claims.add(new NodePortClaim(port, "TCP", app.name(), written.position()));
        explicitByApp.putIfAbsent(app.name(), port);
      }
    }
    for (NodePortCollision collision : NodePortClaims.collisions(claims)) {
      NodePortClaim first = collision.claims().get(0);
      for (NodePortClaim other : collision.othersThan(first)) {
        if (!other.owner().equals(first.owner())) {
          boolean copyPossible = isManifest(first) || isManifest(other);
          errors.add(
              new SpecError(
                  other.position(),
                  isManifest(other) ? "" : "spec.expose.nodePort",
                  "NodePort "
                      + collision.port()
                      + " is claimed by "
                      + describe(other)
                      + " and by "
                      + describe(first)
                      + " at "
                      + first.position()
                      + (copyPossible
                          ? "; if a file is a copy (a saved kubectl kustomize output, say),"
                              + " exclude it in platform.yaml (nodePortScan.exclude)"
                          : "")));
        }
      }
    }
    Set<Integer> used = new HashSet<>();
    Map<Integer, String> usedBy = new HashMap<>();
    for (NodePortClaim claim : claims) {
      used.add(claim.port());
      usedBy.putIfAbsent(claim.port(), describe(claim));
    }
    Map<String, Integer> assigned = new LinkedHashMap<>();
    List<Assignment> assignments = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> fresh = new ArrayList<>();
    for (String app : automatic.keySet()) {
      Integer locked = lock.ports().get(app);
      if (locked == null) {
        fresh.add(app);
      } else if (!range.contains(locked)) {
        warnings.add(
            "app '"
                + app
                + "': locked NodePort "
                + locked
                + " is outside the range "
                + range
                + " now; assigning a new one");
        fresh.add(app);
      } else if (used.contains(locked)) {
        errors.add(
            new SpecError(
                automatic.get(app),
                "spec.expose.nodePort",
                "NodePort "
                    + locked
                    + " is locked for app '"
                    + app
                    + "' (nodeports.lock) but also claimed by "
                    + usedBy.get(locked)
                    + "; give that claimant another port, or remove the lock line"));
      } else {
        used.add(locked);
        assigned.put(app, locked);
        assignments.add(new Assignment(app, locked, Assignment.Source.LOCKED));
      }
    }
    for (String app : fresh) {
      int port = choose(app, used, warnings);
      if (port < 0) {
        errors.add(
            new SpecError(
                automatic.get(app),
                "spec.expose.nodePort",
                "no free NodePort" + " left in " + range + " for app '" + app + "'"));
        continue;
      }
      used.add(port);
      assigned.put(app, port);
      assignments.add(new Assignment(app, port, Assignment.Source.NEW));
    }
    if (!errors.isEmpty()) {
      throw new SpecException(errors);
    }
    explicitByApp.forEach(
        (app, port) -> assignments.add(new Assignment(app, port, Assignment.Source.EXPLICIT)));
    assignments.sort(
        java.util.Comparator.comparing(Assignment::app).thenComparing(Assignment::port));
    return new Allocation(
        List.copyOf(assignments), new NodePortLock(new TreeMap<>(assigned)), List.copyOf(warnings));
  }

  /** A hash-chosen free port in the static band, else in the rest of the range (with a warning). */
  private int choose(String app, Set<Integer> used, List<String> warnings) {
    int inBand = probe(band, hash(app), used);
    if (inBand >= 0) {
      return inBand;
    }
    NodePortRange dynamic =
        band.max() < range.max() ? new NodePortRange(band.max() + 1, range.max()) : null;
    int outside = dynamic == null ? -1 : probe(dynamic, hash(app), used);
    if (outside >= 0) {
      warnings.add(
          "app '"
              + app
              + "' got NodePort "
              + outside
              + " outside the static band "
              + band
              + " (KEP-3668), which is full: the API server may also hand this port to a Service"
              + " created without one. Prefer explicit ports or a larger nodePortRange.");
    }
    return outside;
  }

  private static int probe(NodePortRange within, long hash, Set<Integer> used) {
    int size = within.size();
    int start = (int) (hash % size);
    for (int i = 0; i < size; i++) {
      int port = within.min() + (start + i) % size;
      if (!used.contains(port)) {
        return port;
      }
    }
    return -1;
  }

  private static long hash(String app) {
    CRC32 crc = new CRC32();
    crc.update(app.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }

  /** One version of an app's spec: the base ({@code environment} null) or an environment's. */
  private record Version(String environment, AppSpec spec) {
    /** Where this version's NodePort is written: an environment's override, or the base spec. */
    Written written(App app) {
      if (environment != null) {
        String override =
            JsonPointers.child(JsonPointers.child("/environments", environment), "expose")
                + "/nodePort";
        Optional<SourcePosition> at = app.positions().exactValue(override);
        if (at.isPresent()) {
          return new Written(at.get(), "environments." + environment + ".expose.nodePort");
        }
      }
      return new Written(app.positions().value("/spec/expose/nodePort"), "spec.expose.nodePort");
    }
  }

  /** A spec field's position and its dotted name, for errors. */
  private record Written(SourcePosition position, String field) {}

  private static List<Version> versions(App app) {
    return Stream.concat(
            Stream.of(new Version(null, app.spec())),
            app.environments().stream().map(e -> new Version(e.name(), e.spec())))
        .toList();
  }

  private static String describe(NodePortClaim claim) {
    return isManifest(claim) ? claim.owner() : "app '" + claim.owner() + "'";
  }

  /** A claim of a plain manifest ({@code Service/…}) rather than of an app's spec. */
  private static boolean isManifest(NodePortClaim claim) {
    return claim.owner().contains("/");
  }
}
