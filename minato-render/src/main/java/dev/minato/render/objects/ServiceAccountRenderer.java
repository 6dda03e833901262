package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.ServiceAccount;
import dev.minato.spec.WorkloadType;

/**
 * The ServiceAccount an app's pods run as, when the spec asks minato to create it. Its token is not
 * mounted by default ({@code automountServiceAccountToken: false}); the pod spec decides.
 */
final class ServiceAccountRenderer {

  private ServiceAccountRenderer() {}

  static ObjectNode render(App app, AppSpec spec, ServiceAccount account) {
    ObjectNode object =
        Trees.header(
            "v1",
            "ServiceAccount",
            account.name(),
            Labels.of(
                app,
                spec.type() == WorkloadType.BATCH
                    ? Components.JOB
                    : DeploymentRenderer.component(spec)),
            account.annotations());
    object.put("automountServiceAccountToken", false);
    return object;
  }
}
