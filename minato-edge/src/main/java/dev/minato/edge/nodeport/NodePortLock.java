package dev.minato.edge.nodeport;

import dev.minato.manifest.AtomicFile;
import dev.minato.manifest.SourcePosition;
import dev.minato.spec.read.SpecError;
import dev.minato.spec.read.SpecException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The committed record of assigned NodePorts ({@code nodeports.lock}): one {@code app port} line
 * per app that asked for {@code nodePort: auto}, sorted, so a review shows exactly which port a new
 * app got and that no other moved.
 */
public record NodePortLock(SortedMap<String, Integer> ports) {

  public static final String FILE_NAME = "nodeports.lock";
  private static final Pattern LINE =
      Pattern.compile("^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\s+([0-9]{1,5})$");

  public NodePortLock {
    ports = Collections.unmodifiableSortedMap(new TreeMap<>(ports));
  }

  public static NodePortLock empty() {
    return new NodePortLock(new TreeMap<>());
  }

  /** Reads a lock file; a missing file is an empty lock. */
  public static NodePortLock read(Path file) throws SpecException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return empty();
    } catch (IOException e) {
      throw new SpecException(
          List.of(
              new SpecError(
                  SourcePosition.ofSource(file.toString()), "", "cannot read: " + e.getMessage())));
    }
    SortedMap<String, Integer> ports = new TreeMap<>();
    Map<Integer, String> owners = new TreeMap<>();
    List<SpecError> errors = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      SourcePosition position = new SourcePosition(file.toString(), i + 1, 1);
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        errors.add(
            new SpecError(
                position,
                "",
                "expected '<app> <port>', found '"
                    + line
                    + "'; regenerate the file with 'minato nodeports'"));
        continue;
      }
      int port = Integer.parseInt(m.group(3));
      if (ports.putIfAbsent(m.group(1), port) != null) {
        errors.add(new SpecError(position, "", "app '" + m.group(1) + "' is listed twice"));
      }
      String other = owners.putIfAbsent(port, m.group(1));
      if (other != null && !other.equals(m.group(1))) {
        errors.add(
            new SpecError(
                position,
                "",
                "port " + port + " is locked for both '" + other + "' and '" + m.group(1) + "'"));
      }
    }
    if (!errors.isEmpty()) {
      throw new SpecException(errors);
    }
    return new NodePortLock(ports);
  }

  /** The file's text: a header and one sorted line per app. */
  public String text() {
    StringBuilder out = new StringBuilder();
    out.append("# NodePorts assigned by minato to apps with 'nodePort: auto'. Commit this file.\n");
    out.append(
        "# An entry keeps its port until its app stops asking for one; edit it only to move a port.\n");
    ports.forEach((app, port) -> out.append(app).append(' ').append(port).append('\n'));
    return out.toString();
  }

  /** Writes the file through a temporary file, so a reader never sees half of it. */
  public void write(Path file) throws IOException {
    AtomicFile.write(file, text());
  }
}
