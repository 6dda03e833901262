package dev.minato.spec.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.minato.manifest.YamlReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The published JSON Schema must agree with the reader, or editors would mislead users. */
class SchemaTest {

  private static JsonSchema schema() throws Exception {
    try (InputStream in =
        SpecReader.class.getResourceAsStream("/dev/minato/spec/minato-app.schema.json")) {
      assertThat(in).as("the schema is packaged with the spec module").isNotNull();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
  }

  private static Set<ValidationMessage> validate(Path file) throws Exception {
    JsonNode root = YamlReader.read(file).get(0).root();
    return schema().validate(root);
  }

  @Test
  void theSpecUsingEveryFieldReadsAndValidates() throws Exception {
    Path file = Path.of("src/test/resources/every-field.minato.yaml");

    assertThat(SpecReader.read(file)).hasSize(1);
    assertThat(validate(file)).isEmpty();
  }

  @Test
  void everyBundledExampleValidates() throws Exception {
    List<Path> examples = SpecFiles.find(Path.of("..", "examples"));
    assertThat(examples).isNotEmpty();
    for (Path example : examples) {
      assertThat(validate(example)).as(example.toString()).isEmpty();
    }
  }

  @Test
  void theSchemaRejectsAnUnknownFieldLikeTheReader() throws Exception {
    JsonNode root =
        YamlReader.read(
                "x.yaml",
                "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: a}\n"
                    + "spec: {image: a:1, resources: {cpu: 1, memory: 1Gi}, replica: {min: 2}}\n")
            .get(0)
            .root();

    assertThat(schema().validate(root)).isNotEmpty();
  }

  @Test
  void theSchemaIsPublishedAtTheRepositoryRoot() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("..", "schema"))) {
      assertThat(files.map(p -> p.getFileName().toString())).contains("minato-app.schema.json");
    }
  }
}
