package dev.ferry.codegen.jpa;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Writes one Java source file whose body names types through {@link #name}: the body is rendered
 * twice, first to learn every type it names, then with a type written by its simple name wherever
 * that is unambiguous (imported, {@code java.lang}, the file's own package) and by its canonical
 * name where two types share a simple name, the file's own class included. Plain string building:
 * JavaPoet's general-purpose writer, used before, spent most of its 10 s on the 2,000-table benchmark
 * in a regular expression compiled per emitted token.
 */
final class JavaSource {
  private final String packageName;
  private final String className;
  /** The type each simple name stands for: the first one named, unless a type of this package or the class itself has it. */
  private final Map<String, JavaType> imported = new HashMap<>();
  /** Simple names of this package's types the body names: no import may take them. */
  private final Set<String> local = new HashSet<>();
  private boolean collecting = true;

  private JavaSource(String packageName, String className) {
    this.packageName = packageName;
    this.className = className;
  }

  /** The package declaration, the imports, and {@code body}, which names each type through {@link #name}. */
  static Rendered render(String packageName, String className, Function<JavaSource, String> body) {
    JavaSource source = new JavaSource(packageName, className);
    body.apply(source);
    source.local.add(className);
    source.imported.keySet().removeAll(source.local);
    source.collecting = false;
    String text = body.apply(source);
    StringBuilder imports = new StringBuilder();
    for (String type : new TreeSet<>(source.imported.values().stream()
        .filter(t -> !t.packageName().equals("java.lang")).map(JavaType::canonicalName).toList())) {
      imports.append("import ").append(type).append(";\n");
    }
    return new Rendered("package " + packageName + ";\n", imports.toString(), text);
  }

  /** The package line, the import lines and the body, for the caller to place between its own lines. */
  record Rendered(String packageLine, String imports, String body) {}

  /** How the body writes {@code type} ({@code List}, {@code byte[]}, {@code jakarta.persistence.Table} when shadowed). */
  String name(JavaType type) {
    String name = type.primitive() ? type.simpleName() : simpleOrCanonical(type);
    return type.dimensions() == 0 ? name : name + "[]".repeat(type.dimensions());
  }

  private String simpleOrCanonical(JavaType type) {
    boolean own = type.packageName().equals(packageName);
    if (collecting) {
      if (own) {
        local.add(type.simpleName());
      } else {
        imported.putIfAbsent(type.simpleName(), JavaType.of(type.packageName(), type.simpleName()));
      }
      return type.canonicalName();
    }
    if (own) {
      return type.simpleName();
    }
    JavaType chosen = imported.get(type.simpleName());
    return chosen != null && chosen.packageName().equals(type.packageName()) ? type.simpleName() : type.canonicalName();
  }
}
