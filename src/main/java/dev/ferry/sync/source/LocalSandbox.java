package dev.ferry.sync.source;

import java.util.List;

/**
 * A running local stand-in for a source's API, started by its {@link SourceProvider} for
 * {@code ferry demo}: the same server {@code ferry sandbox <source>} runs, seeded and sized by the caller.
 */
public interface LocalSandbox extends AutoCloseable {
  /** Where it listens and what it holds, in one line ("http://127.0.0.1:5123/ (400 contacts, seed 42)"). */
  String summary();

  /** The options that make {@code ferry sync <source>} read from it: {@code --api-base}, {@code --api-key}, a rate. */
  List<String> syncOptions();

  @Override
  void close();

  /** A sandbox described by its summary and sync options, stopped by {@code stop}. */
  static LocalSandbox of(String summary, List<String> syncOptions, Runnable stop) {
    List<String> options = List.copyOf(syncOptions);
    return new LocalSandbox() {
      @Override
      public String summary() {
        return summary;
      }

      @Override
      public List<String> syncOptions() {
        return options;
      }

      @Override
      public void close() {
        stop.run();
      }
    };
  }
}
