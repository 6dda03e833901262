package dev.minato.manifest.selector;

import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.selector.Requirement.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads kubectl's {@code -l} syntax the way Kubernetes' selector lexer and parser do. */
final class SelectorParser {

  private static final String EXAMPLES =
      "write requirements such as role=edge, role!=db, role, !role or zone in (a,b)";

  private record Token(String text, int column, boolean identifier) {}

  private final String text;
  private final List<Token> tokens = new ArrayList<>();
  private int next;

  SelectorParser(String text) {
    this.text = text;
    lex();
  }

  LabelSelector selector() throws InvalidValueException {
    List<Requirement> requirements = new ArrayList<>();
    if (tokens.isEmpty()) {
      return LabelSelector.EVERYTHING;
    }
    while (true) {
      requirements.add(requirement());
      if (atEnd()) {
        return new LabelSelector(requirements);
      }
      expect(",", "',' or the end after a requirement");
    }
  }

  private Requirement requirement() throws InvalidValueException {
    if (peekIs("!")) {
      next++;
      return new Requirement(key(), Operator.DOES_NOT_EXIST, Set.of());
    }
    String key = key();
    if (atEnd() || peekIs(",")) {
      return new Requirement(key, Operator.EXISTS, Set.of());
    }
    Token operator = tokens.get(next++);
    switch (operator.text()) {
      case "=", "==", "!=" -> {
        String value =
            atEnd() || peekIs(",") ? "" : value("a label value after '" + operator.text() + "'");
        Operator op = operator.text().equals("!=") ? Operator.NOT_IN : Operator.IN;
        return new Requirement(key, op, Set.of(value));
      }
      case "in", "notin" -> {
        Operator op = operator.text().equals("in") ? Operator.IN : Operator.NOT_IN;
        return new Requirement(key, op, set(operator));
      }
      default ->
          throw invalid(
              operator, "=, ==, !=, in, notin, ',' or the end after the key '" + key + "'");
    }
  }

  private Set<String> set(Token operator) throws InvalidValueException {
    expect("(", "'(' after '" + operator.text() + "'");
    Set<String> values = new TreeSet<>();
    while (true) {
      values.add(peekIs(",") || peekIs(")") ? "" : value("a label value or ')'"));
      if (peekIs(")")) {
        next++;
        break;
      }
      expect(",", "',' or ')' in the set of values");
    }
    if (values.equals(Set.of(""))) {
      throw invalid(tokens.get(next - 1), "at least one value between the parentheses");
    }
    return values;
  }

  private String key() throws InvalidValueException {
    Token token = identifier("a label key");
    Optional<String> problem = LabelNames.keyProblem(token.text());
    if (problem.isPresent()) {
      throw failure(token.column(), problem.get());
    }
    return token.text();
  }

  private String value(String expected) throws InvalidValueException {
    Token token = identifier(expected);
    Optional<String> problem = LabelNames.valueProblem(token.text());
    if (problem.isPresent()) {
      throw failure(token.column(), problem.get());
    }
    return token.text();
  }

  private Token identifier(String expected) throws InvalidValueException {
    if (atEnd() || !tokens.get(next).identifier()) {
      throw invalid(atEnd() ? null : tokens.get(next), expected);
    }
    return tokens.get(next++);
  }

  private void expect(String symbol, String expected) throws InvalidValueException {
    if (!peekIs(symbol)) {
      throw invalid(atEnd() ? null : tokens.get(next), expected);
    }
    next++;
  }

  private boolean peekIs(String symbol) {
    return !atEnd() && !tokens.get(next).identifier() && tokens.get(next).text().equals(symbol);
  }

  private boolean atEnd() {
    return next >= tokens.size();
  }

  private InvalidValueException invalid(Token found, String expected) {
    return found == null
        ? failure(text.length() + 1, "expected " + expected + ", found the end")
        : failure(found.column(), "expected " + expected + ", found '" + found.text() + "'");
  }

  private InvalidValueException failure(int column, String problem) {
    return new InvalidValueException(
        "'"
            + text
            + "' is not a label selector: at column "
            + column
            + ", "
            + problem
            + "; "
            + EXAMPLES);
  }

  /** Splits like Kubernetes' lexer: symbols, and identifiers ending at a symbol or whitespace. */
  private void lex() {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if ("!=(),".indexOf(c) >= 0) {
        String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
        String symbol = two.equals("==") || two.equals("!=") ? two : String.valueOf(c);
        tokens.add(new Token(symbol, i + 1, false));
        i += symbol.length();
      } else {
        int start = i;
        while (i < text.length()
            && !Character.isWhitespace(text.charAt(i))
            && "!=(),".indexOf(text.charAt(i)) < 0) {
          i++;
        }
        String word = text.substring(start, i);
        boolean keyword = word.equals("in") || word.equals("notin");
        tokens.add(new Token(word, start + 1, !keyword));
      }
    }
  }
}
