package dev.minato.render.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.Suggestions;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.ExtraObject;
import dev.minato.spec.Patch;
import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.read.SpecError;
import dev.minato.spec.read.SpecException;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one version of a spec renders: minato's objects ({@link AppRenderer}), then the spec's
 * way out: its patches applied last, after every default, and its extra objects. Patches are
 * checked against the objects they change (the target exists, every path resolves, every {@code
 * test} holds); each problem points at the patch or operation that caused it.
 */
public final class AppObjects {

  /**
   * RFC 6902 as written: removing what is not there is an error (zjsonpatch ignores it by default),
   * as is replacing it, so a patch that no longer fits the rendered object is noticed.
   */
  private static final EnumSet<CompatibilityFlags> STRICT =
      EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);

  private AppObjects() {}

  public static List<ObjectNode> render(App app, AppSpec spec) throws SpecException {
    return render(app, spec, PlatformMonitoring.defaults());
  }

  public static List<ObjectNode> render(App app, AppSpec spec, PlatformMonitoring monitoring)
      throws SpecException {
    List<ObjectNode> objects = new ArrayList<>(AppRenderer.render(app, spec, monitoring));
    SpecAnnotations.apply(spec, objects);
    List<SpecError> errors = new ArrayList<>();
    for (Patch patch : spec.patches()) {
      apply(app, patch, objects, errors);
    }
    if (!spec.patches().isEmpty()) {
      objects.replaceAll(OneOffJobRenderer::renamedForItsSpec);
    }
    Map<String, ExtraObject> extras = new LinkedHashMap<>();
    for (ExtraObject extra : spec.extraObjects()) {
      String identity = extra.kind() + "/" + extra.name();
      if (objects.stream().anyMatch(o -> identity(o).equals(identity))) {
        errors.add(
            new SpecError(
                extra.position(),
                extra.field(),
                "minato already renders "
                    + identity
                    + " for this app; change it with patches instead, e.g. patches: [{target:"
                    + " {kind: "
                    + extra.kind()
                    + "}, merge: {…}}]"));
      } else if (extras.containsKey(identity)) {
        errors.add(
            new SpecError(
                extra.position(),
                extra.field(),
                identity + " is declared twice (also " + extras.get(identity).field() + ")"));
      } else {
        extras.put(identity, extra);
      }
    }
    if (!errors.isEmpty()) {
      throw new SpecException(errors);
    }
    extras.values().forEach(extra -> objects.add(extra.object().deepCopy()));
    return objects;
  }

  private static void apply(
      App app, Patch patch, List<ObjectNode> objects, List<SpecError> errors) {
    Optional<Integer> index = target(app, patch, objects, errors);
    if (index.isEmpty()) {
      return;
    }
    ObjectNode object = objects.get(index.get());
    String identity = identity(object);
    if (patch.merge().isPresent()) {
      object = MergePatch.apply(object, patch.merge().get());
    }
    for (Patch.Operation operation : patch.operations()) {
      try {
        JsonNode patched =
            JsonPatch.apply(
                JsonNodeFactory.instance.arrayNode().add(operation.json()), object, STRICT);
        if (!patched.isObject()) {
          errors.add(
              new SpecError(
                  operation.position(), operation.field(), "the result is not an object"));
          return;
        }
        object = (ObjectNode) patched;
      } catch (JsonPatchException e) {
        errors.add(
            new SpecError(
                operation.position(),
                operation.field(),
                "cannot "
                    + operation.op()
                    + " "
                    + operation.path()
                    + " in "
                    + identity
                    + ": "
                    + reason(e, operation, object)));
        return;
      }
    }
    if (!identity(object).equals(identity)
        || !object.path("apiVersion").equals(objects.get(index.get()).path("apiVersion"))) {
      errors.add(
          new SpecError(
              patch.position(),
              patch.field(),
              "a patch cannot change the apiVersion, kind or name of "
                  + identity
                  + "; declare another object in extraObjects instead"));
      return;
    }
    objects.set(index.get(), object);
  }

  /**
   * The object a patch changes: the one of its kind with its name, or without a name the app's
   * object of that kind. Empty (and an error, unless the patch is inherited from the base spec and
   * this environment does not render its target) when there is none.
   */
  private static Optional<Integer> target(
      App app, Patch patch, List<ObjectNode> objects, List<SpecError> errors) {
    List<Integer> ofKind = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      if (objects.get(i).path("kind").asText().equals(patch.kind())) {
        ofKind.add(i);
      }
    }
    List<String> names = ofKind.stream().map(i -> name(objects.get(i))).toList();
    Optional<String> wanted =
        patch
            .name()
            .or(() -> names.size() == 1 ? Optional.of(names.get(0)) : Optional.of(app.name()));
    int found = names.indexOf(wanted.get());
    if (found >= 0) {
      return Optional.of(ofKind.get(found));
    }
    if (patch.inherited()) {
      return Optional.empty(); // this environment does not render what the base spec patches
    }
    String message;
    if (names.isEmpty()) {
      message =
          "no "
              + patch.kind()
              + " is rendered for this spec; minato renders: "
              + String.join(", ", objects.stream().map(AppObjects::identity).toList());
    } else if (patch.name().isEmpty()) {
      message =
          "this app renders several objects of kind "
              + patch.kind()
              + " ("
              + String.join(", ", names)
              + "); name one in target.name";
    } else {
      message =
          "no "
              + patch.kind()
              + " named '"
              + wanted.get()
              + "'; rendered: "
              + String.join(", ", names)
              + Suggestions.didYouMean(wanted.get(), names);
    }
    errors.add(new SpecError(patch.targetPosition(), patch.field() + ".target", message));
    return Optional.empty();
  }

  /** Why an operation failed, with a did-you-mean when the last step of its path is misspelt. */
  private static String reason(JsonPatchException e, Patch.Operation operation, ObjectNode object) {
    String message = e.getMessage().replaceFirst("^\\[[A-Z]+ Operation\\] ", "");
    String path = operation.path();
    int slash = path.lastIndexOf('/');
    if (slash >= 0) {
      JsonNode parent = object.at(path.substring(0, slash));
      String last = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
      if (parent.isObject() && !parent.has(last)) {
        List<String> keys = new ArrayList<>();
        parent.fieldNames().forEachRemaining(keys::add);
        message += Suggestions.didYouMean(last, keys);
      }
    }
    return message;
  }

  static String identity(ObjectNode object) {
    return object.path("kind").asText() + "/" + name(object);
  }

  private static String name(ObjectNode object) {
    return object.path("metadata").path("name").asText();
  }
}
