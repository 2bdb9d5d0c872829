package dev.ferry.codegen;

/**
 * One file a target produces.
 *
 * @param path relative to the output folder, with '/' separators
 * @param ownership how regeneration treats what is already on disk
 */
public record GeneratedFile(String path, String content, Ownership ownership) {

  public enum Ownership {
    /** Ferry's alone: rewritten whole on every run. */
    FERRY,
    /** Shared with the user: only the marked generated regions are rewritten, the rest is kept. */
    REGIONS,
    /** A starting point for the user: written only when absent, never touched again. */
    ONCE
  }
}
