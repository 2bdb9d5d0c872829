package dev.ferry.cli;

import dev.ferry.errors.ExitCodes;
import dev.ferry.errors.FerryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The resident memory of a whole child {@code ferry} JVM (the backfill memory runs of {@code ferry bench
 * sync}): VmRSS and VmHWM read from /proc every 200 ms until it exits, so the figure covers the whole
 * process (heap, metaspace, threads, buffers), not only the heap.
 *
 * @param peakKb the highest of VmHWM and every VmRSS sample
 * @param cpuSeconds user and system CPU time of the child, as last sampled from /proc/&lt;pid&gt;/stat (within 200 ms of its end)
 */
record ChildRss(long peakKb, List<Long> samplesKb, double seconds, double cpuSeconds) {
  /** Runs {@code dev.ferry.Ferry args} in a child JVM with {@code -Xmx<heap>}; fails when it exits non-zero. */
  static ChildRss run(String heap, List<String> args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), "dev.ferry.Ferry"));
    command.addAll(args);
    Path output = Files.createTempFile("ferry-child-", ".log");
    Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    Path status = Path.of("/proc", String.valueOf(child.pid()), "status");
    Path stat = Path.of("/proc", String.valueOf(child.pid()), "stat");
    long cpuTicks = 0;
    long peakKb = 0;
    List<Long> samples = new ArrayList<>();
    long start = System.nanoTime();
    while (child.isAlive()) {
      long rss = readKb(status, "VmRSS:");
      peakKb = Math.max(peakKb, Math.max(rss, readKb(status, "VmHWM:")));
      if (rss > 0) {
        samples.add(rss);
      }
      cpuTicks = Math.max(cpuTicks, readCpuTicks(stat));
      Thread.sleep(200);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<String> lines = Files.readAllLines(output);
    Files.delete(output);
    if (child.exitValue() != 0) {
      // its last line says why (an OutOfMemoryError at the given -Xmx, a source error)
      throw new FerryException(ExitCodes.FAILURE, "memory run: the child 'ferry " + args.get(0) + "' exited with " + child.exitValue()
          + " after " + peakKb / 1024 + " MB peak RSS" + (lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip()));
    }
    return new ChildRss(peakKb, List.copyOf(samples), seconds, cpuTicks / (double) CLOCK_TICKS);
  }

  /** "120 / 130 / 131 / 128 MB": RSS at a quarter, half, three quarters of the run and at its end. */
  String quarters() {
    List<Long> s = samplesKb;
    return s.isEmpty() ? "-" : String.format(Locale.ROOT, "%d / %d / %d / %d MB",
        s.get(s.size() / 4) / 1024, s.get(s.size() / 2) / 1024, s.get(3 * s.size() / 4) / 1024, s.get(s.size() - 1) / 1024);
  }

  /** Linux's USER_HZ, the unit of utime and stime in /proc/&lt;pid&gt;/stat: 100 on every architecture Ferry runs on. */
  private static final int CLOCK_TICKS = 100;

  /** utime + stime of /proc/&lt;pid&gt;/stat (fields 14 and 15, counted after the parenthesised command name). */
  private static long readCpuTicks(Path stat) {
    try {
      String line = Files.readString(stat);
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return 0; // the process is exiting
    }
  }

  private static long readKb(Path status, String key) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // the process is exiting
    }
    return 0;
  }
}
