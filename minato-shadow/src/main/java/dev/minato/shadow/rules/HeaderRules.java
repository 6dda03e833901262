package dev.minato.shadow.rules;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which response headers are compared, by lower-case name. Most headers differ between two servers
 * for no reason ({@code Date}, {@code Server}, {@code Content-Length} of a re-encoded body, request
 * ids), so only headers that carry meaning are compared unless a rules file names more.
 *
 * @param compared lower-case names of the headers compared
 */
public record HeaderRules(Set<String> compared) {

  /** Compared unless a rules file ignores them. */
  public static final Set<String> DEFAULTS =
      Set.of(
          "content-type",
          "content-encoding",
          "location",
          "cache-control",
          "vary",
          "www-authenticate",
          "access-control-allow-origin");

  public static final HeaderRules DEFAULT = of(Set.of(), Set.of());

  public HeaderRules {
    compared = Set.copyOf(compared);
  }

  /** The defaults, plus {@code compare}, minus {@code ignore} (names in any case). */
  public static HeaderRules of(Set<String> compare, Set<String> ignore) {
    TreeSet<String> names = new TreeSet<>(DEFAULTS);
    compare.forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
    ignore.forEach(name -> names.remove(name.toLowerCase(Locale.ROOT)));
    return new HeaderRules(names);
  }

  public boolean compares(String name) {
    return compared.contains(name.toLowerCase(Locale.ROOT));
  }
}
