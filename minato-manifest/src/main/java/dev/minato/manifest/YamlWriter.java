package dev.minato.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;

/**
 * Writes trees as YAML the way people write Kubernetes manifests: block style, quotes only where a
 * value would otherwise change type, multi-line strings as literal blocks. Key order is the tree's
 * own, so output is byte-identical for equal trees.
 */
public final class YamlWriter {

  private static final ObjectWriter WRITER =
      new ObjectMapper(
              new BreakSafeFactory(
                  YAMLFactory.builder()
                      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                      .disable(YAMLGenerator.Feature.SPLIT_LINES)
                      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                      .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                      .stringQuotingChecker(new KubernetesQuoting())))
          .writer();

  private YamlWriter() {}

  /**
   * Jackson's factory, but its generators double-quote multi-line text holding U+0085, U+2028 or
   * U+2029. Jackson asks for a literal block whenever text holds a line break, and SnakeYAML's
   * emitter then writes those characters raw inside the block; YAML 1.1 readers, Kubernetes' among
   * them, take each for a line break, so {@code kubectl} refused the file or read other text. In
   * double quotes the emitter escapes them ({@code \N}, {@code \L}, {@code \P}).
   */
  private static final class BreakSafeFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    BreakSafeFactory(YAMLFactoryBuilder builder) {
      super(builder);
    }

    @Override
    protected YAMLGenerator _createGenerator(Writer out, IOContext context) throws IOException {
      return new YAMLGenerator(
          context,
          _generatorFeatures,
          _yamlGeneratorFeatures,
          _quotingChecker,
          _objectCodec,
          out,
          _version) {
        @Override
        public void writeString(String text) throws IOException {
          if (text != null && text.indexOf('\n') >= 0 && holdsYaml11Break(text)) {
            _verifyValueWrite("write String value");
            _writeScalar(text, "string", DumperOptions.ScalarStyle.DOUBLE_QUOTED);
          } else {
            super.writeString(text);
          }
        }
      };
    }
  }

  private static boolean holdsYaml11Break(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0085' || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
  }

  /**
   * Quotes every string that a YAML 1.1 reader would take for something else. Jackson's own checker
   * leaves {@code 0x1F}, {@code 1_000}, {@code 1e3}, {@code .inf} or {@code 2001-12-14} plain;
   * Kubernetes reads those as numbers or timestamps, so an env value or label written that way
   * would change type (or be refused) on its way to the cluster. Keys too: {@code yes:} is the key
   * {@code true} there.
   */
  private static final class KubernetesQuoting extends StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean needToQuoteName(String name) {
      return super.needToQuoteName(name) || !safePlain(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || !safePlain(value);
    }

    /**
     * Whether {@code text} may be left to the emitter unquoted: it reads back as this string, holds
     * no ': ' or ' #' that a reader could take for structure, and no character a reader treats as a
     * line break or space other than the ASCII space (a tab after a colon made SnakeYAML's emitter
     * write a plain key that reads back as a mapping). Leading indicators and edge spaces the
     * emitter quotes by itself.
     */
    private static boolean safePlain(String text) {
      if (!YamlScalars.plainReadsAsString(text)
          || text.endsWith(":")
          || text.contains(": ")
          || text.contains(" #")) {
        return false;
      }
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c < 0x20 || c == 0x7f || (c > 0x7e && !Character.isLetterOrDigit(c))) {
          return false;
        }
      }
      return true;
    }
  }

  /** One document, ending in a newline. */
  public static String write(JsonNode node) {
    return LiteralBlocks.write(node, YamlWriter::emit);
  }

  /** {@code node} through Jackson and SnakeYAML's emitter alone. */
  static String emit(JsonNode node) {
    try {
      return WRITER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A multi-document stream: documents separated by {@code ---} lines. */
  public static String writeAll(List<? extends JsonNode> nodes) {
    StringBuilder out = new StringBuilder();
    for (JsonNode node : nodes) {
      if (out.length() > 0) {
        out.append("---\n");
      }
      out.append(write(node));
    }
    return out.toString();
  }
}
