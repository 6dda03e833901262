package dev.minato.load.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.load.stats.FailureKind;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class FailureCauseTest {

  @Test
  void aConnectThatWasNotAcceptedInTimeIsAConnectTimeout() {
    var failure = new ConnectTimeoutException("connection timed out: /10.0.0.1:80");

    assertThat(FailureCause.connectKindOf(failure)).isEqualTo(FailureKind.CONNECT_TIMEOUT);
    assertThat(FailureCause.messageOf(failure)).isEqualTo("connection timed out: /10.0.0.1:80");
  }

  @Test
  void aRefusedConnectIsConnectRefused() {
    assertThat(FailureCause.connectKindOf(new ConnectException("Connection refused")))
        .isEqualTo(FailureKind.CONNECT_REFUSED);
  }

  @Test
  void aHandshakeFailureWrappedByNettyIsATlsHandshakeWithTheRootCausesWords() {
    var failure = new DecoderException(new SSLHandshakeException("PKIX path building failed"));

    assertThat(FailureCause.connectKindOf(failure)).isEqualTo(FailureKind.TLS_HANDSHAKE);
    assertThat(FailureCause.messageOf(failure)).isEqualTo("PKIX path building failed");
  }

  @Test
  void anyOtherConnectFailureIsAConnectError() {
    assertThat(FailureCause.connectKindOf(new NoRouteToHostException("No route to host")))
        .isEqualTo(FailureKind.CONNECT_ERROR);
  }

  @Test
  void aBrokenOpenConnectionIsAResetAndBadTlsOnItAProtocolError() {
    assertThat(FailureCause.kindOf(new IOException("Connection reset by peer")))
        .isEqualTo(FailureKind.RESET);
    assertThat(FailureCause.kindOf(new DecoderException(new javax.net.ssl.SSLException("bad"))))
        .isEqualTo(FailureKind.PROTOCOL);
  }
}
