package dev.minato.load.resource;

import dev.minato.load.store.ObjectStore;
import dev.minato.load.store.S3Location;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A finished LoadTest's reports as objects in a store: {@code PREFIX/NAMESPACE/NAME/UID/} holds
 * {@code report.html}, {@code report.json} and {@code report.txt}. The UID makes the keys unique: a
 * test deleted and applied again under the same name, or one of the same name in another namespace,
 * never overwrites another run's report.
 */
public final class ReportObjects {

  public static final String HTML = "report.html";
  public static final String JSON = "report.json";
  public static final String TEXT = "report.txt";

  private ReportObjects() {}

  /** The key prefix (ending in {@code /}) of one LoadTest's reports. */
  public static String folder(S3Location location, String namespace, String name, String uid) {
    return location.key(namespace + "/" + name + "/" + uid) + "/";
  }

  /**
   * Writes the judgement's reports (it must have merged results) and returns where they are; when
   * one cannot be written, the ConfigMap {@code fallback} they go to instead, with the store's
   * failure.
   */
  public static ReportPlace store(
      ObjectStore store,
      String namespace,
      String name,
      String uid,
      RunJudgement judgement,
      String fallback) {
    String folder = folder(store.location(), namespace, name, uid);
    String[][] reports = {
      {JSON, judgement.jsonReport().orElseThrow(), "application/json"},
      {TEXT, judgement.textReport().orElseThrow(), "text/plain; charset=utf-8"},
      {HTML, judgement.htmlReport().orElseThrow(), "text/html; charset=utf-8"},
    };
    for (String[] report : reports) {
      Optional<String> failure =
          store.put(folder + report[0], report[1].getBytes(StandardCharsets.UTF_8), report[2]);
      if (failure.isPresent()) {
        return new ReportPlace.InConfigMap(fallback, failure);
      }
    }
    S3Location location = store.location();
    return new ReportPlace.InStore(
        location.objectUri(folder + HTML).toString(),
        location.objectUri(folder + JSON).toString(),
        location.objectUri(folder + TEXT).toString(),
        location.s3Url(folder));
  }
}
