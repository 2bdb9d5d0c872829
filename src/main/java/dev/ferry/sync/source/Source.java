package dev.ferry.sync.source;

import java.util.List;

/**
 * A SaaS API as Ferry syncs it. A source speaks the API (paging, cursors, the change feed, rate
 * limits, retries) and knows nothing of SQL: the engine decides tables, stores cursors and writes.
 *
 * <p>Cursors are opaque strings the source produces and later gets back unchanged, possibly in
 * another process after a crash: they must hold everything needed to resume. Implementations must
 * be safe for concurrent calls (the engine reads several slices in parallel).
 */
public interface Source extends AutoCloseable {
  /** The pseudo-header naming a pushed request's raw path and query ({@code /hooks?x=1}). */
  String REQUEST_TARGET = ":path";

  /** Short lower-case name ({@code stripe}), used for the default schema and the state rows. */
  String name();

  /** The version of the source's API whose shapes the tables hold ({@code 2026-08-26.dahlia}), or null if it has none. */
  default String apiVersion() {
    return null;
  }

  /**
   * Where {@code type}'s fields are defined, as the reason of a kept or retyped column names it
   * ({@code stripe API version 2026-08-26.dahlia}).
   */
  default String definitionOf(String type) {
    return apiVersion() != null ? name() + " API version " + apiVersion() : name() + "'s description of " + type;
  }

  /**
   * Why a column of {@code type} is kept though the type's definition no longer has its field, in
   * the vendor's terms (a HubSpot property archived); the engine adds that the values are kept.
   */
  default String removedField(String type) {
    return "not in " + definitionOf(type);
  }

  /** Every object type the source can sync, with the fields it knows of. */
  List<ObjectType> objectTypes();

  /**
   * The current description of {@code type}: the static fields plus any field the source has seen
   * in data since (schema evolution). The engine adds columns for new fields before writing.
   */
  ObjectType describe(String type);

  /** The object types synced when the user names none. */
  List<String> defaultObjectTypes();

  /** Splits the backfill of a top-level type into slices that can be read in parallel. */
  List<Slice> slices(String type, int parallelism);

  /** Reads the page of {@code slice} at {@code cursor} (the slice's start, or a page's next). */
  Page backfillPage(Slice slice, String cursor);

  /**
   * The pages of {@code slice} from {@code cursor} on, read one at a time as the engine asks for
   * them. A source that receives a slice as one long response (Salesforce's Bulk API results) cuts it
   * into pages as it arrives, so no more than a page is held; the others read page by page.
   */
  default Pages pages(Slice slice, String cursor) {
    return new Pages() {
      private String at = cursor;

      @Override
      public Page next() {
        Page page = backfillPage(slice, at);
        at = page.next();
        return page;
      }

      @Override
      public void close() {}
    };
  }

  /** A slice's pages in order; closing it lets go of whatever response it was reading. */
  interface Pages extends AutoCloseable {
    /** The page after the last one returned (the page at the start cursor first); call only while the last had a next. */
    Page next();

    @Override
    void close();
  }

  /**
   * A change-feed cursor for "now", taken before a backfill starts so that changes made while it
   * runs are applied after it.
   */
  String changeCursorNow();

  /**
   * Changes after {@code cursor}, oldest first, at most about {@code limit} of them; {@code types}
   * are the synced object types (a source may skip work for the others).
   *
   * @throws CursorExpiredException when the cursor is older than the feed's retention
   */
  ChangeBatch changes(String cursor, java.util.Set<String> types, int limit);

  /**
   * Verifies a pushed notification (a webhook delivery) and returns the changes it carries, empty
   * for notifications about objects Ferry does not sync.
   *
   * @param header the request's header values by name (case-insensitive), null when absent; the
   *     pseudo-header {@link #REQUEST_TARGET} gives the request's raw path and query, which some
   *     vendors sign (HubSpot's signature v3)
   * @throws PushRejectedException when the notification is not authentic, too old, or a replay
   */
  List<Change> pushedChanges(java.util.function.Function<String, String> header, byte[] body);

  /**
   * Verifies a pushed notification like {@link #pushedChanges} but leaves the objects it only names
   * unread, so that the engine reads those of several notifications at once ({@link #readNamed}).
   *
   * @throws PushRejectedException when the notification is not authentic, too old, or a replay
   */
  default PushedNotice verifyPush(java.util.function.Function<String, String> header, byte[] body) {
    return new PushedNotice(pushedChanges(header, body), java.util.Map.of());
  }

  /** The current state of the objects notices named ({@link PushedNotice#named}), read now, as changes. */
  default List<Change> readNamed(java.util.Map<String, java.util.Set<String>> named) {
    return List.of();
  }

  @Override
  void close();
}
