package dev.ferry.codegen;

import dev.ferry.relations.RelationModel;
import java.time.Instant;
import java.util.Map;

/**
 * Everything a target needs to render.
 *
 * @param options target options from the command line and ferry.yaml ({@code app}, {@code
 *     namespace}, {@code naming}, {@code model-prefix}, ...), keys in kebab-case
 * @param timestamp the instant migrations are stamped with; fixed per run so output is reproducible
 */
public record GenerationRequest(RelationModel model, Map<String, String> options, Instant timestamp) {
  public GenerationRequest {
    options = Map.copyOf(options);
  }

  public String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }
}
