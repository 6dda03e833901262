package dev.minato.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** A real logback logger writing through the encoder into memory. */
class MaskingEncoderTest {

  private static final String RULES =
      """
      rules:
        - name: secrets
          keys: [password, authorization]
          action: redact
        - name: cards
          value: card
          action: partial
          keep: 4
        - name: bearer
          value: bearer
          action: redact
      """;

  private static int loggers;

  /**
   * The logger context SLF4J binds to, as in an application (its MDC is the one {@link MDC}
   * writes).
   */
  private static LoggerContext context() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }

  /** A logger with one appender writing through the encoder into {@code out}. */
  private static Logger logger(
      LoggerContext context, String format, Path rules, ByteArrayOutputStream out) {
    MaskingEncoder encoder = new MaskingEncoder();
    encoder.setContext(context);
    encoder.setFormat(format);
    if (rules != null) {
      encoder.setRules(rules.toString());
    }
    encoder.start();
    OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
        new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setName("memory");
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    Logger logger = context.getLogger("shop.Payments." + (++loggers));
    logger.setAdditive(false);
    logger.addAppender(appender);
    return logger;
  }

  private static Path rules(Path dir) throws Exception {
    return Files.writeString(dir.resolve("logs.yaml"), RULES);
  }

  @Test
  void aMessageIsWrittenAsOneMaskedLtsvLine(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Logger logger = logger(context(), "ltsv", rules(dir), out);

    logger.info("paid {} with 4111 1111 1111 1111", "order-17");

    String line = out.toString(StandardCharsets.UTF_8);
    assertThat(line).endsWith("\n").doesNotContain("4111 1111 1111 1111");
    assertThat(line.strip().split("\t"))
        .startsWith("time:" + line.substring(5, line.indexOf('\t')))
        .contains(
            "level:INFO",
            "thread:" + Thread.currentThread().getName(),
            "msg:paid order-17 with **** **** **** 1111");
  }

  @Test
  void mdcEntriesAreFieldsAndMaskedByKeyName(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Logger logger = logger(context(), "json", rules(dir), out);

    MDC.put("password", "hunter2");
    MDC.put("user", "ada");
    try {
      logger.warn("login with Bearer abcdefghijklmnop0123 refused");
    } finally {
      MDC.clear();
    }

    String line = out.toString(StandardCharsets.UTF_8);
    assertThat(line)
        .startsWith("{\"time\":\"")
        .contains("\"level\":\"WARN\"")
        .contains("\"msg\":\"login with Bearer [REDACTED] refused\"")
        .contains("\"password\":\"[REDACTED]\"")
        .contains("\"user\":\"ada\"")
        .doesNotContain("hunter2")
        .doesNotContain("abcdefghijklmnop0123");
  }

  @Test
  void aStackTraceIsOneMaskedField(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Logger logger = logger(context(), "ltsv", rules(dir), out);

    logger.error("charge failed", new IllegalStateException("card 5500 0000 0000 0004 declined"));

    String line = out.toString(StandardCharsets.UTF_8);
    assertThat(line.strip()).doesNotContain("\n");
    assertThat(line)
        .contains("exception:java.lang.IllegalStateException: card **** **** **** 0004 declined")
        .doesNotContain("5500 0000 0000 0004");
  }

  @Test
  void aBrokenRulesetStopsTheEncoderInsteadOfLoggingUnmasked(@TempDir Path dir) throws Exception {
    Path broken =
        Files.writeString(dir.resolve("logs.yaml"), "rules:\n  - name: x\n    action: redact\n");
    LoggerContext context = context();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Logger logger = logger(context, "ltsv", broken, out);

    logger.info("card 4111 1111 1111 1111");

    assertThat(out.size()).isZero();
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .extracting(Status::getMessage)
        .anySatisfy(
            m -> assertThat(m).contains("minato masking ruleset: ").contains("logs.yaml:2:"));
  }

  @Test
  void anUnknownFormatIsReportedWithASuggestion() {
    LoggerContext context = context();
    MaskingEncoder encoder = new MaskingEncoder();
    encoder.setContext(context);

    encoder.setFormat("ltvs");

    assertThat(context.getStatusManager().getCopyOfStatusList())
        .extracting(Status::getMessage)
        .anySatisfy(m -> assertThat(m).contains("format 'ltvs' is not one of json, ltsv"));
  }
}
