package dev.minato.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import dev.minato.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec whose protocol fields are wrong stops generate before anything is written, with every
 * problem at its place in the spec; a gRPC app then generates its gRPC port and probes.
 */
class GenerateProtocolTest {

  private static final String GRPC =
      "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: a}\n"
          + "spec:\n  image: a:1\n  port: 50051\n  protocol: grpc\n"
          + "  resources: {cpu: 1, memory: 1Gi}\n";

  @Test
  void wrongProtocolFieldsExitTwoAndKeepThePreviousOutput(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("m");
    Path spec = dir.resolve("minato.yaml");
    Files.writeString(spec, GRPC);
    assertThat(CliRun.of("generate", "-q", "-f", spec.toString(), "-o", out.toString()).exitCode())
        .isZero();
    Map<String, String> before = GenerateCommandTest.snapshot(out);
    Files.writeString(
        spec,
        GRPC.replace("protocol: grpc", "protocol: grcp")
            + "  health: {grpcServise: a.v1.A}\n"
            + "environments:\n  prd: {protocol: [h2c]}\n");

    CliRun run = CliRun.of("generate", "-q", "-f", spec.toString(), "-o", out.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains(
            spec
                + ":7:13: spec.protocol: expected one of http, grpc, h2c, found 'grcp', did you"
                + " mean 'grpc'?")
        .contains(
            spec
                + ":9:12: spec.health.grpcServise: unknown field 'grpcServise', did you mean"
                + " 'grpcService'?")
        .contains(spec + ":11:19: environments.prd.protocol: expected a")
        .contains("nothing was written");
    assertThat(GenerateCommandTest.snapshot(out)).isEqualTo(before);
  }

  @Test
  void aGrpcAppGeneratesItsGrpcPortAndProbes(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("m");
    Path spec = dir.resolve("minato.yaml");
    Files.writeString(spec, GRPC);

    CliRun run = CliRun.of("generate", "--flat", "-f", spec.toString(), "-o", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    String prd = Files.readString(out.resolve("a").resolve("default.yaml"));
    assertThat(prd)
        .contains("name: grpc")
        .contains("appProtocol: kubernetes.io/h2c")
        .contains("grpc:\n              port: 50051");
  }
}
