package dev.ferry.codegen;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One ORM (or migration format) Ferry generates for. A target only renders: every name comes
 * decided from {@code dev.ferry.naming}, every relationship from {@code dev.ferry.relations}.
 * Targets are found with {@link java.util.ServiceLoader}; a new one is a new package plus a line
 * in {@code META-INF/services/dev.ferry.codegen.Target}.
 */
public interface Target {
  /** The name on the command line: {@code ferry generate <id>}. */
  String id();

  /** One line for {@code --help}. */
  String description();

  /**
   * The {@code --option} keys this target reads ({@code timestamp} is every target's); {@code ferry
   * generate} refuses a key no selected target reads, so a misspelt option is never silently ignored.
   */
  default Set<String> options() {
    return Set.of();
  }

  /**
   * The file that marks the root of a project of this target's ecosystem ({@code package.json},
   * {@code mix.exs}, {@code Gemfile}), as its own tools find it: {@code ferry generate} without
   * {@code --out} writes into the nearest folder, from the working one up, that holds it. None: any
   * target's marker will do.
   */
  default Optional<String> projectFile() {
    return Optional.empty();
  }

  /** Renders the files for this target; never touches the disk or the database. */
  List<GeneratedFile> generate(GenerationRequest request);

  /**
   * Where this target's files for the request's schemas live (e.g. {@code app/models/stripe_data},
   * files {@code [^/]+\.rb}). A file there that carries Ferry's header or generated regions and that
   * {@link #generate} no longer produces is stale: {@link FileEmitter} deletes it when Ferry owns it
   * whole and reports it when it is shared. Locations must not reach another target's files, nor
   * files of schemas the request does not cover. None by default: nothing is ever found stale.
   */
  default List<OutputLocation> locations(GenerationRequest request) {
    return List.of();
  }

  /**
   * What {@code files} hold, for the one summary line {@code ferry generate} prints per target
   * ({@code "23 models, 412 fields, 58 relations"}); see {@link Summaries}.
   */
  default String summary(GenerationRequest request, List<GeneratedFile> files) {
    return files.size() + (files.size() == 1 ? " file" : " files");
  }
}
