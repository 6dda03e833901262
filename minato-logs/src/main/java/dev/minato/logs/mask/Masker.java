package dev.minato.logs.mask;

import dev.minato.logs.LogEvent;
import dev.minato.logs.rules.Action;
import dev.minato.logs.rules.Match;
import dev.minato.logs.rules.Rule;
import dev.minato.logs.rules.Ruleset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a {@link Ruleset} to events: the one engine behind {@code minato logs mask}, {@code logs
 * test} and the logback encoder. Thread-safe; build one per ruleset and share it.
 *
 * <p>The hot path is per field, so what depends only on a label (which key rule takes it, which
 * value rules look at it) is decided once per label and remembered; a key regex never runs twice
 * for the same label. Which characters a value holds is read once, and a value rule runs only when
 * the value holds what its matches need ({@link Needs}); each then starts with a cheap test that
 * rules most of the remaining values out.
 */
public final class Masker {

  /**
   * How many labels' plans are remembered; labels beyond (unbounded JSON keys) are planned anew.
   */
  private static final int MAX_PLANS = 4096;

  private final List<Rule> rules;
  private final Pattern[] keyPatterns;
  private final Finder[] finders;
  private final Needs[] needs;
  private final Optional<Pseudonyms> pseudonyms;
  private final Map<String, Plan> plans = new ConcurrentHashMap<>();

  /** What happens to a field with a given label: a key rule's index, or the value rules to run. */
  record Plan(int keyRule, int[] valueRules) {

    /** Whether a value rule may change a value of this label, given what the value holds. */
    boolean searches() {
      return keyRule < 0 && valueRules.length > 0;
    }
  }

  private Masker(Ruleset ruleset, Optional<Pseudonyms> pseudonyms) {
    this.rules = ruleset.rules();
    this.keyPatterns = new Pattern[rules.size()];
    this.finders = new Finder[rules.size()];
    this.needs = new Needs[rules.size()];
    for (int i = 0; i < rules.size(); i++) {
      Match match = rules.get(i).match();
      if (match instanceof Match.KeyPattern pattern) {
        keyPatterns[i] = pattern.pattern();
      } else if (match instanceof Match.Detector detector) {
        finders[i] = Finders.of(detector.kind());
      } else if (match instanceof Match.ValuePattern pattern) {
        finders[i] = new PatternFinder(pattern.pattern(), pattern.contains());
      }
      if (finders[i] != null) {
        needs[i] = finders[i].needs();
      }
    }
    this.pseudonyms = pseudonyms;
  }

  /**
   * The masker of {@code ruleset}, loading its current pseudonym key from {@code environment} or
   * its file when a rule needs one.
   */
  public static Masker of(Ruleset ruleset, Map<String, String> environment)
      throws KeyUnavailableException {
    boolean needsKey =
        ruleset.rules().stream().anyMatch(r -> r.action() instanceof Action.Pseudonym);
    Optional<Pseudonyms> pseudonyms =
        needsKey
            ? Optional.of(KeyRing.load(ruleset.keys().orElseThrow(), environment))
            : Optional.empty();
    return new Masker(ruleset, pseudonyms);
  }

  /** The masker of no rules: events pass unchanged ({@code logs convert}). */
  public static Masker none() {
    return new Masker(Ruleset.empty(), Optional.empty());
  }

  /** {@code event} with every rule applied; the same instance when nothing matched. */
  public LogEvent mask(LogEvent event) {
    String[] changed = null;
    for (int i = 0, size = event.size(); i < size; i++) {
      String value = event.value(i);
      String masked = maskValue(event.label(i), value);
      if (masked != value) {
        if (changed == null) {
          changed = new String[size];
          for (int j = 0; j < i; j++) {
            changed[j] = event.value(j);
          }
        }
        changed[i] = masked;
      } else if (changed != null) {
        changed[i] = value;
      }
    }
    return changed == null ? event : event.withValues(changed);
  }

  /**
   * The value of a field labelled {@code label} after the rules; the same instance if unchanged.
   */
  public String maskValue(String label, String value) {
    Plan plan = plan(label);
    if (plan.keyRule >= 0) {
      return apply(rules.get(plan.keyRule).action(), value);
    }
    if (plan.valueRules.length == 0 || value.isEmpty()) {
      return value;
    }
    return search(plan, value, Needs.Held.in(value));
  }

  /**
   * The action of {@code plan}'s key rule applied to a whole value; the rule's replacement without
   * looking at the value when it redacts.
   */
  String applyKeyRule(Plan plan, String value) {
    return apply(rules.get(plan.keyRule).action(), value);
  }

  /** The replacement of a redacting key rule; empty when the rule keeps some of the value. */
  Optional<String> redaction(Plan plan) {
    return rules.get(plan.keyRule).action() instanceof Action.Redact redact
        ? Optional.of(redact.replacement())
        : Optional.empty();
  }

  /**
   * Whether any of {@code plan}'s value rules may find something in a value holding {@code held}.
   */
  boolean mayFind(Plan plan, Needs.Held held) {
    for (int rule : plan.valueRules) {
      if (needs[rule].metBy(held)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code value}, which holds {@code held}, after {@code plan}'s value rules; the same instance if
   * unchanged.
   */
  String search(Plan plan, String value, Needs.Held held) {
    Matches matches = new Matches();
    for (int rule : plan.valueRules) {
      if (needs[rule].metBy(held)) {
        finders[rule].find(value, matches, rule);
      }
    }
    if (matches.isEmpty()) {
      return value;
    }
    int[] kept = matches.resolved();
    StringBuilder out = new StringBuilder(value.length() + 16);
    int copied = 0;
    for (int i = 0; i < kept.length; i += 3) {
      out.append(value, copied, kept[i]);
      out.append(apply(rules.get(kept[i + 2]).action(), value, kept[i], kept[i + 1]));
      copied = kept[i + 1];
    }
    out.append(value, copied, value.length());
    return out.toString();
  }

  /** What happens to fields labelled {@code label}; decided once per label. */
  Plan plan(String label) {
    Plan plan = plans.get(label);
    if (plan == null) {
      plan = newPlan(label);
      if (plans.size() < MAX_PLANS) {
        plans.put(label, plan);
      }
    }
    return plan;
  }

  private Plan newPlan(String label) {
    List<Integer> valueRules = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Match match = rules.get(i).match();
      if (match instanceof Match.KeyName names && names.matches(label)) {
        return new Plan(i, new int[0]);
      }
      if (match instanceof Match.KeyPattern && keyPatterns[i].matcher(label).matches()) {
        return new Plan(i, new int[0]);
      }
      List<String> in =
          match instanceof Match.Detector detector
              ? detector.in()
              : match instanceof Match.ValuePattern pattern ? pattern.in() : null;
      if (in != null && (in.isEmpty() || in.contains(label))) {
        valueRules.add(i);
      }
    }
    return new Plan(-1, valueRules.stream().mapToInt(Integer::intValue).toArray());
  }

  private String apply(Action action, String text) {
    return apply(action, text, 0, text.length());
  }

  /** {@code action} applied to {@code value[start, end)}; a redaction needs no copy of the text. */
  private String apply(Action action, String value, int start, int end) {
    if (action instanceof Action.Redact redact) {
      return redact.replacement();
    }
    String text = start == 0 && end == value.length() ? value : value.substring(start, end);
    if (action instanceof Action.Partial partial) {
      return partial(text, partial.keep());
    }
    return pseudonyms.orElseThrow().token(text);
  }

  /** Letters and digits masked but the last {@code keep}, and never more than half of them kept. */
  static String partial(String text, int keep) {
    int alphanumerics = 0;
    for (int i = 0; i < text.length(); i++) {
      if (isLetterOrDigit(text.charAt(i))) {
        alphanumerics++;
      }
    }
    int shown = Math.min(keep, alphanumerics / 2);
    int toMask = alphanumerics - shown;
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (toMask > 0 && isLetterOrDigit(c)) {
        out.append('*');
        toMask--;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** {@link Character#isLetterOrDigit}, answered without a table lookup for ASCII. */
  private static boolean isLetterOrDigit(char c) {
    return c < 0x80 ? Finder.isAsciiLetterOrDigit(c) : Character.isLetterOrDigit(c);
  }

  /** A custom pattern, run only on values holding its {@code contains} text when one is given. */
  private record PatternFinder(Pattern pattern, Optional<String> contains) implements Finder {
    @Override
    public Needs needs() {
      return contains.map(Needs::allOf).orElse(Needs.ANYTHING);
    }

    @Override
    public void find(String value, Matches out, int rule) {
      if (contains.isPresent() && !value.contains(contains.get())) {
        return;
      }
      Matcher matcher = pattern.matcher(value);
      while (matcher.find()) {
        out.add(matcher.start(), matcher.end(), rule);
      }
    }
  }
}
