package dev.ferry.sync.source;

import java.util.List;

/**
 * One page of a backfill slice: its changes (upserts) and the opaque cursor to continue from, or
 * null once the slice is complete. The engine stores {@code next} with the rows in one transaction.
 */
public record Page(List<Change> changes, String next) {
  public Page {
    changes = List.copyOf(changes);
  }

  public boolean isLast() {
    return next == null;
  }
}
