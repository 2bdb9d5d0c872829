package dev.ferry.cli;

import dev.ferry.errors.ExitCodes;

import dev.ferry.errors.FerryException;

import dev.ferry.sync.source.InvalidResponseException;
import dev.ferry.sync.source.SourceException;
import dev.ferry.sync.source.SourceProvider;
import java.util.function.Supplier;

/** Finds the source a command names and turns source failures into one-line user errors. */
final class SyncSources {
  private SyncSources() {}

  static SourceProvider provider(String name) {
    return SourceProvider.named(name).orElseThrow(() -> FerryException.notFound(
        "unknown source '" + name + "' (available: " + String.join(", ", SourceProvider.names()) + ")"));
  }

  static <T> T run(Supplier<T> work) {
    try {
      return work.get();
    } catch (SourceException e) {
      throw stopped(e);
    } catch (IllegalArgumentException e) {
      throw FerryException.notFound(e.getMessage());
    }
  }

  static FerryException stopped(SourceException e) {
    int code = e instanceof InvalidResponseException ? ExitCodes.INVALID_RESPONSE
        : e.authentication() ? ExitCodes.AUTH_FAILED : ExitCodes.CANNOT_CONNECT;
    return new FerryException(code, "sync stopped: " + e.getMessage() + " (cursors kept where they were; rerun to resume)", e);
  }
}
