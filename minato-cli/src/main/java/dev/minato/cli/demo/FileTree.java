package dev.minato.cli.demo;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Prints relative file paths as an indented tree, like the {@code tree} command. */
final class FileTree {

  private final Map<String, FileTree> children = new TreeMap<>();

  static FileTree of(Iterable<String> paths) {
    FileTree root = new FileTree();
    for (String path : paths) {
      FileTree node = root;
      for (String part : path.split("/")) {
        node = node.children.computeIfAbsent(part, p -> new FileTree());
      }
    }
    return root;
  }

  void print(PrintWriter out, String rootName) {
    out.println(rootName + "/");
    printChildren(out, "");
  }

  private void printChildren(PrintWriter out, String indent) {
    List<Map.Entry<String, FileTree>> entries = List.copyOf(children.entrySet());
    for (int i = 0; i < entries.size(); i++) {
      boolean last = i == entries.size() - 1;
      Map.Entry<String, FileTree> entry = entries.get(i);
      boolean dir = !entry.getValue().children.isEmpty();
      out.println(indent + (last ? "└── " : "├── ") + entry.getKey() + (dir ? "/" : ""));
      entry.getValue().printChildren(out, indent + (last ? "    " : "│   "));
    }
  }
}
