package dev.minato.cluster.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherException;
import io.fabric8.kubernetes.client.server.mock.crud.PostHandler;
import io.fabric8.kubernetes.client.server.mock.crud.PutHandler;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's CRUD dispatcher plus what minato needs and the mock lacks: discovery, server-side
 * apply, server-side dry-run that never persists, {@code limit}/{@code continue} paging with a
 * stable order, the emulated status of {@link EmulatedStatus}, watches that resume from a version
 * ({@link WatchCache}), and a change feed. Everything else (stores, label and field selectors,
 * merge and JSON patches, finalizers) is the mock's own behaviour, reached through {@code super}.
 */
final class EmulatorDispatcher extends KubernetesCrudDispatcher implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String APPLY_PATCH = "application/apply-patch+yaml";
  private static final String JSON_PATCH = "application/json-patch+json";
  private static final String CRDS = "customresourcedefinitions";
  private static final Pattern POD_LOG =
      Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/log");

  /** One lock around every request: the mock's own lock does not cover our extensions. */
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();

  private final List<Consumer<StoredChange>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong sequence = new AtomicLong();

  private final EmulatedControllers controllers;
  private final WatchCache watches;

  /** The UID the object being seeded keeps; empty otherwise. Guarded by the gate's write lock. */
  private String seedUid = "";

  /** The version fabric8's counter gave last. Guarded by the gate's write lock. */
  private long issued;

  /**
   * {@code history}: how many changes of each resource a watch can resume from; {@code
   * bookmarkInterval}: how often a watch that allows bookmarks gets one.
   */
  EmulatorDispatcher(int history, Duration bookmarkInterval) {
    this.controllers = new EmulatedControllers(this);
    this.watches = new WatchCache(history, bookmarkInterval);
  }

  EmulatedControllers controllers() {
    return controllers;
  }

  WatchCache watches() {
    return watches;
  }

  /** Stores {@code object} in {@code collectionPath} as a create would; empty if refused. */
  Optional<JsonNode> create(String collectionPath, ObjectNode object) {
    try {
      MockResponse created =
          locked(
              gate.writeLock(),
              () ->
                  new PostHandler((KubernetesAttributesExtractor) attributeExtractor, this)
                      .handle(collectionPath, "application/json", writeQuietly(object)));
      return created.code() / 100 == 2
          ? Optional.of(parseQuietly(created.getBody().readUtf8()))
          : Optional.empty();
    } catch (KubernetesCrudDispatcherException e) {
      return Optional.empty();
    }
  }

  /**
   * Changes the stored object at {@code path} in place (read, change, write under one lock, as a
   * controller's update with its resourceVersion would); false when it no longer exists.
   */
  boolean update(String path, Consumer<ObjectNode> change) {
    try {
      return locked(
                  gate.writeLock(),
                  () -> {
                    Map.Entry<AttributeSet, String> current = findResource(getKey(path));
                    if (current == null) {
                      return status("gone", HttpURLConnection.HTTP_NOT_FOUND);
                    }
                    ObjectNode tree = (ObjectNode) parseQuietly(current.getValue());
                    change.accept(tree);
                    return new PutHandler(this)
                        .handle(path, "application/json", writeQuietly(tree));
                  })
              .code()
          == HttpURLConnection.HTTP_OK;
    } catch (KubernetesCrudDispatcherException e) {
      return false;
    }
  }

  /** Every stored object that {@code filter} accepts. */
  List<JsonNode> all(java.util.function.Predicate<JsonNode> filter) {
    List<JsonNode> found = new ArrayList<>();
    gate.readLock().lock();
    try {
      synchronized (map) {
        for (String value : map.values()) {
          JsonNode tree = parseQuietly(value);
          if (filter.test(tree)) {
            found.add(tree);
          }
        }
      }
    } finally {
      gate.readLock().unlock();
    }
    return found;
  }

  /** Deletes a stored object, found by its apiVersion, kind, namespace and name. */
  void delete(JsonNode object) {
    Optional<String> path = Discovery.of(storedCrds()).pathOf(object);
    if (path.isEmpty()) {
      return;
    }
    try {
      locked(gate.writeLock(), () -> super.handleDelete(path.get()));
    } catch (KubernetesCrudDispatcherException e) {
      // Gone already: what a garbage collector wanted.
    }
  }

  void addListener(Consumer<StoredChange> listener) {
    listeners.add(listener);
  }

  /**
   * Stores {@code object} in {@code collectionPath} as a create would, keeping a UID it names (a
   * create through the API would keep it too; this is how the sandbox gets a fixed identity).
   */
  void seed(String collectionPath, ObjectNode object) {
    String uid = object.path("metadata").path("uid").asText("");
    try {
      locked(
          gate.writeLock(),
          () -> {
            // The mock numbers UIDs itself; a restarted cluster must keep its identity, so the
            // change is stored (and recorded for watches) with this one.
            seedUid = uid;
            try {
              return new PostHandler((KubernetesAttributesExtractor) attributeExtractor, this)
                  .handle(collectionPath, "application/json", writeQuietly(object));
            } finally {
              seedUid = "";
            }
          });
    } catch (KubernetesCrudDispatcherException e) {
      throw new IllegalStateException("the emulator refused its own seed object: " + e, e);
    }
  }

  /** The UID of the stored object at {@code path}, or empty. */
  String uidOf(String path) {
    Map.Entry<AttributeSet, String> stored = findResource(getKey(path));
    if (stored == null) {
      return "";
    }
    try {
      return JSON.readTree(stored.getValue()).path("metadata").path("uid").asText("");
    } catch (JsonProcessingException e) {
      return "";
    }
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    RequestPath path = RequestPath.parse(request.getPath());
    try {
      switch (request.method()) {
        case GET:
          return locked(gate.readLock(), () -> get(request, path));
        case POST:
          return locked(
              gate.writeLock(),
              () ->
                  path.dryRun()
                      ? dryCreate(path.path(), object(request.getUtf8Body()))
                      : super.handleCreate(request));
        case PUT:
          return locked(
              gate.writeLock(),
              () -> path.dryRun() ? dryUpdate(path, request) : super.handleUpdate(request));
        case PATCH:
          return locked(gate.writeLock(), () -> patch(path, request));
        case DELETE:
          return locked(
              gate.writeLock(),
              () -> path.dryRun() ? dryDelete(path) : super.handleDelete(request.getPath()));
        default:
          return status("method not supported by the emulator", 405);
      }
    } catch (KubernetesCrudDispatcherException e) {
      return new MockResponse().setResponseCode(e.getCode()).setBody(e.toStatusBody());
    }
  }

  private MockResponse get(RecordedRequest request, RequestPath path)
      throws KubernetesCrudDispatcherException {
    String raw = request.getPath();
    if (path.path().equals("/version")) {
      return json(HttpURLConnection.HTTP_OK, Emulator.versionInfo());
    }
    if (path.path().startsWith("/openapi/")) {
      // No OpenAPI documents: clients such as kubectl then skip schema validation.
      return status("the emulator serves no OpenAPI documents", HttpURLConnection.HTTP_NOT_FOUND);
    }
    Matcher log = POD_LOG.matcher(path.path());
    if (log.matches()) {
      return podLog(log.group(1), log.group(2));
    }
    if (Discovery.isDiscoveryPath(path.path())) {
      // Built per request from the stored CRDs, so a new CRD is served at once.
      Optional<JsonNode> discovery = Discovery.of(storedCrds()).answer(path.path());
      if (discovery.isPresent()) {
        return json(HttpURLConnection.HTTP_OK, discovery.get());
      }
    }
    AttributeSet query = attributeExtractor.fromPath(raw);
    String watch = path.param("watch", "");
    if ((watch.equals("true") || watch.equals("1"))
        && query.containsKey(KubernetesAttributesExtractor.PLURAL)) {
      return watch(query, path);
    }
    if (query.containsKey(KubernetesAttributesExtractor.NAME)
        || !query.containsKey(KubernetesAttributesExtractor.PLURAL)) {
      return super.handleGet(raw);
    }
    return list(query, path);
  }

  /**
   * A watch, served by {@link WatchCache} instead of the mock: without a version (or from "0") it
   * gets the objects it sees now as ADDED events, from a version the changes since then. The gate's
   * read lock held by every GET keeps changes out while the objects are read and the watch is
   * registered. Answered as a WebSocket upgrade; {@link EmulatorServer} streams the same watch over
   * HTTP when the request asked for no upgrade. {@code timeoutSeconds} ends the watch from the
   * server's side after that time, as an API server does; {@code allowWatchBookmarks=true} gets a
   * bookmark every interval ({@link WatchCache#bookmarkEvery}).
   */
  private MockResponse watch(AttributeSet query, RequestPath path)
      throws KubernetesCrudDispatcherException {
    int refusal = watches.refusal();
    if (refusal != 0) {
      return status("the emulator's watches are interrupted", refusal);
    }
    String resource = value(query, KubernetesAttributesExtractor.PLURAL);
    String version = path.param("resourceVersion", "");
    long timeout = number(path, "timeoutSeconds");
    EmulatedWatch watch;
    if (version.isEmpty() || version.equals("0")) {
      watch = watches.openNow(resource, query, current(query));
    } else {
      watch = watches.openFrom(resource, query, number(path, "resourceVersion"));
    }
    if (timeout > 0) {
      watches.endAfter(watch, Duration.ofSeconds(timeout));
    }
    if (path.param("allowWatchBookmarks", "").equals("true")) {
      // A bookmark names the watched type, as an API server's does; a client decodes it as one.
      Optional<BuiltinResources.Type> type =
          Discovery.of(storedCrds()).typeAt(path.path(), resource);
      watches.bookmarkEvery(
          watch,
          type.map(BuiltinResources.Type::groupVersion).orElse(""),
          type.map(BuiltinResources.Type::kind).orElse(""));
    }
    return new MockResponse().withWebSocketUpgrade(new WebSocketWatch(watch));
  }

  /** The whole number parameter {@code name}, 0 when absent; 400 when it is not one. */
  private static long number(RequestPath path, String name)
      throws KubernetesCrudDispatcherException {
    String value = path.param(name, "");
    if (value.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new KubernetesCrudDispatcherException(
          "invalid " + name + ": " + value, HttpURLConnection.HTTP_BAD_REQUEST);
    }
  }

  /** ADDED events for the objects {@code query} matches, in (namespace, name) order. */
  private List<String> current(AttributeSet query) {
    return matching(query).stream()
        .map(item -> ObjectChange.event("ADDED", item.getValue()))
        .toList();
  }

  /** The stored objects {@code query} matches by (namespace, name) key, in that order. */
  private List<Map.Entry<String, String>> matching(AttributeSet query) {
    List<Map.Entry<String, String>> items = new ArrayList<>();
    synchronized (map) {
      for (Map.Entry<AttributeSet, String> entry : map.entrySet()) {
        if (entry.getKey().matches(query)) {
          items.add(Map.entry(sortKey(entry.getKey()), entry.getValue()));
        }
      }
    }
    items.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
    return items;
  }

  /** A pod's log: the text its runner returned once it ended; 400 before, as for a waiting pod. */
  private MockResponse podLog(String namespace, String name) {
    if (findResource(getKey("/api/v1/namespaces/" + namespace + "/pods/" + name)) == null) {
      return status("pods \"" + name + "\" not found", HttpURLConnection.HTTP_NOT_FOUND);
    }
    Optional<String> text = controllers.log(namespace, name);
    if (text.isEmpty()) {
      return status(
          "container in pod \"" + name + "\" is waiting to start",
          HttpURLConnection.HTTP_BAD_REQUEST);
    }
    return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(text.get());
  }

  /** A list in (namespace, name) order, cut into pages when {@code limit} is given. */
  private MockResponse list(AttributeSet query, RequestPath path)
      throws KubernetesCrudDispatcherException {
    List<Map.Entry<String, String>> items = matching(query);
    int start = 0;
    String token = path.query().get("continue");
    if (token != null && !token.isEmpty()) {
      String after = decodeToken(token);
      while (start < items.size() && items.get(start).getKey().compareTo(after) <= 0) {
        start++;
      }
    }
    int limit = parseLimit(path.query().get("limit"), items.size());
    int end = Math.min(items.size(), start + limit);
    StringBuilder body =
        new StringBuilder("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"metadata\":{");
    body.append("\"resourceVersion\":\"").append(watches.latest()).append('"');
    if (end < items.size()) {
      String next =
          Base64.getUrlEncoder()
              .encodeToString(items.get(end - 1).getKey().getBytes(StandardCharsets.UTF_8));
      body.append(",\"continue\":\"").append(next).append('"');
      body.append(",\"remainingItemCount\":").append(items.size() - end);
    }
    body.append("},\"items\":[");
    for (int i = start; i < end; i++) {
      if (i > start) {
        body.append(',');
      }
      body.append(items.get(i).getValue());
    }
    body.append("]}");
    return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(body.toString());
  }

  private static String sortKey(AttributeSet attributes) {
    return value(attributes, KubernetesAttributesExtractor.NAMESPACE)
        + "\u0000"
        + value(attributes, KubernetesAttributesExtractor.NAME);
  }

  private static String value(AttributeSet attributes, String key) {
    Attribute attribute = attributes.getAttribute(key);
    return attribute == null ? "" : attribute.getValues().iterator().next().toString();
  }

  private static String decodeToken(String token) throws KubernetesCrudDispatcherException {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new KubernetesCrudDispatcherException("invalid continue token", 410);
    }
  }

  private static int parseLimit(String limit, int all) throws KubernetesCrudDispatcherException {
    if (limit == null || limit.isEmpty() || limit.equals("0")) {
      return Math.max(all, 1);
    }
    try {
      return Math.max(1, Integer.parseInt(limit));
    } catch (NumberFormatException e) {
      throw new KubernetesCrudDispatcherException("invalid limit: " + limit, 400);
    }
  }

  private MockResponse patch(RequestPath path, RecordedRequest request)
      throws KubernetesCrudDispatcherException {
    String contentType = String.valueOf(request.getHeader("Content-Type"));
    if (contentType.startsWith(APPLY_PATCH)) {
      return apply(path, object(request.getUtf8Body()));
    }
    if (!path.dryRun()) {
      return super.handlePatch(request);
    }
    Map.Entry<AttributeSet, String> current = findResource(getKey(path.path()));
    if (current == null) {
      return status("not found", HttpURLConnection.HTTP_NOT_FOUND);
    }
    JsonNode patched;
    if (contentType.startsWith(JSON_PATCH)) {
      patched = JsonPatch.apply(parse(request.getUtf8Body()), parse(current.getValue()));
    } else {
      patched = merge(parse(current.getValue()), request.getUtf8Body());
    }
    return json(HttpURLConnection.HTTP_OK, patched);
  }

  /** Server-side apply: create when absent, otherwise merge as {@link ServerSideApply} says. */
  private MockResponse apply(RequestPath path, ObjectNode applied)
      throws KubernetesCrudDispatcherException {
    String manager = path.param("fieldManager", "");
    if (manager.isEmpty()) {
      throw new KubernetesCrudDispatcherException(
          "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for"
              + " apply patch",
          422);
    }
    Map.Entry<AttributeSet, String> current = findResource(getKey(path.path()));
    if (current == null) {
      ObjectNode created = ServerSideApply.created(applied, manager);
      if (path.dryRun()) {
        return dryCreate(path.collection(), created);
      }
      return new PostHandler((KubernetesAttributesExtractor) attributeExtractor, this)
          .handle(path.collection(), "application/json", writeQuietly(created));
    }
    ObjectNode merged =
        ServerSideApply.merged((ObjectNode) parse(current.getValue()), applied, manager);
    if (path.dryRun()) {
      return json(HttpURLConnection.HTTP_OK, merged);
    }
    return new PutHandler(this).handle(path.path(), "application/json", writeQuietly(merged));
  }

  private MockResponse dryCreate(String collectionPath, ObjectNode object)
      throws KubernetesCrudDispatcherException {
    requireIdentity(object);
    String name = object.path("metadata").path("name").asText();
    if (findResource(getKey(collectionPath + "/" + name)) != null) {
      throw new KubernetesCrudDispatcherException(
          object.path("kind").asText() + " '" + name + "' already exists",
          HttpURLConnection.HTTP_CONFLICT,
          object.path("kind").asText());
    }
    ObjectNode result = object.deepCopy();
    ObjectNode metadata = result.withObject("/metadata");
    String namespace =
        ((KubernetesAttributesExtractor) attributeExtractor)
            .fromKubernetesPath(collectionPath)
            .get(KubernetesAttributesExtractor.NAMESPACE);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    metadata.put("uid", UUID.randomUUID().toString());
    metadata.put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    metadata.put("generation", 1);
    return json(HttpURLConnection.HTTP_CREATED, result);
  }

  private MockResponse dryUpdate(RequestPath path, RecordedRequest request)
      throws KubernetesCrudDispatcherException {
    if (findResource(getKey(path.path())) == null) {
      return status("not found", HttpURLConnection.HTTP_NOT_FOUND);
    }
    return json(HttpURLConnection.HTTP_OK, object(request.getUtf8Body()));
  }

  private MockResponse dryDelete(RequestPath path) {
    Map.Entry<AttributeSet, String> current = findResource(getKey(path.path()));
    if (current == null) {
      return status("not found", HttpURLConnection.HTTP_NOT_FOUND);
    }
    return new MockResponse()
        .setResponseCode(HttpURLConnection.HTTP_OK)
        .setBody(current.getValue());
  }

  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    String before = oldAttributes == null ? null : map.get(oldAttributes);
    JsonNode beforeTree = before == null ? null : parseQuietly(before);
    String state = newState;
    ObjectNode tree = null;
    if (newState != null) {
      tree = (ObjectNode) parseQuietly(newState);
      boolean rewritten = EmulatedStatus.apply(tree);
      if (!seedUid.isEmpty()) {
        tree.withObject("/metadata").put("uid", seedUid);
        rewritten = true;
      }
      state = rewritten ? writeQuietly(tree) : newState;
    }
    long version = 0;
    if (!Objects.equals(beforeTree, tree)) {
      version = tree == null ? 0 : tree.path("metadata").path("resourceVersion").asLong(0);
      if (version != issued || version <= watches.latest()) {
        // Deletes come with the version the object had; an API server gives
        // every change a new one, and a client resumes its watch from the last it saw. A version
        // the counter did not just give is never trusted, so versions only increase.
        version = requestResourceVersion();
        if (tree != null) {
          tree.withObject("/metadata").put("resourceVersion", String.valueOf(version));
          state = writeQuietly(tree);
        }
      }
    }
    super.processEvent(path, pathAttributes, oldAttributes, resource, state);
    if (version > 0) {
      AttributeSet after = state == null ? null : attributesOf(pathAttributes, resource, state);
      String kind =
          value(after != null ? after : oldAttributes, KubernetesAttributesExtractor.PLURAL);
      watches.record(new ObjectChange(version, kind, oldAttributes, before, after, state));
    }
    controllers.changed(beforeTree, tree);
    JsonNode identity = tree != null ? tree : beforeTree;
    if (identity != null && !listeners.isEmpty()) {
      StoredChange change =
          new StoredChange(
              sequence.incrementAndGet(),
              identity.path("kind").asText(),
              identity.path("metadata").path("namespace").asText(""),
              identity.path("metadata").path("name").asText(),
              Optional.ofNullable(tree));
      listeners.forEach(listener -> listener.accept(change));
    } else {
      sequence.incrementAndGet();
    }
  }

  @Override
  public long requestResourceVersion() {
    issued = super.requestResourceVersion();
    return issued;
  }

  /** The attributes the mock stores {@code state} under, found as it finds them. */
  private AttributeSet attributesOf(
      AttributeSet pathAttributes, GenericKubernetesResource resource, String state) {
    KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) attributeExtractor;
    AttributeSet attributes =
        resource != null ? extractor.extract(resource) : extractor.fromResource(state);
    return attributes.containsKey(KubernetesAttributesExtractor.PLURAL)
        ? attributes
        : AttributeSet.merge(pathAttributes, attributes);
  }

  @Override
  public void close() {
    watches.close();
  }

  private List<JsonNode> storedCrds() {
    AttributeSet query =
        new AttributeSet(new Attribute(KubernetesAttributesExtractor.PLURAL, CRDS));
    List<JsonNode> crds = new ArrayList<>();
    synchronized (map) {
      for (Map.Entry<AttributeSet, String> entry : map.entrySet()) {
        if (entry.getKey().matches(query)) {
          crds.add(parseQuietly(entry.getValue()));
        }
      }
    }
    return crds;
  }

  private static void requireIdentity(ObjectNode object) throws KubernetesCrudDispatcherException {
    for (String pointer : List.of("/apiVersion", "/kind", "/metadata/name")) {
      if (object.at(pointer).asText("").isEmpty()) {
        throw new KubernetesCrudDispatcherException(
            "invalid object: " + pointer.substring(1).replace('/', '.') + " is required", 422);
      }
    }
  }

  private static ObjectNode object(String body) throws KubernetesCrudDispatcherException {
    JsonNode node;
    try {
      node = YAML.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new KubernetesCrudDispatcherException("invalid body: " + e.getOriginalMessage(), 400);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new KubernetesCrudDispatcherException("the body must be an object", 400);
    }
    return object;
  }

  private static JsonNode parse(String json) throws KubernetesCrudDispatcherException {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new KubernetesCrudDispatcherException("invalid body: " + e.getOriginalMessage(), 400);
    }
  }

  private static JsonNode parseQuietly(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the emulator stored invalid JSON", e);
    }
  }

  private static String writeQuietly(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MockResponse json(int code, JsonNode body) {
    return new MockResponse().setResponseCode(code).setBody(writeQuietly(body));
  }

  private static MockResponse status(String message, int code) {
    return new MockResponse()
        .setResponseCode(code)
        .setBody(new KubernetesCrudDispatcherException(message, code).toStatusBody());
  }

  /** A request handler that may answer with an API error. */
  private interface Handler {
    MockResponse handle() throws KubernetesCrudDispatcherException;
  }

  private static MockResponse locked(Lock lock, Handler handler)
      throws KubernetesCrudDispatcherException {
    lock.lock();
    try {
      return handler.handle();
    } finally {
      lock.unlock();
    }
  }
}
