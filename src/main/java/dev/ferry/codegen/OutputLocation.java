package dev.ferry.codegen;

import java.util.regex.Pattern;

/**
 * A place where a target keeps its files for the schemas being generated: the files below {@code
 * folder} (relative to the output folder) whose path relative to {@code folder}, with '/' separators,
 * matches {@code files}. {@link FileEmitter} looks there for files an earlier run wrote that this run
 * no longer produces.
 */
public record OutputLocation(String folder, Pattern files) {

  /** {@code files} is a regular expression, e.g. {@code \d{14}_create_stripe_tables\.rb}. */
  public static OutputLocation of(String folder, String files) {
    return new OutputLocation(folder, Pattern.compile(files));
  }

  /** Migrations named {@code <14-digit timestamp>_<name><rest>} in {@code folder}, whatever their timestamp. */
  public static OutputLocation stamped(String folder, String name, String rest) {
    return of(folder, "\\d{14}_" + Pattern.quote(name + rest));
  }
}
