package dev.ferry.sync.source;

import java.util.List;

/**
 * Changes read from a source's change feed in order, the opaque cursor just past them, and whether
 * the feed had nothing further (so a caller can wait before asking again).
 */
public record ChangeBatch(List<Change> changes, String next, boolean caughtUp) {
  public ChangeBatch {
    changes = List.copyOf(changes);
  }
}
