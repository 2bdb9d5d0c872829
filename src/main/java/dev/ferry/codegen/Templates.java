package dev.ferry.codegen;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Renders Pebble templates from the classpath ({@code src/main/resources/dev/ferry/codegen/<target>/}).
 * Pebble was chosen over FreeMarker and jte: Jinja-like syntax that stays readable next to Ruby,
 * Elixir and Prisma, whitespace control ({@code {%-}), strict variables so a typo fails the build's
 * tests instead of rendering blank, and no code generation step in the Maven build. Autoescaping
 * is off: the output is source code, and every name reaching a template was already made safe by
 * {@code dev.ferry.naming}.
 */
public final class Templates {
  private static final PebbleEngine ENGINE =
      new PebbleEngine.Builder()
          .loader(classpathLoader())
          .autoEscaping(false)
          .strictVariables(true)
          .newLineTrimming(true)
          .cacheActive(true)
          .build();

  private Templates() {}

  /** Renders {@code dev/ferry/codegen/<path>} (e.g. {@code prisma/schema.peb}) with {@code context}. */
  public static String render(String path, Map<String, Object> context) {
    PebbleTemplate template = ENGINE.getTemplate(path);
    StringWriter out = new StringWriter();
    try {
      template.evaluate(out, context);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static ClasspathLoader classpathLoader() {
    ClasspathLoader loader = new ClasspathLoader(Templates.class.getClassLoader());
    loader.setPrefix("dev/ferry/codegen");
    return loader;
  }
}
