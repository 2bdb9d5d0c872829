package dev.ferry.codegen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every {@link Target} on the classpath, found through {@code META-INF/services/dev.ferry.codegen.Target}
 * and sorted by id so {@code ferry generate all} runs them in a stable order.
 */
public final class TargetRegistry {
  private final List<Target> targets;

  private TargetRegistry(List<Target> targets) {
    this.targets = List.copyOf(targets);
  }

  public static TargetRegistry load() {
    List<Target> found = new ArrayList<>();
    ServiceLoader.load(Target.class, TargetRegistry.class.getClassLoader()).forEach(found::add);
    found.sort(Comparator.comparing(Target::id));
    return new TargetRegistry(found);
  }

  public List<Target> all() {
    return targets;
  }

  public Optional<Target> find(String id) {
    return targets.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  public List<String> ids() {
    return targets.stream().map(Target::id).toList();
  }
}
