package dev.minato.manifest.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.Document;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * When {@code kubectl kustomize} fails, kubectl says at best "yaml: line 5". This reads the files
 * kustomize would have read (the directory's YAML files and, through each kustomization's {@code
 * resources}, {@code bases} and {@code components}, the local directories it names) with minato's
 * reader, so a syntax error is reported at its {@code file:line:column}. The data files of its
 * generators are not read: they are values, not YAML.
 */
final class KustomizeDiagnosis {

  private static final List<String> REFERENCES = List.of("resources", "bases", "components");

  private KustomizeDiagnosis() {}

  static List<ManifestException> syntaxErrors(Path dir) {
    List<ManifestException> errors = new ArrayList<>();
    visit(dir.toAbsolutePath().normalize(), dir, new HashSet<>(), errors);
    return errors;
  }

  private static void visit(
      Path absolute, Path shown, Set<Path> visited, List<ManifestException> errors) {
    if (!visited.add(absolute) || !Files.isDirectory(absolute)) {
      return;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(absolute)) {
      files =
          list.filter(Files::isRegularFile)
              .filter(f -> ManifestFiles.isManifest(f) || ManifestFiles.isKustomization(f))
              .sorted()
              .toList();
    } catch (IOException e) {
      return;
    }
    // A generator's data files (a dashboard's JSON) are values, not YAML to report on.
    Set<Path> data = new HashSet<>();
    for (Path file : files) {
      if (ManifestFiles.isKustomization(file)) {
        try {
          for (Document document : YamlReader.read(file)) {
            for (String input : KustomizeTree.generatorInputs(document.root())) {
              data.add(absolute.resolve(input).normalize());
            }
          }
        } catch (ManifestException | InvalidPathException e) {
          // a broken kustomization is reported below, where it is read; an odd path names nothing
        }
      }
    }
    for (Path file : files) {
      if (data.contains(file.normalize())) {
        continue;
      }
      Path name = shown.resolve(file.getFileName());
      List<Document> documents;
      try {
        documents = YamlReader.read(name.toString(), Files.readString(file));
      } catch (ManifestException e) {
        errors.add(e);
        continue;
      } catch (IOException e) {
        continue;
      }
      if (ManifestFiles.isKustomization(file)) {
        for (Document document : documents) {
          for (String field : REFERENCES) {
            for (JsonNode reference : document.root().path(field)) {
              String target = reference.asText("");
              if (!target.isEmpty() && !target.contains("://")) {
                visit(
                    absolute.resolve(target).normalize(),
                    shown.resolve(target).normalize(),
                    visited,
                    errors);
              }
            }
          }
        }
      }
    }
  }
}
