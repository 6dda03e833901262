package dev.minato.cli.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of docs/architecture.md, checked against compiled classes and module POMs. Each method
 * returns the violations it finds, one readable line each, so a test can show them all at once and
 * the checker itself can be tested with classes that break the rules on purpose.
 */
final class ModuleRules {

  private static final String KUBERNETES_CLIENT = "io.fabric8.kubernetes.client";
  private static final Pattern DEPENDENCY =
      Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
  private static final Pattern MODULE_ARTIFACT =
      Pattern.compile("<artifactId>minato-([a-z]+)</artifactId>");

  private final ModuleTable table;

  ModuleRules(ModuleTable table) {
    this.table = table;
  }

  ModuleTable table() {
    return table;
  }

  /** The module a class belongs to, from its package {@code dev.minato.<module>}. */
  static Optional<String> moduleOf(JavaClass javaClass) {
    String[] parts = javaClass.getPackageName().split("\\.");
    if (parts.length < 3 || !parts[0].equals("dev") || !parts[1].equals("minato")) {
      return Optional.empty();
    }
    return ModuleTable.MODULES.contains(parts[2]) ? Optional.of(parts[2]) : Optional.empty();
  }

  /** Classes that use another module's classes without the table allowing it. */
  List<String> moduleDependencyViolations(JavaClasses classes) {
    Set<String> violations = new TreeSet<>();
    for (JavaClass origin : classes) {
      Optional<String> from = moduleOf(origin);
      if (from.isEmpty()) {
        continue;
      }
      for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
        JavaClass target = dependency.getTargetClass().getBaseComponentType();
        Optional<String> to = moduleOf(target);
        if (to.isPresent()
            && !to.get().equals(from.get())
            && !table.allowedFor(from.get()).contains(to.get())) {
          violations.add(
              origin.getName()
                  + " (minato-"
                  + from.get()
                  + ") uses "
                  + target.getName()
                  + " (minato-"
                  + to.get()
                  + "); docs/architecture.md lets minato-"
                  + from.get()
                  + " depend only on "
                  + table.allowedFor(from.get()));
        }
      }
    }
    return List.copyOf(violations);
  }

  /**
   * Classes that touch the Kubernetes client outside {@code minato-cluster} and the CLI's {@code
   * dev.minato.cli.cluster} package, so offline commands never load it.
   */
  static List<String> kubernetesClientViolations(JavaClasses classes) {
    Set<String> violations = new TreeSet<>();
    for (JavaClass origin : classes) {
      String pkg = origin.getPackageName();
      if (inPackage(pkg, "dev.minato.cluster") || inPackage(pkg, "dev.minato.cli.cluster")) {
        continue;
      }
      for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
        JavaClass target = dependency.getTargetClass().getBaseComponentType();
        if (inPackage(target.getPackageName(), KUBERNETES_CLIENT)) {
          violations.add(
              origin.getName()
                  + " uses "
                  + target.getName()
                  + "; only minato-cluster and dev.minato.cli.cluster may touch the Kubernetes"
                  + " client");
        }
      }
    }
    return List.copyOf(violations);
  }

  /** Packages with classes that the modules table does not name, so the document is not true. */
  List<String> undocumentedPackages(JavaClasses classes) {
    Set<String> violations = new TreeSet<>();
    for (JavaClass javaClass : classes) {
      Optional<String> module = moduleOf(javaClass);
      if (module.isPresent() && !table.documents(module.get(), javaClass.getPackageName())) {
        violations.add(
            javaClass.getPackageName()
                + " (minato-"
                + module.get()
                + ") is missing from the Packages column of docs/architecture.md");
      }
    }
    return List.copyOf(violations);
  }

  /** Modules whose POM declares a non-test dependency on a module the table does not allow. */
  List<String> pomViolations(Path root) throws IOException {
    List<String> violations = new ArrayList<>();
    for (String module : ModuleTable.MODULES) {
      Path pom = root.resolve("minato-" + module).resolve("pom.xml");
      String xml = Files.readString(pom);
      String dependencies =
          xml.substring(Math.max(0, xml.indexOf("<dependencies>")), xml.lastIndexOf("</project>"));
      Matcher each = DEPENDENCY.matcher(dependencies);
      while (each.find()) {
        String dependency = each.group(1);
        Matcher artifact = MODULE_ARTIFACT.matcher(dependency);
        if (!artifact.find() || dependency.contains("<scope>test</scope>")) {
          continue;
        }
        String used = artifact.group(1);
        if (!used.equals(module) && !table.allowedFor(module).contains(used)) {
          violations.add(
              pom
                  + " depends on minato-"
                  + used
                  + "; docs/architecture.md lets minato-"
                  + module
                  + " depend only on "
                  + table.allowedFor(module));
        }
      }
    }
    return violations;
  }

  private static boolean inPackage(String name, String root) {
    return name.equals(root) || name.startsWith(root + ".");
  }
}
