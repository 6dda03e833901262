package dev.minato.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MigrationDemoTest {

  @Test
  void walksThroughAMigrationBetweenTwoEmulators() {
    StringWriter text = new StringWriter();
    int code = MigrationDemo.run(new PrintWriter(text));
    assertThat(code).as(text.toString()).isZero();
    assertThat(text.toString())
        .contains(
            "API EMULATORS (not clusters",
            "duplicate-ok  Deployment/shop/web",
            "phase remove verified",
            "old: no Deployment web; no CronJob nightly-invoices",
            "new: Deployment web with 3 ready replicas; CronJob nightly-invoices scheduled");
  }
}
