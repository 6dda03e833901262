package dev.minato.manifest.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The fields that differ between two JSON documents of no known schema (an API's responses), with
 * paths in JSONPath notation ({@code $.items[0].price}, {@code $["content-type"]}). Unlike the
 * object diff, no Kubernetes merge keys are assumed: lists are paired by index, or compared as sets
 * where the caller's {@link Rules} say so, and each differing leaf is its own change. The caller
 * also decides which fields to skip and when two leaf values count as equal (a tolerance, a
 * pattern), so a comparison can be tuned without a second walker.
 */
public final class JsonTreeDiff {

  /** What a caller decides while two documents are walked. */
  public interface Rules {

    /** Compares everything, lists by index, values exactly (numbers by value). */
    Rules EXACT = new Rules() {};

    /** True when the field at {@code path} and everything under it is not compared. */
    default boolean ignored(FieldPath path) {
      return false;
    }

    /** True when the list at {@code path} is a set: order and duplicates do not matter. */
    default boolean unordered(FieldPath path) {
      return false;
    }

    /** True when two different leaf values at {@code path} still count as equal. */
    default boolean equivalent(FieldPath path, JsonNode before, JsonNode after) {
      return false;
    }
  }

  /** The root of every path: JSONPath's {@code $}. */
  public static final FieldPath ROOT = new FieldPath("$");

  private JsonTreeDiff() {}

  /** The changes from {@code before} to {@code after}, in document order, keys sorted. */
  public static List<FieldChange> between(JsonNode before, JsonNode after, Rules rules) {
    List<FieldChange> changes = new ArrayList<>();
    compare(ROOT, before, after, rules, changes);
    return List.copyOf(changes);
  }

  private static void compare(
      FieldPath path, JsonNode before, JsonNode after, Rules rules, List<FieldChange> out) {
    if (rules.ignored(path) || FieldDiff.sameValue(before, after)) {
      return;
    }
    if (before.isObject() && after.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      before.fieldNames().forEachRemaining(keys::add);
      after.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        compare(path.field(key), before.path(key), after.path(key), rules, out);
      }
    } else if (before.isArray() && after.isArray()) {
      if (rules.unordered(path)) {
        compareSets(path, before, after, rules, out);
      } else {
        for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
          compare(path.index(i), before.path(i), after.path(i), rules, out);
        }
      }
    } else if (before.isMissingNode()
        || after.isMissingNode()
        || before.isContainerNode()
        || after.isContainerNode()
        || !rules.equivalent(path, before, after)) {
      out.add(new FieldChange(path, before, after));
    }
  }

  /**
   * Two lists as sets: each element of one side is matched with an element of the other that has no
   * differences under the rules; what stays unmatched is reported as removed (at its index in
   * {@code before}) or added (at its index in {@code after}).
   */
  private static void compareSets(
      FieldPath path, JsonNode before, JsonNode after, Rules rules, List<FieldChange> out) {
    boolean[] matched = new boolean[after.size()];
    List<Integer> unmatched = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      boolean found = false;
      for (int j = 0; j < after.size() && !found; j++) {
        if (!matched[j] && between(before.get(i), after.get(j), rules, path.index(i)).isEmpty()) {
          matched[j] = true;
          found = true;
        }
      }
      if (!found) {
        unmatched.add(i);
      }
    }
    for (int i : unmatched) {
      out.add(new FieldChange(path.index(i), before.get(i), MissingNode.getInstance()));
    }
    for (int j = 0; j < after.size(); j++) {
      if (!matched[j]) {
        out.add(new FieldChange(path.index(j), MissingNode.getInstance(), after.get(j)));
      }
    }
  }

  private static List<FieldChange> between(
      JsonNode before, JsonNode after, Rules rules, FieldPath at) {
    List<FieldChange> changes = new ArrayList<>();
    compare(at, before, after, rules, changes);
    return changes;
  }
}
