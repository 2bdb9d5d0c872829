package dev.ferry.codegen;

import dev.ferry.naming.Language;
import dev.ferry.naming.NamedModel;
import dev.ferry.naming.Naming;
import dev.ferry.relations.RelationModel;
import java.util.List;
import java.util.function.Function;

/**
 * A target whose names are decided by {@code dev.ferry.naming} for one language: the model is named
 * once per {@link #generate} and handed to {@link #render}, so the target only renders. The summary
 * line is counted from the same named model while it is at hand, and kept (a string, not the model,
 * so {@code ferry generate all} does not hold every language's names until it prints).
 */
public abstract class LocalizedTarget implements Target {
  private final Function<RelationModel, NamedModel> namer;
  private GenerationRequest summarized;
  private String summary;

  /** Names in {@code language} ({@code Naming.localize(model, language)}). */
  protected LocalizedTarget(Language language) {
    this(model -> Naming.localize(model, language));
  }

  /** @param namer decides every name (tests hand in an already named fixture) */
  protected LocalizedTarget(Function<RelationModel, NamedModel> namer) {
    this.namer = namer;
  }

  /** The request's model named for this target. */
  protected NamedModel localize(GenerationRequest request) {
    return namer.apply(request.model());
  }

  /** Renders the files of an already named model; never touches the disk or the database. */
  protected abstract List<GeneratedFile> render(GenerationRequest request, NamedModel named);

  /** The summary of {@link Target#summary}, counted on the named model; {@link Summaries#models} unless overridden. */
  protected String summary(GenerationRequest request, NamedModel named) {
    return Summaries.models(named);
  }

  @Override
  public final List<GeneratedFile> generate(GenerationRequest request) {
    NamedModel named = localize(request);
    List<GeneratedFile> files = render(request, named);
    String line = summary(request, named);
    synchronized (this) {
      summarized = request;
      summary = line;
    }
    return files;
  }

  @Override
  public final String summary(GenerationRequest request, List<GeneratedFile> files) {
    synchronized (this) {
      if (request == summarized) {
        return summary;
      }
    }
    return summary(request, localize(request));
  }
}
