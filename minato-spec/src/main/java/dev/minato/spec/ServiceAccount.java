package dev.minato.spec;

import java.util.Map;

/**
 * The identity the app's pods run as. With {@code create} minato renders the ServiceAccount (with
 * {@code annotations}, an IAM role say); without, it must already exist. {@code automountToken}
 * mounts the Kubernetes API token into the pods, which only an app that calls the API needs.
 */
public record ServiceAccount(
    String name, boolean create, Map<String, String> annotations, boolean automountToken) {}
