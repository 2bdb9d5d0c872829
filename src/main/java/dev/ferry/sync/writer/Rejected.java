package dev.ferry.sync.writer;

/**
 * An object that cannot be written, kept in {@code ferry.rejected} instead of its table: its type, id
 * (null when it has none), why, in the user's words, and the payload the API sent.
 */
public record Rejected(String objectType, String objectId, String reason, String payload) {}
