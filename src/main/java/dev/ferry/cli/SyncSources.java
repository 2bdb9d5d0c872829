package dev.ferry.cli;

import dev.ferry.cli.options.StripeOptions;
import dev.ferry.sync.source.Source;
import dev.ferry.sync.source.SourceException;
import dev.ferry.sync.source.stripe.StripeSource;
import java.util.function.Supplier;

/** Opens the source a sync command names and turns source failures into one-line user errors. */
final class SyncSources {
  private SyncSources() {}

  static Source open(String name, StripeOptions stripe) {
    if (!"stripe".equals(name)) {
      throw FerryException.notFound("unknown source '" + name + "' (available: stripe)");
    }
    return new StripeSource(stripe.config());
  }

  /** The source's static description, for commands that need no API access. */
  static Source offline(String name) {
    if (!"stripe".equals(name)) {
      throw FerryException.notFound("unknown source '" + name + "' (available: stripe)");
    }
    return new StripeSource(dev.ferry.sync.source.stripe.StripeConfig.of("offline", null, 1));
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
    int code = e.authentication() ? ExitCodes.AUTH_FAILED : ExitCodes.CANNOT_CONNECT;
    return new FerryException(code, "sync stopped: " + e.getMessage() + " (cursors kept where they were; rerun to resume)", e);
  }
}
