package dev.ferry.sync.engine;

/** What a sync reports while it runs (progress bars on a terminal, log lines otherwise). */
public interface SyncListener {
  void backfillStarted(String type);

  void backfillProgress(String type, int objects);

  void backfillFinished(String type, long objects);

  void changesApplied(int changes);

  void info(String message);

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
