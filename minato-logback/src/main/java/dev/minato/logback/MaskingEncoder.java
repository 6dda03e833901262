package dev.minato.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.minato.logs.LogEvent;
import dev.minato.logs.mask.KeyUnavailableException;
import dev.minato.logs.mask.Masker;
import dev.minato.logs.rules.Ruleset;
import dev.minato.logs.rules.RulesetReader;
import dev.minato.logs.write.LineWriter;
import dev.minato.logs.write.OutputFormat;
import dev.minato.manifest.ManifestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes each logging event as one LTSV or JSON line, masked by a minato ruleset before it leaves
 * the process, so a secret an old code path logs never reaches a file, stdout or the collector.
 *
 * <pre>
 * &lt;appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender"&gt;
 *   &lt;encoder class="dev.minato.logback.MaskingEncoder"&gt;
 *     &lt;format&gt;ltsv&lt;/format&gt;            &lt;!-- or json --&gt;
 *     &lt;rules&gt;/etc/app/logs.yaml&lt;/rules&gt; &lt;!-- .minato/logs.yaml's syntax --&gt;
 *   &lt;/encoder&gt;
 * &lt;/appender&gt;
 * </pre>
 *
 * <p>Fields, in order: {@code time} (ISO-8601, UTC), {@code level}, {@code logger}, {@code thread},
 * {@code msg} (the formatted message), every MDC entry, SLF4J key-value pairs, and {@code
 * exception} (the stack trace, one field) when there is one. Pseudonym keys are read from the
 * environment variables the ruleset names. A ruleset that cannot be read stops the encoder from
 * starting (logback reports it and the appender writes nothing), instead of logging unmasked.
 */
public final class MaskingEncoder extends EncoderBase<ILoggingEvent> {

  private static final byte[] NEWLINE = {'\n'};

  private OutputFormat format = OutputFormat.JSON;
  private Optional<Path> rules = Optional.empty();
  private Masker masker;
  private LineWriter writer;

  /** {@code ltsv} or {@code json} (the default). */
  public void setFormat(String name) {
    Optional<OutputFormat> chosen = OutputFormat.of(name.strip());
    if (chosen.isEmpty()) {
      addError(
          "format '"
              + name
              + "' is not one of "
              + String.join(", ", OutputFormat.ids())
              + OutputFormat.didYouMean(name));
      return;
    }
    format = chosen.get();
  }

  /** The ruleset file; without one, lines are written unmasked. */
  public void setRules(String path) {
    rules = Optional.of(Path.of(path.strip()));
  }

  @Override
  public void start() {
    Ruleset ruleset = Ruleset.empty();
    try {
      if (rules.isPresent()) {
        ruleset = RulesetReader.read(rules.get());
      }
      masker = Masker.of(ruleset, System.getenv());
    } catch (ManifestException e) {
      addError("minato masking ruleset: " + e.located());
      return;
    } catch (KeyUnavailableException e) {
      addError("minato masking ruleset: " + e.getMessage());
      return;
    }
    writer = format.writer();
    super.start();
  }

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(256);
    writer.append(masker.mask(fields(event)), line);
    byte[] text = line.toString().getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[text.length + 1];
    System.arraycopy(text, 0, out, 0, text.length);
    out[text.length] = NEWLINE[0];
    return out;
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }

  /** The event as labelled fields, before masking. */
  static LogEvent fields(ILoggingEvent event) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
    fields.put("level", event.getLevel().toString());
    fields.put("logger", event.getLoggerName());
    fields.put("thread", event.getThreadName());
    fields.put("msg", event.getFormattedMessage());
    event.getMDCPropertyMap().forEach((k, v) -> fields.putIfAbsent(k, String.valueOf(v)));
    if (event.getKeyValuePairs() != null) {
      event.getKeyValuePairs().forEach(kv -> fields.putIfAbsent(kv.key, String.valueOf(kv.value)));
    }
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      fields.put("exception", ThrowableProxyUtil.asString(thrown));
    }
    return new LogEvent(fields);
  }
}
