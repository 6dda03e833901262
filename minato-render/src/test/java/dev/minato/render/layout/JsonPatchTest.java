package dev.minato.render.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonPatchTest {

  private final ObjectMapper json = new ObjectMapper();

  private JsonNode tree(String text) throws Exception {
    return json.readTree(text.replace('\'', '"'));
  }

  @Test
  void equalTreesNeedNoPatch() throws Exception {
    assertThat(JsonPatch.diff(tree("{'a':[1,{'b':2}]}"), tree("{'a':[1,{'b':2}]}"))).isEmpty();
  }

  @Test
  void addsRemovesAndReplacesFieldsWithEscapedPointers() throws Exception {
    JsonNode patch =
        JsonPatch.diff(
            tree("{'labels':{'a/b':'1','gone':'x'},'n':1}"),
            tree("{'labels':{'a/b':'2'},'n':1,'new':true}"));

    assertThat(patch.toString().replace('"', '\''))
        .isEqualTo(
            "[{'op':'remove','path':'/labels/gone'},"
                + "{'op':'replace','path':'/labels/a~1b','value':'2'},"
                + "{'op':'add','path':'/new','value':true}]");
  }

  @Test
  void patchesListElementsInPlaceWhenTheLengthIsUnchangedAndReplacesOtherwise() throws Exception {
    assertThat(
            JsonPatch.diff(tree("{'l':[1,2]}"), tree("{'l':[1,3]}")).toString().replace('"', '\''))
        .isEqualTo("[{'op':'replace','path':'/l/1','value':3}]");
    assertThat(JsonPatch.diff(tree("{'l':[1,2]}"), tree("{'l':[1]}")).toString().replace('"', '\''))
        .isEqualTo("[{'op':'replace','path':'/l','value':[1]}]");
  }
}
