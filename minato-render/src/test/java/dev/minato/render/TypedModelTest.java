package dev.minato.render;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The typed-model check must catch a misspelt field, or it proves nothing about our output. */
class TypedModelTest {

  @Test
  void rejectsAFieldTheModelDoesNotKnow() throws Exception {
    ObjectNode deployment =
        (ObjectNode)
            new ObjectMapper()
                .readTree(
                    "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"x\"},"
                        + "\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"x\",\"imagePullPolicyy\":\"Always\"}]}}}}");

    assertThatThrownBy(() -> TypedModel.assertParsesWithoutUnknownFields(deployment))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("unknown fields");
  }
}
