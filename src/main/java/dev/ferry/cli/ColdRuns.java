package dev.ferry.cli;

import dev.ferry.errors.ExitCodes;
import dev.ferry.errors.FerryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Whole cold processes, as a user runs them: each command is started as a child process, one after
 * the other in rounds (Ferry and its peers alternated, so a busy machine slows them alike), and
 * measured by the operating system's accounting: wall time, CPU time (user + system of the child and
 * every descendant it waited for, from this process's {@code cutime}/{@code cstime} in {@code
 * /proc/self/stat}) and peak resident memory (the child tree's summed {@code VmRSS}, sampled every
 * few milliseconds, and never less than the child's own high-water mark {@code VmHWM}).
 */
final class ColdRuns {
  /** Linux reports {@code cutime}/{@code cstime} in USER_HZ ticks, 100 per second on every architecture. */
  private static final long MILLIS_PER_TICK = 10;
  private static final long SAMPLE_MILLIS = 5;
  private static final Path SELF_STAT = Path.of("/proc/self/stat");

  /** A command to time: what the table shows, its arguments, extra environment variables. */
  record Command(String label, List<String> argv, Map<String, String> env) {}

  /** One run's figures; -1 where the operating system gives none (no {@code /proc}). */
  record Figures(long wallMillis, long cpuMillis, long peakRssKb) {}

  private ColdRuns() {}

  /**
   * One unmeasured round (file caches, the database's caches), then {@code runs} rounds, each
   * running every command once in order; returns each command's figures.
   */
  static List<List<Figures>> alternate(List<Command> commands, int runs, Path workDir) {
    List<List<Figures>> figures = new ArrayList<>();
    commands.forEach(command -> figures.add(new ArrayList<>()));
    for (int round = -1; round < runs; round++) {
      for (int i = 0; i < commands.size(); i++) {
        Figures run = run(commands.get(i), workDir);
        if (round >= 0) {
          figures.get(i).add(run);
        }
      }
    }
    return figures;
  }

  static Figures run(Command command, Path workDir) {
    ProcessBuilder builder = new ProcessBuilder(command.argv()).directory(workDir.toFile());
    builder.environment().putAll(command.env());
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Path errors;
    try {
      errors = Files.createTempFile("ferry-bench-", ".err");
    } catch (IOException e) {
      throw new FerryException(ExitCodes.FAILURE, "cannot create a temporary file: " + e.getMessage());
    }
    builder.redirectError(errors.toFile());
    long cpuBefore = childrenCpuTicks();
    long start = System.nanoTime();
    try {
      Process process = builder.start();
      AtomicLong peak = new AtomicLong(-1);
      Thread sampler = new Thread(() -> sample(process.toHandle(), peak), "ferry-bench-rss");
      sampler.setDaemon(true);
      sampler.start();
      int exit = process.waitFor();
      long wall = (System.nanoTime() - start) / 1_000_000;
      sampler.join();
      long cpuAfter = childrenCpuTicks();
      if (exit != 0) {
        throw new FerryException(ExitCodes.FAILURE,
            command.label() + " failed (exit code " + exit + "): " + lastLine(errors));
      }
      long cpu = cpuBefore < 0 || cpuAfter < 0 ? -1 : (cpuAfter - cpuBefore) * MILLIS_PER_TICK;
      return new Figures(wall, cpu, peak.get());
    } catch (IOException e) {
      throw new FerryException(ExitCodes.FAILURE, "cannot run " + command.label() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FerryException(ExitCodes.FAILURE, "interrupted while running " + command.label());
    } finally {
      try {
        Files.deleteIfExists(errors);
      } catch (IOException ignored) {
        // a leftover empty temporary file is harmless
      }
    }
  }

  /** Until the child exits: the largest sum of the tree's VmRSS, and the child's VmHWM read last. */
  private static void sample(ProcessHandle child, AtomicLong peak) {
    while (child.isAlive()) {
      long tree = kb(child.pid(), "VmRSS:");
      for (ProcessHandle descendant : (Iterable<ProcessHandle>) child.descendants()::iterator) {
        tree += Math.max(0, kb(descendant.pid(), "VmRSS:"));
      }
      long highWater = kb(child.pid(), "VmHWM:");
      peak.accumulateAndGet(Math.max(tree, highWater), Math::max);
      try {
        Thread.sleep(SAMPLE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** A "Vm...:" line of /proc/PID/status in kB, or -1 when the process is gone or there is no /proc. */
  private static long kb(long pid, String field) {
    try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
      return lines.filter(line -> line.startsWith(field))
          .map(line -> Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]))
          .findFirst().orElse(-1L);
    } catch (IOException | java.io.UncheckedIOException | NumberFormatException e) {
      return -1;
    }
  }

  /** cutime + cstime of this process: CPU of the children it has waited for, or -1 without /proc. */
  private static long childrenCpuTicks() {
    try {
      String stat = Files.readString(SELF_STAT, StandardCharsets.US_ASCII);
      // the fields after the command name, which is in parentheses and may hold spaces
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[13]) + Long.parseLong(fields[14]); // fields 16 and 17 of proc(5)
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static String lastLine(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
      return lines.isEmpty() ? "(no message)" : lines.get(lines.size() - 1).strip();
    } catch (IOException e) {
      return "(no message)";
    }
  }

  static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** The median of one figure over the runs, or -1 when the operating system gave none. */
  static long median(List<Figures> runs, java.util.function.ToLongFunction<Figures> figure) {
    long[] values = runs.stream().mapToLong(figure).toArray();
    return Arrays.stream(values).anyMatch(v -> v < 0) ? -1 : median(values);
  }

  /**
   * Prints one line per command (medians of wall, CPU and peak RSS) and, for every command after
   * the first, its ratio to the first; then the load average, since a busy machine stretches wall time.
   */
  static void print(PrintWriter out, List<Command> commands, List<List<Figures>> figures) {
    int width = commands.stream().mapToInt(c -> c.label().length()).max().orElse(10);
    long[][] medians = new long[commands.size()][];
    for (int i = 0; i < commands.size(); i++) {
      List<Figures> runs = figures.get(i);
      medians[i] = new long[] {
        median(runs, Figures::wallMillis), median(runs, Figures::cpuMillis), median(runs, Figures::peakRssKb)
      };
      out.printf(Locale.ROOT, "  %-" + width + "s   wall %6d ms   CPU %6s ms   peak RSS %6s MB%n",
          commands.get(i).label(), medians[i][0], orNa(medians[i][1], 1), orNa(medians[i][2], 1024));
    }
    for (int i = 1; i < commands.size(); i++) {
      out.printf(Locale.ROOT, "  %s / %s:   wall %s   CPU %s   peak RSS %s%n",
          commands.get(i).label(), commands.get(0).label(),
          ratio(medians[i][0], medians[0][0]), ratio(medians[i][1], medians[0][1]), ratio(medians[i][2], medians[0][2]));
    }
    out.printf(Locale.ROOT, "  load average %.1f on %d CPUs%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
    out.flush();
  }

  private static String orNa(long value, long divisor) {
    return value < 0 ? "n/a" : Long.toString(value / divisor);
  }

  private static String ratio(long peer, long ferry) {
    return peer < 0 || ferry <= 0 ? "n/a" : String.format(Locale.ROOT, "%.2f×", (double) peer / ferry);
  }
}
