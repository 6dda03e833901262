package dev.minato.edge.nodeport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.minato.spec.read.SpecError;
import dev.minato.spec.read.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodePortLockTest {

  @Test
  void writesSortedLinesAndReadsThemBack(@TempDir Path dir) throws Exception {
    TreeMap<String, Integer> ports = new TreeMap<>();
    ports.put("zeta", 30002);
    ports.put("alpha", 30001);
    Path file = dir.resolve("nodeports.lock");

    new NodePortLock(ports).write(file);

    assertThat(Files.readString(file)).endsWith("alpha 30001\nzeta 30002\n");
    assertThat(NodePortLock.read(file)).isEqualTo(new NodePortLock(ports));
  }

  @Test
  void aMissingFileIsAnEmptyLock(@TempDir Path dir) throws Exception {
    assertThat(NodePortLock.read(dir.resolve("none")).ports()).isEmpty();
  }

  @Test
  void reportsBrokenLinesWithTheirPosition(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nodeports.lock");
    Files.writeString(file, "# header\na 30001\nb thirty\nc 30001\n");

    SpecException e = catchThrowableOfType(SpecException.class, () -> NodePortLock.read(file));

    assertThat(e.errors())
        .extracting(SpecError::toString)
        .anySatisfy(
            m ->
                assertThat(m)
                    .isEqualTo(
                        file
                            + ":3:1: expected '<app> <port>', found 'b thirty'; regenerate the file with 'minato nodeports'"))
        .anySatisfy(m -> assertThat(m).contains(":4:1: port 30001 is locked for both 'a' and 'c'"));
  }
}
