package dev.minato.load.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.load.scenario.ArrivalModel;
import dev.minato.load.scenario.Protocol;
import dev.minato.load.scenario.RequestTemplate;
import dev.minato.load.scenario.Scenario;
import dev.minato.load.scenario.Shard;
import dev.minato.load.scenario.Tls;
import dev.minato.load.stats.RequestResults;
import dev.minato.load.stats.Results;
import dev.minato.load.stats.Series;
import dev.minato.load.syntax.Rate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP/2 engine against a real nghttpd (nghttp2's server), whose HPACK encoder, flow control
 * and framing are not Netty's: the generator's own response header decoder must follow nghttp2's
 * dynamic table across thousands of responses (files of several sizes, each with its own {@code
 * content-length}, {@code content-type} and {@code last-modified}, a {@code date} that changes
 * every second, 404s, long trailers, a table the server shrinks), and request bodies larger than
 * the server's flow-control windows must arrive whole. Assertions are on exact counts, never on
 * speed; every run is bounded in requests or time.
 */
@Timeout(60)
class NghttpdLoadTest {

  @TempDir Path dir;

  /**
   * The files every mix asks for, with a size each: empty, under one frame, over one frame, over
   * the server's default window and over the generator's own stream window (1 MiB).
   */
  private static final Map<String, Integer> FILES =
      Map.of(
          "/empty.txt", 0,
          "/small.txt", 3,
          "/page.html", 16_385,
          "/data.json", 100_000,
          "/large.bin", 1_100_000,
          "/docs/index.html", 20);

  /**
   * What each path of the mix answers. A directory without its slash is redirected with 301, a
   * status HPACK's static table lacks: nghttp2 adds {@code :status: 301} to its dynamic table and
   * refers to it by index from then on, so the status itself depends on the generator's table being
   * the server's.
   */
  private static final Map<String, Integer> STATUSES =
      Map.of(
          "/empty.txt", 200,
          "/small.txt", 200,
          "/page.html", 200,
          "/data.json", 200,
          "/large.bin", 200,
          "/docs/", 200,
          "/docs", 301,
          "/missing.txt", 404);

  /** Bigger than nghttpd's default windows (65,535 octets) and than a lowered one three times. */
  private static final int BODY_SIZE = 200 * 1024;

  private static Results run(Scenario scenario) throws Exception {
    LoadRun run =
        LoadRun.start(scenario, Shard.WHOLE, Optional.empty(), p -> {}, OptionalInt.of(1));
    Results results = run.await();
    assertThat(run.firstConnectFailure()).isEmpty();
    if (scenario.secure()) {
      assertThat(run.tlsProvider()).contains(TlsClientTest.expectedProvider());
    }
    return results;
  }

  /** Writes the files, each with its own modification time (its own last-modified header). */
  private static void writeFiles(Nghttpd server) throws Exception {
    Instant when = Instant.parse("2026-01-01T00:00:00Z");
    int i = 0;
    for (Map.Entry<String, Integer> file : new TreeMap<>(FILES).entrySet()) {
      Path path = server.htdocs().resolve(file.getKey().substring(1));
      Files.createDirectories(path.getParent());
      byte[] content = new byte[file.getValue()];
      for (int b = 0; b < content.length; b++) {
        content[b] = (byte) ('a' + b % 26);
      }
      Files.write(path, content);
      Files.setLastModifiedTime(path, FileTime.from(when.plusSeconds(86_400L * i++)));
    }
  }

  /** One GET of each path of {@link #STATUSES}, in equal shares. */
  private static List<RequestTemplate> mix(Map<String, String> headers) {
    List<RequestTemplate> requests = new ArrayList<>();
    for (String path : new TreeMap<>(STATUSES).keySet()) {
      requests.add(withHeaders(RequestTemplate.get(path), headers));
    }
    return requests;
  }

  private static RequestTemplate withHeaders(RequestTemplate request, Map<String, String> headers) {
    RequestTemplate with = request;
    for (Map.Entry<String, String> h : headers.entrySet()) {
      with = with.withHeader(h.getKey(), h.getValue());
    }
    return with;
  }

  private static Scenario closed(
      Nghttpd server, List<RequestTemplate> requests, int users, int connections, long budget) {
    return Scenario.builder("nghttpd", server.uri(""), requests, new ArrivalModel.Closed(users))
        .protocol(Protocol.H2)
        .maxConnections(connections)
        .maxRequests(java.util.OptionalLong.of(budget))
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  /**
   * Every request of the mix got the status its path has, in exact numbers (the 404s are the only
   * errors), and nothing else happened: no connection, stream or HPACK failure.
   */
  private static void assertEachPathsExactStatus(Results results, long perPath) {
    assertThat(results.requests()).isEqualTo(perPath * STATUSES.size());
    Map<Integer, Long> expected = new TreeMap<>();
    for (Map.Entry<String, Integer> path : STATUSES.entrySet()) {
      expected.merge(path.getValue(), perPath, Long::sum);
      RequestResults request = results.request("GET " + path.getKey()).get();
      assertThat(request.requests()).as(path.getKey()).isEqualTo(perPath);
      assertThat(request.errors())
          .as(path.getKey())
          .isEqualTo(path.getValue() == 404 ? perPath : 0);
    }
    assertThat(results.statusCodes().get().counts())
        .as("statuses (errors: %s)", results.errorKinds().kinds())
        .isEqualTo(expected);
    assertThat(results.errorKinds().kinds().keySet()).containsExactly("http-404");
    for (Series failure : List.of(Series.CONNECT, Series.TIMEOUT, Series.IO)) {
      assertThat(results.count(failure)).as(failure.tag()).isZero();
    }
  }

  @Test
  void h2cStatusesStayExactAcrossSecondsOfNghttp2sDynamicTableOnOneConnection() throws Exception {
    try (Nghttpd server = Nghttpd.h2c(dir)) {
      writeFiles(server);
      // 400/s for 3 s: the date header changes two or three times (new strings, new entries),
      // every file's own headers enter and leave the table, all on one connection.
      Scenario open =
          Scenario.builder(
                  "nghttpd",
                  server.uri(""),
                  mix(Map.of()),
                  ArrivalModel.Open.constant(new Rate(400)))
              .protocol(Protocol.H2)
              .maxConnections(1)
              .duration(Optional.of(Duration.ofSeconds(3)))
              .timeout(Duration.ofSeconds(10))
              .build();

      Results results = run(open);

      assertEachPathsExactStatus(results, 150);
    }
  }

  @ParameterizedTest(name = "nghttp2's encoder table at {0} octets")
  @ValueSource(ints = {4096, 1024, 512, 256})
  void everyHeaderBlockNghttp2SentReadsAlikeInNettysFullDecoderAndTheGenerators(int tableSize)
      throws Exception {
    try (Nghttpd server =
            Nghttpd.h2c(
                dir,
                "--encoder-header-table-size=" + tableSize,
                "--trailer",
                "x-trace: " + text(40, 4));
        RecordingProxy proxy = new RecordingProxy(server.port())) {
      writeFiles(server);
      Scenario scenario =
          Scenario.builder(
                  "nghttpd",
                  URI.create("http://127.0.0.1:" + proxy.port() + "/"),
                  mix(Map.of()),
                  new ArrivalModel.Closed(8))
              .protocol(Protocol.H2)
              .maxConnections(1)
              .maxRequests(java.util.OptionalLong.of(800))
              .timeout(Duration.ofSeconds(10))
              .build();

      assertEachPathsExactStatus(run(scenario), 100);

      // The same blocks again, offline, into Netty's full decoder (every header built) and the
      // generator's: the same status from each, and after each block the same number of dynamic
      // table entries (its oldest entry is indexable in Netty's table and the next is not).
      assertThat(proxy.recordings()).hasSize(1);
      List<byte[]> blocks = ServerFrames.headerBlocks(proxy.recordings().get(0));
      // Each response's head, and the trailers of those with a body.
      assertThat(blocks).hasSizeGreaterThanOrEqualTo(800);
      DefaultHttp2HeadersDecoder netty = new DefaultHttp2HeadersDecoder(false);
      ResponseHeaderDecoder generator = new ResponseHeaderDecoder(new ResponseStatus());
      for (int i = 0; i < blocks.size(); i++) {
        Http2Headers full = netty.decodeHeaders(1, Unpooled.wrappedBuffer(blocks.get(i)));
        Http2Headers read = generator.decodeHeaders(1, Unpooled.wrappedBuffer(blocks.get(i)));
        assertThat(String.valueOf(read.status()))
            .as("status of block %d", i)
            .isEqualTo(String.valueOf(full.status()));
        int entries = generator.tableLength();
        if (entries > 0) {
          netty.decodeHeaders(1, indexed(HpackStaticTable.FIELDS.length + entries));
        }
        assertThatThrownBy(
                () -> netty.decodeHeaders(1, indexed(HpackStaticTable.FIELDS.length + entries + 1)))
            .as("after block %d the table holds %d entries", i, entries)
            .isInstanceOf(Http2Exception.class);
      }
    }
  }

  /**
   * A header block of one indexed field (RFC 7541, 6.1): {@code index} as a 7-bit prefix integer.
   */
  private static ByteBuf indexed(int index) {
    ByteBuf block = Unpooled.buffer();
    if (index < 0x7f) {
      return block.writeByte(0x80 | index);
    }
    block.writeByte(0xff);
    int rest = index - 0x7f;
    while (rest >= 0x80) {
      block.writeByte(rest & 0x7f | 0x80);
      rest >>>= 7;
    }
    return block.writeByte(rest);
  }

  @Test
  void bigHeaderBlocksBothWaysKeepBothTablesInStep() throws Exception {
    // Requests: 12 headers of 400 octets, more than the server's 4,096-octet table holds, so
    // the first ones are indexed and the rest sent as literals every time. Responses: trailers
    // of 5,000 octets (an entry larger than the table) and 1,000 octets each, so long that the
    // decoder never caches them.
    Map<String, String> headers = new TreeMap<>();
    for (int i = 0; i < 12; i++) {
      headers.put("x-request-" + i, text(400, i));
    }
    try (Nghttpd server =
        Nghttpd.h2c(
            dir,
            "--trailer",
            "x-huge: " + text(5_000, 1),
            "--trailer",
            "x-long-a: " + text(1_000, 2),
            "--trailer",
            "x-long-b: " + text(1_000, 3))) {
      writeFiles(server);

      Results results = run(closed(server, mix(headers), 4, 1, 600));

      assertEachPathsExactStatus(results, 75);
    }
  }

  @Test
  void tlsWithAlpnH2AgainstNghttpdKeepsEveryStatusExact() throws Exception {
    try (Nghttpd server = Nghttpd.tls(dir)) {
      writeFiles(server);
      Scenario scenario =
          closed(server, mix(Map.of()), 8, 2, 320).withTls(Tls.trusting(server.certificatePem()));

      Results results = run(scenario);

      assertEachPathsExactStatus(results, 40);
    }
  }

  /** 48 POSTs of {@link #BODY_SIZE} octets from 8 users sharing one connection. */
  private static Results postLargeBodies(Nghttpd server, URI target, Tls tls) throws Exception {
    Files.writeString(server.htdocs().resolve("upload"), "ok\n");
    byte[] body = new byte[BODY_SIZE];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) i;
    }
    RequestTemplate post = RequestTemplate.get("/upload").withMethodAndBody("POST", body);
    Scenario scenario =
        Scenario.builder("upload", target, List.of(post), new ArrivalModel.Closed(8))
            .protocol(Protocol.H2)
            .maxConnections(1)
            .maxRequests(java.util.OptionalLong.of(48))
            .timeout(Duration.ofSeconds(10))
            .tls(tls)
            .build();
    return run(scenario);
  }

  /** Every body arrived whole: the server read all its octets and each stream's end. */
  private static void assertEveryBodyArrivedWhole(Results results, Nghttpd server)
      throws Exception {
    assertThat(results.requests()).isEqualTo(48);
    assertThat(results.statusCodes().get().counts())
        .as("statuses (errors: %s)", results.errorKinds().kinds())
        .isEqualTo(Map.of(200, 48L));
    assertThat(results.errors()).isZero();
    Nghttpd.ReceivedData received = server.receivedData();
    assertThat(received.bytes()).isEqualTo(48L * BODY_SIZE);
    assertThat(received.endedStreams()).isEqualTo(48);
    // nghttpd opened its windows again and again: the bodies waited for WINDOW_UPDATE frames.
    assertThat(server.output()).contains("send WINDOW_UPDATE frame");
  }

  @Test
  void requestBodiesLargerThanTheServersDefaultWindowsAreSentWholeOverH2c() throws Exception {
    try (Nghttpd server = Nghttpd.h2c(dir, "-v")) {
      Results results = postLargeBodies(server, server.uri(""), Tls.DEFAULT);

      assertEveryBodyArrivedWhole(results, server);
    }
  }

  @Test
  void requestBodiesWaitForWindowUpdatesWhenTheServerLowersItsStreamWindow() throws Exception {
    // -w 14: each stream may carry 16,383 octets before the server opens its window again.
    try (Nghttpd server = Nghttpd.h2c(dir, "-v", "-w", "14")) {
      Results results = postLargeBodies(server, server.uri(""), Tls.DEFAULT);

      assertEveryBodyArrivedWhole(results, server);
      assertThat(server.output()).contains("SETTINGS_INITIAL_WINDOW_SIZE(0x04):16383");
    }
  }

  @Test
  void requestBodiesLargerThanTheWindowsAreSentWholeOverTlsWithAlpnH2() throws Exception {
    try (Nghttpd server = Nghttpd.tls(dir, "-v", "-w", "14")) {
      Results results =
          postLargeBodies(server, server.uri(""), Tls.trusting(server.certificatePem()));

      assertEveryBodyArrivedWhole(results, server);
    }
  }

  /** {@code length} letters, varied by {@code seed} so two values never share their bytes. */
  private static String text(int length, int seed) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) ('a' + (i * 7 + seed * 13 + i / 26) % 26));
    }
    return out.toString();
  }
}
