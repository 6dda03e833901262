package dev.minato.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads a YAML stream into trees by walking SnakeYAML's parser events, recording where every node
 * came from.
 *
 * <p>Walking the events directly (rather than through a generic token API) keeps reading large
 * manifest sets cheap and lets YAML features be read the way Kubernetes reads them: anchors and
 * aliases are expanded, {@code <<} merge keys merge, and scalars are typed by YAML 1.1 rules
 * ({@link YamlScalars}). Duplicate keys are an error, because YAML libraries disagree on which one
 * wins and a silent choice hides mistakes.
 */
final class YamlDocuments {

  /**
   * How many nodes aliases may add to one document. Real manifests stay far below; a document built
   * to explode ("billion laughs") is refused instead of filling memory.
   */
  static final int MAX_ALIASED_NODES = 100_000;

  /** The deepest nesting read, as Jackson's default; reading recurses once per level. */
  static final int MAX_DEPTH = 1000;

  /**
   * SnakeYAML refuses documents over 3 MB by default, against untrusted input. Manifests are the
   * user's own and are in memory already; a {@code kind: List} from {@code kubectl get -A -o yaml}
   * is one document and easily larger.
   */
  private static final int CODE_POINT_LIMIT = Integer.MAX_VALUE;

  private static final String MERGE_KEY = "<<";

  private final String sourceName;
  private final Parser parser;
  private final JsonNodeFactory nodes;
  private final NodeSharing sharing;
  private final YamlScalars scalars;

  /** Anchors of the current document. */
  private final Map<String, Anchored> anchors = new HashMap<>();

  /** Anchors of the collections being read: an alias to one of them would be recursive. */
  private final Set<String> open = new HashSet<>();

  private int aliasedNodes;

  /** How deep the collection being read is; bounded so that input cannot exhaust the stack. */
  private int depth;

  /** The positions inside the node that {@link #node} returned last; null for a scalar. */
  private PositionTree lastTree;

  private YamlDocuments(String sourceName, String text, JsonNodeFactory nodes) {
    this.sourceName = sourceName;
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(CODE_POINT_LIMIT);
    this.parser = new ParserImpl(new StreamReader(text), options);
    this.nodes = nodes;
    this.sharing = new NodeSharing(nodes);
    this.scalars = new YamlScalars(nodes, sharing);
  }

  /**
   * Every document of a YAML stream, empty ones (a bare {@code ---}, only comments) left out but
   * counted in the indexes. Throws SnakeYAML's exceptions for text that is not YAML.
   */
  static List<Document> read(String sourceName, String text, JsonNodeFactory nodes)
      throws ManifestException {
    return new YamlDocuments(sourceName, text, nodes).documents();
  }

  private List<Document> documents() throws ManifestException {
    List<Document> documents = new ArrayList<>();
    parser.getEvent(); // stream start
    int index = 0;
    while (!(parser.getEvent() instanceof StreamEndEvent)) { // a document start
      anchors.clear();
      open.clear();
      aliasedNodes = 0;
      Event first = parser.getEvent();
      long start = position(first);
      JsonNode root = node(first);
      PositionTree tree = lastTree == null ? new PositionTree(start) : lastTree;
      parser.getEvent(); // document end
      if (!root.isNull()) {
        SourcePosition startPosition =
            new SourcePosition(sourceName, PositionTree.line(start), PositionTree.column(start));
        documents.add(
            new Document(
                root, index, startPosition, new Positions(sourceName, tree, startPosition)));
      }
      index++;
    }
    return documents;
  }

  /** The node that starts with {@code event}, which has just been taken from the parser. */
  private JsonNode node(Event event) throws ManifestException {
    if (event instanceof ScalarEvent scalar) {
      JsonNode node;
      try {
        node = scalars.node(scalar);
      } catch (YamlScalars.ScalarException e) {
        throw error(event, e.getMessage());
      }
      lastTree = null;
      remember(scalar.getAnchor(), node, null);
      return node;
    }
    if (event instanceof CollectionStartEvent collection) {
      if (++depth > MAX_DEPTH) {
        throw error(
            event,
            "mappings and lists nest deeper than "
                + MAX_DEPTH
                + " levels here; no Kubernetes object does");
      }
      PositionTree tree = new PositionTree(position(event));
      String anchor = collection.getAnchor();
      if (anchor != null) {
        open.add(anchor);
      }
      JsonNode node = collection instanceof MappingStartEvent ? mapping(tree) : sequence(tree);
      if (anchor != null) {
        open.remove(anchor);
      }
      depth--;
      lastTree = tree;
      remember(anchor, node, tree);
      return node;
    }
    if (event instanceof AliasEvent alias) {
      return alias(alias);
    }
    throw error(event, "unexpected " + event.getEventId());
  }

  private ObjectNode mapping(PositionTree tree) throws ManifestException {
    ObjectNode node = nodes.objectNode();
    List<Merge> merges = null;
    Event keyEvent;
    while (!((keyEvent = parser.getEvent()) instanceof MappingEndEvent)) {
      if (!(keyEvent instanceof ScalarEvent key)) {
        throw error(keyEvent, "a mapping key must be a plain value, not a mapping or a list");
      }
      Event valueEvent = parser.getEvent();
      if (isMergeKey(key)) {
        if (merges == null) {
          merges = new ArrayList<>();
        }
        merges.add(new Merge(key, node(valueEvent), lastTree));
        continue;
      }
      String name = sharing.name(key.getValue());
      if (node.has(name)) {
        throw error(
            key,
            "duplicate key '"
                + name
                + "' (first at line "
                + PositionTree.line(tree.keyAt(tree.indexOf(name)))
                + "); each key may appear once");
      }
      long valuePosition = position(valueEvent);
      JsonNode value = node(valueEvent);
      tree.addField(name, position(key), valuePosition, lastTree);
      node.set(name, value);
    }
    if (merges != null) {
      merge(node, tree, merges);
    }
    return node;
  }

  private static boolean isMergeKey(ScalarEvent key) {
    return key.getTag() == null
        && key.getImplicit().canOmitTagInPlainScalar()
        && MERGE_KEY.equals(key.getValue());
  }

  /** A {@code <<} entry: the mapping, or the list of mappings, whose keys are merged in. */
  private record Merge(ScalarEvent key, JsonNode value, PositionTree tree) {}

  /**
   * YAML 1.1 merge keys: keys written in the mapping win over merged ones, and of several merged
   * mappings ({@code <<: [*a, *b]}) the earlier one wins.
   */
  private void merge(ObjectNode node, PositionTree tree, List<Merge> merges)
      throws ManifestException {
    Set<String> own = new HashSet<>();
    node.fieldNames().forEachRemaining(own::add);
    for (Merge merge : merges) {
      if (merge.value() instanceof ObjectNode source) {
        mergeFrom(node, tree, own, source, merge.tree());
      } else if (merge.value() instanceof ArrayNode list) {
        for (int i = 0; i < list.size(); i++) {
          if (!(list.get(i) instanceof ObjectNode source)) {
            throw error(merge.key(), "'<<' merges mappings; item " + i + " is not a mapping");
          }
          mergeFrom(node, tree, own, source, merge.tree().subtreeAt(i));
        }
      } else {
        throw error(merge.key(), "'<<' merges a mapping or a list of mappings");
      }
    }
  }

  private static void mergeFrom(
      ObjectNode node, PositionTree tree, Set<String> own, ObjectNode source, PositionTree from) {
    Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      if (own.contains(name) || node.has(name)) {
        continue;
      }
      int index = from.indexOf(name);
      tree.addField(name, from.keyAt(index), from.valueAt(index), from.subtreeAt(index));
      node.set(name, field.getValue());
    }
  }

  private ArrayNode sequence(PositionTree tree) throws ManifestException {
    ArrayNode node = nodes.arrayNode();
    Event itemEvent;
    while (!((itemEvent = parser.getEvent()) instanceof SequenceEndEvent)) {
      long valuePosition = position(itemEvent);
      JsonNode item = node(itemEvent);
      tree.addItem(valuePosition, lastTree);
      node.add(item);
    }
    return node;
  }

  /** A node with an anchor, for the aliases that name it later in the document. */
  private record Anchored(JsonNode node, PositionTree tree, int size) {}

  private void remember(String anchor, JsonNode node, PositionTree tree) {
    if (anchor != null) {
      anchors.put(anchor, new Anchored(node, tree, size(node)));
    }
  }

  /**
   * The anchored node itself, shared rather than copied: documents are read-only (see {@link
   * Document}), and sharing keeps an alias as cheap as a reference.
   */
  private JsonNode alias(AliasEvent alias) throws ManifestException {
    if (open.contains(alias.getAnchor())) {
      throw error(
          alias,
          "alias '*"
              + alias.getAnchor()
              + "' is inside the node it names; a recursive structure has no JSON form");
    }
    Anchored anchored = anchors.get(alias.getAnchor());
    if (anchored == null) {
      throw error(
          alias, "alias '*" + alias.getAnchor() + "' names no anchor ('&' + name) above it");
    }
    aliasedNodes += anchored.size();
    if (aliasedNodes > MAX_ALIASED_NODES) {
      throw error(
          alias,
          "aliases in this document expand to more than "
              + MAX_ALIASED_NODES
              + " nodes; write the repeated parts out or use fewer nested aliases");
    }
    lastTree = anchored.tree();
    return anchored.node();
  }

  /** Nodes in a tree, counted up to just past the alias limit. */
  private static int size(JsonNode root) {
    if (!root.isContainerNode()) {
      return 1;
    }
    int count = 0;
    Deque<JsonNode> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty() && count <= MAX_ALIASED_NODES) {
      JsonNode node = pending.pop();
      count++;
      node.elements().forEachRemaining(pending::push);
    }
    return count;
  }

  private static long position(Event event) {
    Mark mark = event.getStartMark();
    return PositionTree.pack(mark.getLine() + 1, mark.getColumn() + 1);
  }

  private ManifestException error(Event event, String message) {
    long at = position(event);
    return new ManifestException(
        new SourcePosition(sourceName, PositionTree.line(at), PositionTree.column(at)), message);
  }
}
