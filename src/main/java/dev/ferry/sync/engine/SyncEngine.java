package dev.ferry.sync.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.errors.FerryException;
import dev.ferry.db.Database;
import dev.ferry.sync.source.Change;
import dev.ferry.sync.source.ChangeBatch;
import dev.ferry.sync.source.CursorExpiredException;
import dev.ferry.sync.source.InvalidResponseException;
import dev.ferry.sync.source.ObjectType;
import dev.ferry.sync.source.Page;
import dev.ferry.sync.source.Slice;
import dev.ferry.sync.source.Source;
import dev.ferry.sync.source.SourceRecord;
import dev.ferry.sync.writer.ColumnSpec;
import dev.ferry.sync.writer.ColumnType;
import dev.ferry.sync.writer.PostgresWriter;
import dev.ferry.sync.writer.RowCounts;
import dev.ferry.sync.writer.Rejected;
import dev.ferry.sync.writer.TableBatch;
import dev.ferry.sync.writer.WriteBatch;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a sync: makes the owned tables match the source, backfills every object type not yet
 * backfilled (its slices in parallel), then applies the change feed from the cursor taken before
 * the backfill began. Every page or batch of changes commits with its cursor, so a run killed at any
 * instant resumes where the last commit left it, losing and duplicating nothing.
 *
 * <p>Streams in {@code ferry.cursors}, kept per destination: {@code changes} (the change feed), {@code backfill:<type>}
 * (the slice plan, then {@code done}) and {@code backfill:<type>:<slice>} (next page, then {@code done}).
 */
public final class SyncEngine {
  static final String CHANGES = "changes";
  static final String DONE = "done";
  /** Postgres cuts longer names to this many bytes (NAMEDATALEN - 1), so two tables could end up as one. */
  private static final int MAX_NAME_BYTES = 63;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database database;
  private final Source source;
  private final TableManager tables;
  private final StateStore state;
  private final SyncListener listener;
  /** Rows each table got since the run began (webhooks of {@code serve} included). */
  private final RowCounts written = new RowCounts();
  private final PostgresWriter pushWriter = new PostgresWriter(written);
  private final Map<String, List<String>> childTypes = new LinkedHashMap<>();
  private volatile Set<String> syncedTypes = Set.of();
  private volatile boolean stopping;
  /** Guards the two fields below; apart from the engine's monitor, so slices never wait on a webhook's write. */
  private final Object destinationGuard = new Object();
  /** Whether this engine must hold the destination's lock to write; the lock itself may need claiming again. */
  private boolean destinationClaimed;
  private DestinationLock destinationLock;
  /** Objects quarantined in {@code ferry.rejected} since the current run began. */
  private final AtomicLong rejectedCount = new AtomicLong();
  /** Whether the database was ever reached: only then is a lost connection waited out (see {@link #run}). */
  private volatile boolean everConnected;
  /** Set when a lost connection is being waited out, cleared by the next connection made. */
  private volatile boolean reconnecting;
  private static final Duration FIRST_RETRY = Duration.ofMillis(200);
  private static final Duration LAST_RETRY = Duration.ofSeconds(10);

  /** How a run behaves: which types, how many parallel slices, once or forever. */
  public record Options(List<String> types, int parallelism, boolean watch, Duration pollInterval, int changeBatch) {
    public Options {
      types = types == null ? List.of() : List.copyOf(types);
    }

    public static Options once() {
      return new Options(List.of(), 4, false, Duration.ofMillis(200), 500);
    }
  }

  /**
   * What a run did: objects read by the backfill, rows really changed by the change feed, the types
   * synced, objects that could not be written ({@code ferry.rejected}), the rows each type's table
   * holds at the end (whose total is the tables' count(*)), and the rows each table got during the run.
   */
  public record Summary(long backfilled, long changes, List<String> types, long rejected, Map<String, Long> rows,
      Map<String, RowCounts.Rows> written) {
    public long totalRows() {
      return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The rows all tables got during the run. */
    public RowCounts.Rows totalWritten() {
      return written.values().stream().reduce(RowCounts.Rows.NONE,
          (a, b) -> new RowCounts.Rows(a.inserted() + b.inserted(), a.updated() + b.updated(), a.deleted() + b.deleted()));
    }
  }

  public SyncEngine(Database database, Source source, TableLayout layout, SyncListener listener) {
    this.database = database;
    this.source = source;
    this.tables = new TableManager(source, layout);
    this.state = new StateStore(source.name(), layout);
    this.listener = listener;
    String longest = source.objectTypes().stream().map(t -> layout.table(t.name()))
        .max(java.util.Comparator.comparingInt(SyncEngine::bytes)).orElse("");
    if (bytes(longest) > MAX_NAME_BYTES) {
      String typed = layout.prefix().replaceFirst("_$", ""); // the prefix as given, without the '_' Ferry adds
      throw FerryException.usage("table prefix '" + typed + "' is too long: table " + longest + " would be "
          + bytes(longest) + " bytes, over Postgres's " + MAX_NAME_BYTES + "-byte limit for names; use a prefix of at most "
          + (MAX_NAME_BYTES - bytes(longest) + bytes(typed)) + " bytes");
    }
    for (ObjectType type : source.objectTypes()) {
      if (type.isChild()) {
        childTypes.computeIfAbsent(type.parentType(), p -> new ArrayList<>()).add(type.name());
      }
    }
  }

  /** Creates or widens tables; says which columns it marked deprecated or retyped (never dropped). */
  private List<String> ensure(Connection connection, List<ObjectType> types) throws SQLException {
    List<String> applied = tables.ensure(connection, types);
    tables.takeNotices().forEach(listener::info);
    return applied;
  }

  /** The source's tables that exist in the destination, with their deprecated columns (for {@code ferry tables list}). */
  public List<TableManager.TableReport> tables() {
    try (Connection connection = open()) {
      return tables.report(connection, source.objectTypes());
    } catch (SQLException e) {
      throw database.translate(e);
    }
  }

  /** Asks a running {@link #run} to finish after its current batch (for {@code --watch}). */
  public void stop() {
    stopping = true;
  }

  /**
   * Creates or widens the tables of {@code types} (their child types included) and records them as
   * synced; returns the DDL statements run, empty when everything already existed.
   */
  public List<String> addTypes(List<String> types) {
    try (Connection connection = open()) {
      List<String> applied = ensure(connection, describe(withChildren(types)));
      syncedTypes = Set.copyOf(state.syncedTypes(connection));
      return applied;
    } catch (SQLException e) {
      throw database.translate(e);
    }
  }

  /**
   * Makes this engine the destination's only writer until {@link #releaseDestination()}, or refuses
   * with one line (exit code 8) while another process writes there. {@link #run} claims it itself;
   * {@code serve} claims it for its whole life, webhooks included. A lock lost with its database
   * session (terminated, or the server restarted) is claimed again before the next write: if another
   * process took it meanwhile, that write (and so the run) stops with the same line.
   */
  public void claimDestination() {
    synchronized (destinationGuard) {
      destinationClaimed = true;
      holdDestination();
    }
  }

  public void releaseDestination() {
    synchronized (destinationGuard) {
      destinationClaimed = false;
      dropLock();
    }
  }

  /** Checks, before a write, that the claimed lock is still held; claims it again if its session was lost. */
  private void holdDestination() {
    synchronized (destinationGuard) {
      if (!destinationClaimed || destinationLock != null && destinationLock.held()) {
        return;
      }
      boolean lost = destinationLock != null;
      dropLock();
      try {
        destinationLock = DestinationLock.claim(database.connect(), tables.layout());
      } catch (SQLException e) {
        throw database.translate(e);
      }
      if (lost) {
        listener.info("the destination's lock was lost with its database session; claimed it again");
      }
    }
  }

  private void dropLock() {
    if (destinationLock == null) {
      return;
    }
    try {
      destinationLock.close();
    } catch (SQLException e) {
      // the session is gone, and the lock with it
    } finally {
      destinationLock = null;
    }
  }

  /**
   * One run: migrate, backfill what is missing, then changes until caught up (or until stopped).
   * With {@link Options#watch()}, a lost database connection (terminated, or the server restarting)
   * is waited out: the run starts again from the committed cursors once the database answers,
   * retrying with backoff, and the destination's lock is claimed again with it; only a database
   * never reached since the start is an error.
   */
  public Summary run(Options options) {
    stopping = false;
    rejectedCount.set(0);
    written.clear();
    boolean claimedHere;
    synchronized (destinationGuard) {
      claimedHere = !destinationClaimed;
      destinationClaimed = true;
    }
    try {
      if (!options.watch()) {
        return runOnce(options);
      }
      Duration wait = FIRST_RETRY;
      while (true) {
        try {
          return runOnce(options);
        } catch (RuntimeException e) {
          if (!Database.connectionLost(e) || !everConnected || stopping) {
            throw e;
          }
          if (!reconnecting) {
            wait = FIRST_RETRY; // connected since the last loss: back off from the start
            reconnecting = true;
          }
          listener.info(e.getMessage() + "; retrying in " + wait.toMillis() + " ms (cursors kept where they were)");
          sleep(wait);
          wait = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
        }
      }
    } finally {
      if (claimedHere) {
        releaseDestination();
      }
    }
  }

  private Summary runOnce(Options options) {
    try (Connection connection = open()) {
      List<String> requested = options.types();
      if (requested.isEmpty()) {
        tables.ensure(connection, List.of());
        requested = state.syncedTypes(connection);
        if (requested.isEmpty()) {
          requested = source.defaultObjectTypes();
        }
      }
      List<String> types = withChildren(requested);
      // a first backfill reads the change feed's starting point while its tables are made: it needs none
      // of them, and the requests overlap the DDL instead of following it
      CompletableFuture<String> early = state.hasCursor(connection, CHANGES) ? null : CompletableFuture.supplyAsync(source::changeCursorNow);
      AtomicReference<CompletableFuture<String>> pending = new AtomicReference<>(early);
      Supplier<String> changeCursor = () -> {
        CompletableFuture<String> read = pending.getAndSet(null);
        return read == null ? source.changeCursorNow() : joined(read);
      };
      try {
        ensure(connection, describe(types));
      } catch (RuntimeException | SQLException e) {
        if (early != null) {
          early.cancel(true);
        }
        throw e;
      }
      syncedTypes = Set.copyOf(state.syncedTypes(connection));
      int abandoned = state.abandonRuns(connection, tables.layout());
      if (abandoned > 0) {
        listener.info(abandoned + (abandoned == 1 ? " earlier run" : " earlier runs")
            + " ended without finishing (killed or crashed); marked abandoned in ferry.runs");
      }
      long run = state.startRun(connection, tables.layout());
      AtomicLong backfilled = new AtomicLong();
      long changes = 0;
      try {
        while (true) {
          try {
            backfilled.addAndGet(backfill(connection, types, options, changeCursor));
            changes += followChanges(connection, options);
            break;
          } catch (CursorExpiredException e) {
            listener.info(e.getMessage() + "; backfilling " + String.join(", ", types) + " again");
            state.forgetCursors(connection, "backfill:");
            state.forgetCursors(connection, CHANGES);
          }
        }
        state.finishRun(connection, run, "succeeded", backfilled.get() + changes, null);
        Map<String, RowCounts.Rows> writtenByType = new LinkedHashMap<>();
        types.forEach(type -> writtenByType.put(type, written.of(tables.table(type).spec().qualified())));
        return new Summary(backfilled.get(), changes, types, rejectedCount.get(), rowCounts(connection, types), writtenByType);
      } catch (RuntimeException | SQLException e) {
        try {
          connection.rollback();
          state.finishRun(connection, run, "failed", backfilled.get() + changes, e.getMessage());
        } catch (SQLException ignored) {
          // the run's own failure is what matters
        }
        throw e;
      }
    } catch (SQLException e) {
      throw database.translate(e);
    }
  }

  /**
   * Applies changes pushed by the source (webhooks) at once, without touching any cursor: the change
   * feed still delivers them later, and the writer refuses to replace a row with an older change.
   * Returns the objects written or deleted: a change older than its row, or of a type not synced, counts nothing.
   */
  public synchronized int applyPushed(Connection connection, List<Change> changes) throws SQLException {
    return apply(connection, pushWriter, changes, Map.of(), true);
  }

  private long backfill(Connection connection, List<String> types, Options options, Supplier<String> changeCursor) throws SQLException {
    Map<String, String> cursors = state.cursors(connection);
    if (!cursors.containsKey(CHANGES)) {
      // taken before any page is read, so changes made during the backfill are applied after it
      apply(connection, new PostgresWriter(written), List.of(), Map.of(CHANGES, changeCursor.get()));
    }
    List<SliceWork> work = new ArrayList<>();
    List<String> pendingTypes = new ArrayList<>();
    Map<String, OffsetDateTime> startedAt = new LinkedHashMap<>();
    for (String type : types) {
      ObjectType objectType = source.describe(type);
      String plan = cursors.get("backfill:" + type);
      if (objectType.isChild() || DONE.equals(plan)) {
        continue;
      }
      if (plan == null) {
        // the plan records when the backfill began, so a resumed run sweeps against the same instant;
        // taken before planning reads any page (the newest page read to plan is reused as the first),
        // so every row written after it, by a page or by a concurrent change, survives the sweep
        OffsetDateTime started = databaseNow(connection);
        List<Slice> planned = source.slices(type, Math.max(1, options.parallelism()));
        plan = encodePlan(started, planned);
        apply(connection, new PostgresWriter(written), List.of(), Map.of("backfill:" + type, plan));
      }
      List<Slice> slices = decodePlan(type, plan);
      OffsetDateTime started = decodeStart(plan);
      if (!slices.isEmpty() && started != null) {
        // types without slices (discounts) come with their parents, and a plan an older Ferry saved
        // without its instant cannot tell what this backfill missed: no sweep for either
        startedAt.put(type, started);
      }
      pendingTypes.add(type);
      listener.backfillStarted(type);
      for (Slice slice : slices) {
        String cursor = cursors.getOrDefault(slice.stream(), slice.start());
        if (!DONE.equals(cursor)) {
          work.add(new SliceWork(slice, cursor));
        }
      }
    }
    if (pendingTypes.isEmpty()) {
      return 0;
    }
    Map<String, AtomicLong> counts = new LinkedHashMap<>();
    pendingTypes.forEach(t -> counts.put(t, new AtomicLong()));
    runInParallel(work, options.parallelism(), counts);
    // every listed object was written after the plan began; rows older than that are objects deleted
    // while no change feed covered them (a re-backfill after the events expired), so they go, with the marks
    Map<String, String> done = new LinkedHashMap<>();
    List<WriteBatch.Sweep> sweeps = new ArrayList<>();
    for (String type : pendingTypes) {
      done.put("backfill:" + type, DONE);
      if (!startedAt.containsKey(type)) {
        continue;
      }
      List<String> swept = new ArrayList<>(List.of(type));
      swept.addAll(childTypes.getOrDefault(type, List.of()));
      for (String table : swept) {
        sweeps.add(new WriteBatch.Sweep(tables.table(table).spec(), startedAt.get(type)));
      }
    }
    holdDestination();
    new PostgresWriter(written).write(connection, new WriteBatch(source.name(), tables.layout().key(), List.of(), done, sweeps, List.of()));
    long total = 0;
    for (String type : pendingTypes) {
      listener.backfillFinished(type, counts.get(type).get());
      total += counts.get(type).get();
    }
    return total;
  }

  /** The value of a read done alongside, its failure thrown as it would have been had it been read here. */
  private static String joined(CompletableFuture<String> read) {
    try {
      return read.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }

  private record SliceWork(Slice slice, String cursor) {}

  private void runInParallel(List<SliceWork> work, int parallelism, Map<String, AtomicLong> counts) throws SQLException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, Math.max(1, work.size()))));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (SliceWork item : work) {
        futures.add(pool.submit(() -> readSlice(item, counts.get(item.slice().type()))));
      }
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          futures.forEach(f -> f.cancel(true));
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException runtime) {
            throw runtime;
          }
          if (cause instanceof SQLException sql) {
            throw sql;
          }
          throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private Void readSlice(SliceWork work, AtomicLong count) throws SQLException {
    PostgresWriter writer = new PostgresWriter(written);
    try (Connection connection = open(); Source.Pages pages = source.pages(work.slice(), work.cursor())) {
      String cursor = work.cursor();
      while (cursor != null && !Thread.currentThread().isInterrupted()) {
        Page page = pages.next();
        if (!page.isLast() && page.next().equals(cursor)) {
          throw new InvalidResponseException("the " + source.name() + " API answered a page of " + work.slice().type()
              + " that leads back to itself (the same next page again); stopping instead of reading it forever");
        }
        String next = page.isLast() ? DONE : page.next();
        apply(connection, writer, page.changes(), Map.of(work.slice().stream(), next));
        count.addAndGet(page.changes().size());
        listener.backfillProgress(work.slice().type(), page.changes().size());
        cursor = page.next();
      }
    }
    return null;
  }

  private long followChanges(Connection connection, Options options) throws SQLException {
    PostgresWriter writer = new PostgresWriter(written);
    long applied = 0;
    String cursor = state.cursors(connection).get(CHANGES);
    boolean watching = false;
    while (true) {
      ChangeBatch batch = source.changes(cursor, syncedTypes, options.changeBatch());
      if (!batch.caughtUp() && batch.next().equals(cursor)) {
        throw new InvalidResponseException("the " + source.name() + " change feed says more changes follow but gives"
            + " none past the last one applied; stopping instead of asking forever");
      }
      if (!batch.changes().isEmpty() || !batch.next().equals(cursor)) {
        int changed = apply(connection, writer, batch.changes(), Map.of(CHANGES, batch.next()));
        applied += changed;
        if (changed > 0) {
          listener.changesApplied(changed);
        }
      }
      cursor = batch.next();
      if (batch.caughtUp()) {
        if (!options.watch() || stopping) {
          return applied;
        }
        if (!watching) {
          watching = true; // said once, so a user (or a script) knows the backfill is over and the watch has begun
          listener.info("caught up; watching for changes every " + options.pollInterval().toMillis() + " ms (Ctrl-C to stop)");
        }
        sleep(options.pollInterval());
      }
      if (stopping) {
        return applied;
      }
    }
  }

  /**
   * Turns changes into per-table batches (migrating first if the source saw new fields or values a
   * column cannot hold) and commits them with the cursors. An object that cannot be written goes to
   * {@code ferry.rejected} instead, in the same transaction, and the rest of the batch is written.
   */
  private int apply(Connection connection, PostgresWriter writer, List<Change> changes, Map<String, String> checkpoints)
      throws SQLException {
    return apply(connection, writer, changes, checkpoints, false);
  }

  /**
   * Writes {@code changes} with {@code checkpoints} in one transaction, recording the ids of the events
   * they came from. {@code pushed} changes (webhooks, in any order) of an event applied before (a
   * redelivery, after a restart too, or an event polled already) are left out; the change feed
   * applies its events again, in the feed's order, which settles events of the same second.
   */
  private int apply(Connection connection, PostgresWriter writer, List<Change> changes, Map<String, String> checkpoints,
      boolean pushed) throws SQLException {
    holdDestination(); // nothing is written, migrations included, unless this process is the destination's one writer
    Set<String> events = new LinkedHashSet<>();
    changes.stream().map(Change::event).filter(java.util.Objects::nonNull).forEach(events::add);
    if (pushed && !events.isEmpty()) {
      Set<String> applied = state.appliedEvents(connection, tables.layout(), events);
      if (!applied.isEmpty()) {
        changes = changes.stream().filter(change -> change.event() == null || !applied.contains(change.event())).toList();
        events.removeAll(applied);
      }
    }
    Set<String> synced = syncedTypes;
    Set<String> touched = new LinkedHashSet<>();
    for (Change change : changes) {
      if (synced.contains(change.type())) {
        touched.add(change.type());
        touched.addAll(childTypes.getOrDefault(change.type(), List.of()));
      }
    }
    List<ObjectType> widened = new ArrayList<>();
    for (String type : touched) {
      ObjectType described = source.describe(type);
      OwnedTable table = tables.table(type);
      if (table == null || !table.covers(described.fields())) {
        widened.add(described);
      }
    }
    if (!widened.isEmpty()) {
      for (String sql : ensure(connection, widened)) {
        listener.info("migrated: " + sql);
      }
    }
    widenForValues(connection, changes, synced);
    // per object, the last change's verdict: a rejection that a later change of the batch mends is no rejection
    Map<String, Rejected> verdicts = new LinkedHashMap<>();
    List<Change> writable = new ArrayList<>(changes.size());
    for (Change change : changes) {
      if (!synced.contains(change.type())) {
        continue;
      }
      String reason = change.kind() == Change.Kind.REJECT ? change.rejection()
          : change.kind() == Change.Kind.UPSERT || change.kind() == Change.Kind.PATCH
              ? unwritable(tables.table(change.type()), change.record()) : null;
      if (reason == null) {
        Change written = withoutUnwritableChildren(change, r -> verdicts.put(verdictKey(r), r));
        accepted(List.of(written)).forEach((type, ids) -> ids.forEach(id -> verdicts.remove(type + " " + id)));
        writable.add(written);
      } else {
        Rejected object = rejection(change, reason);
        verdicts.put(verdictKey(object), object);
      }
    }
    List<Rejected> rejected = new ArrayList<>(verdicts.values());
    int written;
    try {
      written = writer.write(connection, batchOf(writable, checkpoints, rejected).withEvents(events)
          .withAccepted(accepted(writable)));
    } catch (SQLException e) {
      if (!isDataError(e)) {
        throw e;
      }
      // one object Postgres refuses fails its whole batch: write them one by one to find which
      written = 0;
      List<Change> accepted = new ArrayList<>();
      for (Change change : writable) {
        try {
          written += writer.write(connection, batchOf(List.of(change), Map.of(), List.of()));
          accepted.add(change);
        } catch (SQLException refused) {
          if (!isDataError(refused)) {
            throw refused;
          }
          if (change.children().isEmpty()) {
            rejected.add(rejection(change, "Postgres refused it: " + serverReason(refused)));
          } else {
            written += writeChildByChild(connection, writer, change, rejected, accepted);
          }
        }
      }
      written += writer.write(connection, batchOf(List.of(), checkpoints, rejected).withEvents(events)
          .withAccepted(accepted(accepted)));
    }
    for (Rejected object : rejected) {
      rejectedCount.incrementAndGet();
      listener.rejected(object.objectType(), object.objectId(), object.reason());
    }
    return written;
  }

  /**
   * A change Postgres refuses although it has children: its parent is written alone (its children as
   * the table holds them), then each child set grown one child at a time, so that only the parent, or
   * only the children Postgres refuses, are quarantined. Rare, so a write per child is affordable.
   * Returns the rows changed.
   */
  private int writeChildByChild(Connection connection, PostgresWriter writer, Change change, List<Rejected> rejected,
      List<Change> accepted) throws SQLException {
    Change parent = change.withChildren(List.of());
    int written;
    try {
      written = writer.write(connection, batchOf(List.of(parent), Map.of(), List.of()));
    } catch (SQLException refused) {
      if (!isDataError(refused)) {
        throw refused;
      }
      rejected.add(rejection(change, "Postgres refused it: " + serverReason(refused)));
      return 0;
    }
    List<Change.ChildSet> sets = new ArrayList<>();
    for (Change.ChildSet set : change.children()) {
      List<SourceRecord> kept = new ArrayList<>();
      for (SourceRecord child : set.records()) {
        kept.add(child);
        try {
          writer.write(connection, batchOf(List.of(parent.withChildren(List.of(set.withRecords(kept)))), Map.of(), List.of()));
        } catch (SQLException refused) {
          if (!isDataError(refused)) {
            throw refused;
          }
          kept.remove(kept.size() - 1);
          rejected.add(childRejection(change, set.type(), child, "Postgres refused it: " + serverReason(refused)));
        }
      }
      if (kept.isEmpty()) {
        writer.write(connection, batchOf(List.of(parent.withChildren(List.of(set.withRecords(kept)))), Map.of(), List.of()));
      }
      sets.add(set.withRecords(kept));
    }
    accepted.add(change.withChildren(sets));
    return written;
  }

  /**
   * {@code change} without the children that cannot be written, each quarantined on its own: the
   * parent and its other children are written.
   */
  private Change withoutUnwritableChildren(Change change, java.util.function.Consumer<Rejected> rejected) {
    if (change.kind() != Change.Kind.UPSERT || change.children().isEmpty()) {
      return change;
    }
    List<Change.ChildSet> sets = new ArrayList<>(change.children().size());
    boolean dropped = false;
    for (Change.ChildSet children : change.children()) {
      OwnedTable childTable = tables.table(children.type());
      List<SourceRecord> kept = new ArrayList<>(children.records().size());
      for (SourceRecord child : children.records()) {
        String reason = childTable == null ? null : unwritable(childTable, child);
        if (reason == null) {
          kept.add(child);
        } else {
          rejected.accept(childRejection(change, children.type(), child, reason));
          dropped = true;
        }
      }
      sets.add(children.withRecords(kept));
    }
    return dropped ? change.withChildren(sets) : change;
  }

  /** An object's key among a batch's verdicts; objects without an id are each their own. */
  private static String verdictKey(Rejected object) {
    return object.objectId() == null ? "#" + java.util.UUID.randomUUID() : object.objectType() + " " + object.objectId();
  }

  /** A child quarantined on its own, the reason naming its parent. */
  private static Rejected childRejection(Change parent, String childType, SourceRecord child, String reason) {
    String id = child.id() == null || child.id().isBlank() ? null : child.id();
    return new Rejected(childType, id, reason + " (in " + parent.type() + " " + parent.id() + ", written without it)",
        child.payloadText());
  }

  /**
   * The ids of the objects {@code written} upserts or deletes, children included, by type: a
   * quarantined object among them is quarantined no more.
   */
  private static Map<String, List<String>> accepted(List<Change> written) {
    Map<String, List<String>> ids = new LinkedHashMap<>();
    for (Change change : written) {
      if (change.id() != null && change.kind() != Change.Kind.PATCH) { // a patch writes some fields, not the object
        ids.computeIfAbsent(change.type(), type -> new ArrayList<>()).add(change.id());
      }
      for (Change.ChildSet children : change.children()) {
        for (SourceRecord child : children.records()) {
          if (child.id() != null) {
            ids.computeIfAbsent(children.type(), type -> new ArrayList<>()).add(child.id());
          }
        }
      }
    }
    return ids;
  }

  private WriteBatch batchOf(List<Change> changes, Map<String, String> checkpoints, List<Rejected> rejected) {
    Map<String, TableBatch> batches = new LinkedHashMap<>();
    for (Change change : changes) {
      OwnedTable table = tables.table(change.type());
      TableBatch batch = batches.computeIfAbsent(change.type(), t -> new TableBatch(table.spec()));
      if (change.kind() == Change.Kind.DELETE) {
        batch.delete(change.id(), change.eventAt());
        for (String childType : childTypes.getOrDefault(change.type(), List.of())) {
          childBatch(batches, childType).replaceChildren(table.spec().qualified(), change.id(), List.of(), change.eventAt());
        }
      } else if (change.kind() == Change.Kind.PATCH) {
        batch.patch(table.row(change.record()), patchedColumns(table, change.record()));
      } else {
        batch.upsert(table.row(change.record()), change.eventAt());
      }
      for (Change.ChildSet children : change.children()) {
        OwnedTable childTable = tables.table(children.type());
        if (childTable == null) {
          continue;
        }
        List<Object[]> rows = new ArrayList<>(children.records().size());
        children.records().forEach(r -> rows.add(childTable.row(r)));
        String parentColumn = children.parentField() == null ? childTable.spec().parentColumn()
            : childTable.column(children.parentField());
        childBatch(batches, children.type())
            .replaceChildren(parentColumn, table.spec().qualified(), children.parentId(), rows, change.eventAt());
      }
    }
    return new WriteBatch(source.name(), tables.layout().key(), List.copyOf(batches.values()), checkpoints, List.of(), rejected);
  }

  /** The columns a patch sets: those of the fields its record names. */
  private static java.util.BitSet patchedColumns(OwnedTable table, SourceRecord record) {
    java.util.BitSet columns = new java.util.BitSet();
    for (int i = 0; i < table.fields().size(); i++) {
      if (record.values().containsKey(table.fields().get(i).name())) {
        columns.set(i + 1);
      }
    }
    return columns;
  }

  /** Widens bigint columns to numeric where a value in {@code changes} is a number no bigint holds. */
  private void widenForValues(Connection connection, List<Change> changes, Set<String> synced) throws SQLException {
    Map<String, Set<String>> columns = new LinkedHashMap<>();
    for (Change change : changes) {
      if (change.kind() != Change.Kind.UPSERT && change.kind() != Change.Kind.PATCH || !synced.contains(change.type())) {
        continue;
      }
      tooBigForBigint(change.type(), change.record(), columns);
      for (Change.ChildSet children : change.children()) {
        children.records().forEach(r -> tooBigForBigint(children.type(), r, columns));
      }
    }
    for (Map.Entry<String, Set<String>> type : columns.entrySet()) {
      for (String sql : tables.widen(connection, type.getKey(), type.getValue())) {
        listener.info("migrated: " + sql + " (a value did not fit in bigint)");
      }
    }
  }

  private void tooBigForBigint(String type, SourceRecord record, Map<String, Set<String>> columns) {
    OwnedTable table = tables.table(type);
    if (table == null) {
      return;
    }
    for (int i = 0; i < table.fields().size(); i++) {
      ColumnSpec column = table.spec().columns().get(i + 1);
      Object value = record.values().get(table.fields().get(i).name());
      if (column.type() == ColumnType.BIGINT && value instanceof Number && !(value instanceof Long || value instanceof Integer)) {
        columns.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(column.name());
      }
    }
  }

  /** Postgres's timestamptz range: 4713 BC to 294276 AD. */
  private static final Instant FIRST_TIME = Instant.parse("-4713-11-24T00:00:00Z");
  private static final Instant LAST_TIME = Instant.parse("+294276-12-31T23:59:59Z");

  private static String unwritable(OwnedTable table, SourceRecord record) {
    if (record.id() == null || record.id().isBlank()) {
      return "the object has no id";
    }
    for (int i = 0; i < table.fields().size(); i++) {
      Object value = record.values().get(table.fields().get(i).name());
      if (table.spec().columns().get(i + 1).type() == ColumnType.TIMESTAMPTZ && value != null
          && !(value instanceof Instant time && !time.isBefore(FIRST_TIME) && !time.isAfter(LAST_TIME))) {
        Object seconds = value instanceof Instant time ? time.getEpochSecond() : value;
        return table.fields().get(i).name() + " is " + seconds
            + " seconds from 1970, outside the times Postgres can store (4713 BC to 294276 AD)";
      }
    }
    return null;
  }

  private Rejected rejection(Change change, String reason) {
    String id = change.id() == null || change.id().isBlank() ? null : change.id();
    String payload = change.record() == null ? null : change.record().payloadText();
    return new Rejected(change.type(), id, reason, payload);
  }

  /** Class 22 (data exception: out of range, invalid text) or 54 (a value past a limit): the object's fault. */
  private static boolean isDataError(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("22") || state.startsWith("54"));
  }

  /** Postgres's own words for the refusal, with the column when it names one. */
  private static String serverReason(SQLException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String[] lines = message.split("\n");
    String reason = lines[0].replaceFirst("^ERROR: ", "").trim();
    for (String line : lines) {
      java.util.regex.Matcher column = java.util.regex.Pattern.compile("column ([^:]+):").matcher(line);
      if (line.trim().startsWith("Where:") && column.find()) {
        return reason + " (column " + column.group(1) + ")";
      }
    }
    return reason;
  }

  private Map<String, Long> rowCounts(Connection connection, List<String> types) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement()) {
      for (String type : types) {
        try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + tables.table(type).spec().qualified())) {
          count.next();
          counts.put(type, count.getLong(1));
        }
      }
    }
    connection.commit();
    return counts;
  }

  private TableBatch childBatch(Map<String, TableBatch> batches, String type) {
    return batches.computeIfAbsent(type, t -> new TableBatch(tables.table(t).spec()));
  }

  private List<String> withChildren(List<String> types) {
    Set<String> all = new LinkedHashSet<>();
    for (String type : types) {
      ObjectType objectType = source.describe(type);
      if (objectType.isChild()) {
        all.add(objectType.parentType());
        all.addAll(childTypes.getOrDefault(objectType.parentType(), List.of()));
      }
      all.add(type);
      all.addAll(childTypes.getOrDefault(type, List.of()));
    }
    return List.copyOf(all);
  }

  private List<ObjectType> describe(List<String> types) {
    return types.stream().map(source::describe).toList();
  }

  /**
   * A connection for batches: auto-commit off, so each batch is one transaction. The destination's
   * lock, when claimed, is held (claimed again if lost) before the connection is handed out.
   */
  public Connection open() throws SQLException {
    Connection connection = database.connect();
    try {
      connection.setAutoCommit(false);
      holdDestination();
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
    everConnected = true;
    if (reconnecting) {
      reconnecting = false;
      listener.info("reconnected to the database");
    }
    return connection;
  }

  private static int bytes(String name) {
    return name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  private static final String STARTED = "@started";

  private static String encodePlan(OffsetDateTime started, List<Slice> slices) {
    Map<String, String> plan = new LinkedHashMap<>();
    plan.put(STARTED, started.toString());
    slices.forEach(s -> plan.put(s.name(), s.start()));
    try {
      return JSON.writeValueAsString(plan);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> readPlan(String type, String plan) {
    try {
      return JSON.readValue(plan, new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable backfill plan for " + type + ": " + e.getOriginalMessage(), e);
    }
  }

  private static List<Slice> decodePlan(String type, String plan) {
    List<Slice> result = new ArrayList<>();
    readPlan(type, plan).forEach((name, start) -> {
      if (!name.equals(STARTED)) {
        result.add(new Slice(type, name, start));
      }
    });
    return result;
  }

  /** The instant the plan was made, or null in a plan an older Ferry saved without it. */
  private static OffsetDateTime decodeStart(String plan) {
    String started = readPlan("", plan).get(STARTED);
    return started == null ? null : OffsetDateTime.parse(started);
  }

  private static OffsetDateTime databaseNow(Connection connection) throws SQLException {
    try (var statement = connection.createStatement(); var rows = statement.executeQuery("SELECT now()")) {
      rows.next();
      OffsetDateTime now = rows.getObject(1, OffsetDateTime.class);
      connection.commit();
      return now;
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
