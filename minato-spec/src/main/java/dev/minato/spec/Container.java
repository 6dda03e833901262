package dev.minato.spec;

import java.util.List;
import java.util.Map;

/**
 * A container of the app's pod besides the app itself: a sidecar that runs beside it for the pod's
 * whole life, or an init container that runs to completion before it starts. An init container has
 * no probes ({@link Health#none()}): Kubernetes accepts none on it. Every such container mounts the
 * pod's shared {@code /tmp}; {@code volumeMounts} are the app's volumes it mounts besides.
 */
public record Container(
    String name,
    Image image,
    List<String> command,
    List<String> args,
    Map<String, String> env,
    List<EnvSource> envFrom,
    Resources resources,
    List<ContainerPort> ports,
    Health health,
    List<VolumeMount> volumeMounts) {}
