package dev.minato.load.resource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The ConfigMap that holds a finished LoadTest's merged report, text and JSON, as {@code load
 * merge} writes them. The controller owns it (an owner reference to the LoadTest), so deleting the
 * LoadTest deletes its report.
 */
public final class ReportConfigMap {

  public static final String TEXT_KEY = "report.txt";
  public static final String JSON_KEY = "report.json";

  private ReportConfigMap() {}

  /** The report ConfigMap's name for a LoadTest's objects named {@code runName}. */
  public static String name(String runName) {
    return runName + "-report";
  }

  /** The ConfigMap, without owner: the controller adds the owner reference and namespace. */
  public static ObjectNode render(String runName, RunJudgement judgement) {
    ObjectNode map = JsonNodeFactory.instance.objectNode();
    map.put("apiVersion", "v1");
    map.put("kind", "ConfigMap");
    ObjectNode metadata = map.putObject("metadata");
    metadata.put("name", name(runName));
    ObjectNode labels = metadata.putObject("labels");
    labels.put("app.kubernetes.io/name", "minato-load");
    labels.put("app.kubernetes.io/managed-by", "minato");
    labels.put(dev.minato.load.job.ShardJob.RUN_LABEL, runName);
    ObjectNode data = map.putObject("data");
    judgement.textReport().ifPresent(text -> data.put(TEXT_KEY, text));
    judgement.jsonReport().ifPresent(json -> data.put(JSON_KEY, json));
    return map;
  }
}
