package dev.minato.manifest;

/** Building RFC 6901 JSON pointers, which key {@link Positions} and JSON patches. */
public final class JsonPointers {

  private JsonPointers() {}

  /** {@code parent} extended by one object key, escaping {@code ~} and {@code /}. */
  public static String child(String parent, String key) {
    return parent + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  /** {@code parent} extended by one array index. */
  public static String child(String parent, int index) {
    return parent + "/" + index;
  }
}
