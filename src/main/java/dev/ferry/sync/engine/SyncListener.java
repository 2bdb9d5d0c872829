package dev.ferry.sync.engine;

/** What a sync reports while it runs (progress bars on a terminal, log lines otherwise). */
public interface SyncListener {
  void backfillStarted(String type);

  void backfillProgress(String type, int objects);

  void backfillFinished(String type, long objects);

  void changesApplied(int changes);

  void info(String message);

  /** An object that could not be written, kept in {@code ferry.rejected} ({@code id} null when it has none). */
  default void rejected(String type, String id, String reason) {
    info("rejected " + type + (id == null ? "" : " " + id) + ": " + reason + " (kept in ferry.rejected)");
  }

  SyncListener SILENT =
      new SyncListener() {
        @Override
        public void backfillStarted(String type) {}

        @Override
        public void backfillProgress(String type, int objects) {}

        @Override
        public void backfillFinished(String type, long objects) {}

        @Override
        public void changesApplied(int changes) {}

        @Override
        public void info(String message) {}
      };
}
