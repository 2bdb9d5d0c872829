package dev.ferry.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generated regions inside a file the user shares with Ferry. A region runs from a line containing
 * {@value #BEGIN} to the next line containing {@value #END}, in any comment syntax ({@code # ...},
 * {@code // ...}, {@code -- ...}); the text after the begin marker (its key, e.g. {@code associations})
 * tells several regions of one file apart. {@link #merge} replaces each region of the existing file
 * with the region of the same key from the new content and keeps every other line as it is.
 */
public final class Regions {
  public static final String BEGIN = "ferry:generated:begin";
  public static final String END = "ferry:generated:end";

  private Regions() {}

  /** A region found in a text: its key and the line range from begin marker to end marker, inclusive. */
  record Region(String key, int beginLine, int endLine) {}

  /**
   * The existing text with every generated region replaced by the new content's region of the same
   * key. Regions the new content no longer has are emptied (markers kept).
   *
   * @throws GenerationException when the new content has a region the existing file lacks (its
   *     markers were deleted), or when markers are unbalanced
   */
  public static String merge(String path, String existing, String generated) {
    List<String> oldLines = existing.lines().toList();
    List<String> newLines = generated.lines().toList();
    Map<String, Region> oldRegions = index(path, oldLines);
    Map<String, Region> newRegions = index(path, newLines);
    for (String key : newRegions.keySet()) {
      if (!oldRegions.containsKey(key)) {
        throw new GenerationException(
            path + ": generated region '" + key + "' is missing (its " + BEGIN + "/" + END
                + " markers were removed); restore them or delete the file to regenerate it");
      }
    }
    List<String> out = new ArrayList<>();
    int line = 0;
    for (Region region : oldRegions.values()) {
      out.addAll(oldLines.subList(line, region.beginLine()));
      Region replacement = newRegions.get(region.key());
      if (replacement == null) {
        out.add(oldLines.get(region.beginLine()));
        out.add(oldLines.get(region.endLine()));
      } else {
        out.addAll(newLines.subList(replacement.beginLine(), replacement.endLine() + 1));
      }
      line = region.endLine() + 1;
    }
    out.addAll(oldLines.subList(line, oldLines.size()));
    return String.join("\n", out) + (existing.endsWith("\n") || existing.isEmpty() ? "\n" : "");
  }

  /** Regions by key, in file order; a repeated key gets "#2", "#3"... so it still matches by position. */
  static Map<String, Region> index(String path, List<String> lines) {
    Map<String, Region> regions = new LinkedHashMap<>();
    int begin = -1;
    String key = null;
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i);
      if (text.contains(BEGIN)) {
        if (begin >= 0) {
          throw new GenerationException(path + ":" + (i + 1) + ": " + BEGIN + " inside another generated region");
        }
        begin = i;
        key = keyOf(text);
      } else if (text.contains(END)) {
        if (begin < 0) {
          throw new GenerationException(path + ":" + (i + 1) + ": " + END + " without " + BEGIN);
        }
        String unique = key;
        for (int n = 2; regions.containsKey(unique); n++) {
          unique = key + "#" + n;
        }
        regions.put(unique, new Region(unique, begin, i));
        begin = -1;
      }
    }
    if (begin >= 0) {
      throw new GenerationException(path + ":" + (begin + 1) + ": " + BEGIN + " without " + END);
    }
    return regions;
  }

  // "  # ferry:generated:begin associations (do not edit)" -> "associations"; closing comment tokens dropped.
  private static String keyOf(String line) {
    String rest = line.substring(line.indexOf(BEGIN) + BEGIN.length()).replace("-->", "").replace("*/", "").trim();
    int space = rest.indexOf(' ');
    return space < 0 ? rest : rest.substring(0, space);
  }
}
