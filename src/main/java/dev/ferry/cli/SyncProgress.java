package dev.ferry.cli;

import dev.ferry.db.Secrets;
import dev.ferry.sync.engine.SyncListener;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Reports a sync: a progress bar per object type on a terminal (Stripe lists have no total, so the
 * bars count up), plain log lines otherwise (CI, files, tests).
 */
final class SyncProgress {
  private SyncProgress() {}

  static SyncListener forOutput(PrintWriter out, boolean terminal) {
    return terminal ? new Bars(out) : new Lines(out);
  }

  static boolean isTerminal() {
    return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
  }

  private static final class Lines implements SyncListener {
    private final PrintWriter out;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    Lines(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void backfillStarted(String type) {
      counts.put(type, new AtomicLong());
      print("backfill " + type + ": started");
    }

    @Override
    public void backfillProgress(String type, int objects) {
      long total = counts.computeIfAbsent(type, t -> new AtomicLong()).addAndGet(objects);
      if (objects > 0 && total / 1000 != (total - objects) / 1000) {
        print("backfill " + type + ": " + total + " objects");
      }
    }

    @Override
    public void backfillFinished(String type, long objects) {
      print("backfill " + type + ": done, " + objects + " objects");
    }

    @Override
    public void changesApplied(int changes) {
      print("changes: applied " + changes);
    }

    @Override
    public void info(String message) {
      print(message);
    }

    private synchronized void print(String line) {
      out.println(Secrets.redact(line));
      out.flush();
    }
  }

  private static final class Bars implements SyncListener {
    private final PrintWriter out;
    private final Map<String, ProgressBar> bars = new ConcurrentHashMap<>();

    Bars(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void backfillStarted(String type) {
      bars.computeIfAbsent(type, t -> new ProgressBarBuilder().setTaskName(t).setInitialMax(-1)
          .setStyle(ProgressBarStyle.ASCII).setUnit(" objects", 1).build());
    }

    @Override
    public void backfillProgress(String type, int objects) {
      ProgressBar bar = bars.get(type);
      if (bar != null) {
        bar.stepBy(objects);
      }
    }

    @Override
    public void backfillFinished(String type, long objects) {
      ProgressBar bar = bars.remove(type);
      if (bar != null) {
        // a list has no total until it ends: then the bar ends full, at its final count
        bar.maxHint(objects);
        bar.stepTo(objects);
        bar.close();
      }
    }

    @Override
    public void changesApplied(int changes) {
      info("changes: applied " + changes);
    }

    @Override
    public synchronized void info(String message) {
      out.println(Secrets.redact(message));
      out.flush();
    }
  }
}
