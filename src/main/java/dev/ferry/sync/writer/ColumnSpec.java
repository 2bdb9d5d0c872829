package dev.ferry.sync.writer;

/** A column of an owned table, in the order the writer's row arrays use. */
public record ColumnSpec(String name, ColumnType type) {}
