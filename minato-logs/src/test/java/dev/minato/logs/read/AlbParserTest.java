package dev.minato.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.logs.LogEvent;
import org.junit.jupiter.api.Test;

class AlbParserTest {

  static final String ENTRY =
      "https 2026-11-30T20:01:02.123456Z app/shop/50dc6c495c0c9188 192.168.131.39:2817"
          + " 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366"
          + " \"GET https://shop.example.com:443/users/7?x=1 HTTP/1.1\" \"curl/8.1 \\\"q\\\"\""
          + " ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2"
          + " arn:aws:elasticloadbalancing:us-east-2:1:targetgroup/t/1"
          + " \"Root=1-58337262-36d228ad5d99923122bbe354\" \"shop.example.com\" \"-\" 0"
          + " 2026-11-30T20:01:02.120000Z \"forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\""
          + " \"-\" TID_1";

  final AlbParser parser = new AlbParser();

  @Test
  void readsEveryFieldUnderAwsNames() {
    LogEvent event = ((Reading.Parsed) parser.parse(ENTRY)).event();
    assertThat(event.get("time")).contains("2026-11-30T20:01:02.123456Z");
    assertThat(event.get("client_port")).contains("192.168.131.39:2817");
    assertThat(event.get("elb_status_code")).contains("200");
    assertThat(event.get("request_method")).contains("GET");
    assertThat(event.get("request_url")).contains("https://shop.example.com:443/users/7?x=1");
    assertThat(event.get("user_agent")).contains("curl/8.1 \\\"q\\\"");
    assertThat(event.get("domain_name")).contains("shop.example.com");
    assertThat(event.get("conn_trace_id")).contains("TID_1");
  }

  @Test
  void aTruncatedEntryNamesTheFirstMissingField() {
    Reading reading = parser.parse("http 2026-11-30T20:01:02Z app/shop/1 1.2.3.4:5 - 0 0 0 200");
    assertThat(reading).isInstanceOf(Reading.Problem.class);
    assertThat(((Reading.Problem) reading).message()).startsWith("expected target_status_code");
  }

  @Test
  void anUnclosedQuoteIsAProblemAtItsColumn() {
    Reading reading =
        parser.parse("http 2026-11-30T20:01:02Z app/shop/1 1.2.3.4:5 - 0 0 0 200 200 1 2 \"GET /");
    assertThat(((Reading.Problem) reading).column()).isEqualTo(68);
    assertThat(((Reading.Problem) reading).message()).contains("never closed");
  }
}
