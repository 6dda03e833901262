package dev.minato.manifest.diff;

import java.util.regex.Pattern;

/**
 * Where a field sits in an object, written for people: {@code spec.template.spec.containers[app]
 * .image}. Keys that are not plain words are quoted ({@code metadata.labels["app.kubernetes.io/
 * name"]}); list elements are named by their merge key ({@code containers[app]}, {@code
 * ports[containerPort=8080]}) or, for lists without one, by index ({@code args[0]}).
 */
public record FieldPath(String text) {

  private static final Pattern WORD = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");
  private static final Pattern ELEMENT_VALUE = Pattern.compile("[A-Za-z0-9_.$/:-]+");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  /** The whole object. */
  public static final FieldPath ROOT = new FieldPath("");

  public FieldPath field(String key) {
    if (WORD.matcher(key).matches()) {
      return new FieldPath(text.isEmpty() ? key : text + "." + key);
    }
    return new FieldPath(text + "[" + Quoting.json(key) + "]");
  }

  /**
   * The element of a list whose merge key {@code key} has {@code value}. Elements keyed by {@code
   * name} show the name alone; a name that could be read as an index or holds brackets is quoted.
   */
  public FieldPath element(String key, String value) {
    boolean byName = key.equals("name");
    boolean plain =
        ELEMENT_VALUE.matcher(value).matches() && !(byName && DIGITS.matcher(value).matches());
    String shown = plain ? value : Quoting.json(value);
    return new FieldPath(text + "[" + (byName ? shown : key + "=" + shown) + "]");
  }

  public FieldPath index(int index) {
    return new FieldPath(text + "[" + index + "]");
  }

  @Override
  public String toString() {
    return text.isEmpty() ? "(the whole object)" : text;
  }
}
