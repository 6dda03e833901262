package dev.minato.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cluster.sandbox.Emulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No command writes a Secret's value in plaintext, or in base64, anywhere: not to standard output
 * or error, not to any file under the test's directory or the working directory. Secrets are
 * planted with distinctive values in {@code data} (base64) and {@code stringData}; a ConfigMap
 * value that is not secret is the control, and must show up where the commands print or store
 * configuration, so a scan that finds nothing is known to look in the right places.
 *
 * <p>Each command runs in turn; after it, its output and every file are scanned, and a leak fails
 * the test naming the command and the file (or stream) the value first appeared in.
 */
class SecretsNeverWrittenTest {

  /** Decoded value of the Secret's {@code data.token}, written in the manifest as base64. */
  static final String DATA_VALUE = "tokenValueQ7x2Kp9Lw4Zr";

  /** Value of the Secret's {@code stringData.password}. */
  static final String STRING_DATA_VALUE = "passwordValueM3v8Tj6Yh1";

  /** Values the Secret takes after a change by hand, to exercise diffs and drift. */
  static final String CHANGED_DATA_VALUE = "tokenChangedB5n0Wq2Ex7";

  static final String CHANGED_STRING_DATA_VALUE = "passwordChangedF4c9Gu3Rs8";

  /** The control: configuration that is not secret and may be shown. */
  static final String CONTROL_VALUE = "controlValueH8k2Dn5Pa0";

  static final String CHANGED_CONTROL_VALUE = "controlChangedJ6m1Vx4Bz3";

  static final List<String> SECRET_VALUES =
      List.of(DATA_VALUE, STRING_DATA_VALUE, CHANGED_DATA_VALUE, CHANGED_STRING_DATA_VALUE);

  @TempDir Path dir;
  Path cwd = Path.of("").toAbsolutePath();
  Instant started;
  Emulator source;
  Emulator target;
  Emulator migrated;
  Path sourceConfig;
  Path targetConfig;
  Path migratedConfig;
  Path inputs;
  Path manifests;
  Path changedManifests;
  Path key;

  /** Whatever reaches the JVM's own streams (a library's logging, a stray print). */
  PrintStream oldOut;

  PrintStream oldErr;
  ByteArrayOutputStream stray = new ByteArrayOutputStream();

  /** Leaks found: where, and which command wrote it first. */
  Map<String, String> leaks = new LinkedHashMap<>();

  Set<String> controlSeenIn = new LinkedHashSet<>();

  @BeforeEach
  void plant() throws Exception {
    started = Instant.now().minusSeconds(1);
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(stray, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(stray, true, StandardCharsets.UTF_8));
    source = Emulator.start(0);
    target = Emulator.start(0);
    migrated = Emulator.start(0);
    sourceConfig = dir.resolve("source.kubeconfig");
    targetConfig = dir.resolve("target.kubeconfig");
    migratedConfig = dir.resolve("migrated.kubeconfig");
    source.writeKubeconfig(sourceConfig, "source");
    target.writeKubeconfig(targetConfig, "target");
    migrated.writeKubeconfig(migratedConfig, "migrated");
    // Inputs hold the values by design; they are the one place not scanned.
    inputs = Files.createDirectories(dir.resolve("inputs"));
    manifests = Files.createDirectories(inputs.resolve("shop"));
    changedManifests = Files.createDirectories(inputs.resolve("changed/shop"));
    Files.writeString(
        manifests.resolve("all.yaml"), shop(DATA_VALUE, STRING_DATA_VALUE, CONTROL_VALUE));
    Files.writeString(
        changedManifests.resolve("all.yaml"),
        shop(CHANGED_DATA_VALUE, CHANGED_STRING_DATA_VALUE, CHANGED_CONTROL_VALUE));
    key = inputs.resolve("backup.key");
    Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]) + "\n");
  }

  @AfterEach
  void stop() {
    System.setOut(oldOut);
    System.setErr(oldErr);
    source.close();
    target.close();
    migrated.close();
  }

  static String shop(String token, String password, String control) {
    return """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: db, namespace: shop}
        type: Opaque
        data: {token: %s}
        stringData: {password: %s}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: shop}
        data: {mode: %s}
        """
        .formatted(base64(token), password, control);
  }

  @Test
  void noClusterCommandWritesASecretValue() throws Exception {
    run("apply --diff (creating)", "apply", manifests.toString(), "--diff", kube(sourceConfig));
    run("apply --dry-run", "apply", manifests.toString(), "--dry-run", kube(sourceConfig));
    run("apply", "apply", manifests.toString(), kube(sourceConfig));
    run(
        "apply --diff (changed Secret and ConfigMap)",
        "apply",
        changedManifests.toString(),
        "--diff",
        kube(sourceConfig));
    run("drift (clean)", "drift", manifests.toString(), kube(sourceConfig));
    run(
        "drift (changed Secret and ConfigMap)",
        "drift",
        changedManifests.toString(),
        kube(sourceConfig));
    Path plainBackup = dir.resolve("backups/plain");
    Path secretBackup = dir.resolve("backups/with-secrets");
    run("backup", "backup", "-o", plainBackup.toString(), kube(sourceConfig));
    run(
        "backup --include-secrets",
        "backup",
        "-o",
        secretBackup.toString(),
        "--include-secrets",
        withKey(),
        kube(sourceConfig));
    run(
        "backup verify",
        "backup",
        "verify",
        secretBackup.toString(),
        "--yes",
        withKey(),
        kube(targetConfig));
    run(
        "restore --dry-run",
        "restore",
        secretBackup.toString(),
        "--dry-run",
        withKey(),
        kube(targetConfig));
    run("restore", "restore", secretBackup.toString(), "--yes", withKey(), kube(targetConfig));
    run(
        "drift --backup",
        "drift",
        "--backup",
        secretBackup.toString(),
        withKey(),
        kube(targetConfig));
    run("apply (the change by hand)", "apply", changedManifests.toString(), kube(sourceConfig));
    run(
        "drift --backup (changed by hand)",
        "drift",
        "--backup",
        secretBackup.toString(),
        withKey(),
        kube(sourceConfig));
    run(
        "restore --dry-run (over objects changed by hand)",
        "restore",
        secretBackup.toString(),
        "--dry-run",
        withKey(),
        kube(sourceConfig));
    run(
        "restore (over objects changed by hand)",
        "restore",
        secretBackup.toString(),
        "--yes",
        withKey(),
        kube(sourceConfig));
    assertThat(controlSeenIn)
        .as("the control value shows where configuration is printed or stored")
        .anyMatch(place -> place.contains("apply --diff (changed"))
        .anyMatch(place -> place.contains("drift (changed"))
        .anyMatch(place -> place.startsWith("file backups/plain/"));
    assertNoLeaks();
  }

  @Test
  void migrationWritesNoSecretValue() throws Exception {
    run("apply", "apply", manifests.toString(), kube(sourceConfig));
    Path state = dir.resolve("migration/state.json");
    run("migrate plan", "migrate", "plan", migrationSides());
    run("migrate run", "migrate", "run", "--yes", "--state", state.toString(), migrationSides());
    run(
        "migrate run (resumed)",
        "migrate",
        "run",
        "--yes",
        "--state",
        state.toString(),
        migrationSides());

    assertNoLeaks();
  }

  @Test
  void theSandboxCommandWritesNoSecretValue() throws Exception {
    Path kubeconfig = dir.resolve("sandbox.kubeconfig");
    AtomicReference<CliRun> served = new AtomicReference<>();
    Thread server =
        new Thread(
            () -> served.set(CliRun.of("sandbox", "--kubeconfig-out", kubeconfig.toString())));
    server.start();
    for (int i = 0; i < 100 && !Files.exists(kubeconfig); i++) {
      Thread.sleep(100);
    }
    run("apply (to the sandbox)", "apply", manifests.toString(), kube(kubeconfig));
    run(
        "apply --diff (to the sandbox)",
        "apply",
        changedManifests.toString(),
        "--diff",
        kube(kubeconfig));
    server.interrupt();
    server.join(10_000);
    assertThat(served.get()).as("the sandbox stopped").isNotNull();
    scan("sandbox", served.get());
    assertThat(controlSeenIn).anyMatch(place -> place.contains("apply --diff (to the sandbox)"));
    assertNoLeaks();
  }

  @Test
  void checkInEveryFormatWritesNoSecretValue() throws Exception {
    for (String format : List.of("text", "json", "sarif", "junit", "github")) {
      run("check --format " + format, "check", manifests.toString(), "--format", format);
      run(
          "check --format " + format + " -o",
          "check",
          manifests.toString(),
          "--format",
          format,
          "-o",
          dir.resolve("reports/check." + format).toString());
    }
    run(
        "check --write-baseline",
        "check",
        manifests.toString(),
        "--write-baseline",
        dir.resolve("reports/baseline.json").toString());
    assertNoLeaks();
  }

  @Test
  void generateWritesNoSecretValue() throws Exception {
    Path spec = Files.createDirectories(inputs.resolve("app"));
    Files.writeString(
        spec.resolve("minato.yaml"),
        """
        apiVersion: minato.dev/v1
        kind: App
        metadata: {name: shop, namespace: shop}
        spec:
          image: registry.example.com/shop:1.0.0
          port: 8080
          resources: {cpu: 500m, memory: 256Mi}
          env: {MODE: %s}
          secretEnv: [DB_PASSWORD]
        environments:
          prd: {}
        """
            .formatted(CONTROL_VALUE));
    run("generate", "generate", "-f", spec.toString(), "-o", dir.resolve("generated").toString());
    run(
        "generate --flat",
        "generate",
        "-f",
        spec.toString(),
        "--flat",
        "-o",
        dir.resolve("flat").toString());
    assertThat(controlSeenIn).anyMatch(place -> place.startsWith("file generated/"));
    assertNoLeaks();
  }

  // --- running and scanning ---

  String[] migrationSides() {
    return new String[] {
      "--from",
      "source",
      "--to",
      "migrated",
      "--from-kubeconfig",
      sourceConfig.toString(),
      "--to-kubeconfig",
      migratedConfig.toString()
    };
  }

  String[] withKey() {
    return new String[] {"--encryption-key-file", key.toString()};
  }

  static String[] kube(Path kubeconfig) {
    return new String[] {"--kubeconfig", kubeconfig.toString()};
  }

  /** Runs one command (arguments may be strings or string arrays) and scans what it wrote. */
  void run(String command, Object... args) throws IOException {
    List<String> flat = new ArrayList<>();
    for (Object arg : args) {
      if (arg instanceof String[] many) {
        flat.addAll(List.of(many));
      } else {
        flat.add((String) arg);
      }
    }
    CliRun result = CliRun.of(flat.toArray(String[]::new));
    assertThat(result.exitCode())
        .as("%s ran: %s%s", command, result.out(), result.err())
        .isBetween(0, 1);
    scan(command, result);
  }

  void scan(String command, CliRun result) throws IOException {
    look(command, "standard output of '" + command + "'", result.out());
    look(command, "standard error of '" + command + "'", result.err());
    look(
        command,
        "the JVM's own output during '" + command + "'",
        stray.toString(StandardCharsets.UTF_8));
    for (Path file : written()) {
      String shown = file.startsWith(dir) ? dir.relativize(file).toString() : file.toString();
      look(command, "file " + shown, Files.readString(file, StandardCharsets.ISO_8859_1));
    }
  }

  /**
   * Every file under the test's directory but its inputs, and new files in the working directory.
   */
  List<Path> written() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> all = Files.walk(dir)) {
      all.filter(Files::isRegularFile).filter(p -> !p.startsWith(inputs)).forEach(files::add);
    }
    try (Stream<Path> all = Files.walk(cwd)) {
      all.filter(Files::isRegularFile)
          .filter(p -> !p.startsWith(cwd.resolve("target")) && !p.startsWith(dir))
          .filter(p -> modifiedSinceStart(p))
          .forEach(files::add);
    }
    return files;
  }

  boolean modifiedSinceStart(Path file) {
    try {
      return Files.getLastModifiedTime(file).compareTo(FileTime.from(started)) >= 0;
    } catch (IOException e) {
      return false;
    }
  }

  void look(String command, String place, String text) {
    for (String value : SECRET_VALUES) {
      for (Map.Entry<String, String> form : forms(value).entrySet()) {
        if (text.contains(form.getValue())) {
          leaks.putIfAbsent(
              place + " holds Secret value " + value + " " + form.getKey(),
              "first after '" + command + "'");
        }
      }
    }
    if (text.contains(CONTROL_VALUE) || text.contains(CHANGED_CONTROL_VALUE)) {
      controlSeenIn.add(place.startsWith("file ") ? place : place + " [" + command + "]");
    }
  }

  void assertNoLeaks() {
    StringBuilder report = new StringBuilder();
    leaks.forEach((where, when) -> report.append("\n  ").append(where).append(", ").append(when));
    assertThat(leaks).as("Secret values written in plaintext or base64:%s", report).isEmpty();
  }

  /**
   * The value as text, and as base64 at each of the three alignments it can take inside a longer
   * encoded text (the middle that does not depend on the bytes around it).
   */
  static Map<String, String> forms(String value) {
    Map<String, String> forms = new LinkedHashMap<>();
    forms.put("in plaintext", value);
    for (int offset = 0; offset < 3; offset++) {
      String encoded = base64("x".repeat(offset) + value);
      int end = 4 * ((offset + value.length()) / 3);
      forms.put("in base64 (alignment " + offset + ")", encoded.substring(4, end));
    }
    return forms;
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
