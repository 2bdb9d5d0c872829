package dev.ferry.cli;

import dev.ferry.codegen.GeneratedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One target's rendered files, deflated, while {@code ferry generate all} renders and checks the
 * other targets before writing any: 2,000 tables render about 80 MB of text over the targets, which
 * deflates to a twelfth of that, so the process need not keep every target's text at once.
 */
final class HeldFiles {
  private record Held(String path, GeneratedFile.Ownership ownership, int length, byte[] deflated) {}

  private final List<Held> files;

  private HeldFiles(List<Held> files) {
    this.files = files;
  }

  static HeldFiles of(List<GeneratedFile> files) {
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    byte[] buffer = new byte[64 * 1024];
    List<Held> held = new ArrayList<>(files.size());
    try {
      for (GeneratedFile file : files) {
        byte[] bytes = file.content().getBytes(StandardCharsets.UTF_8);
        deflater.reset();
        deflater.setInput(bytes);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 8));
        while (!deflater.finished()) {
          out.write(buffer, 0, deflater.deflate(buffer));
        }
        held.add(new Held(file.path(), file.ownership(), bytes.length, out.toByteArray()));
      }
    } finally {
      deflater.end();
    }
    return new HeldFiles(held);
  }

  /** The files as rendered. */
  List<GeneratedFile> files() {
    Inflater inflater = new Inflater();
    List<GeneratedFile> restored = new ArrayList<>(files.size());
    try {
      for (Held file : files) {
        inflater.reset();
        inflater.setInput(file.deflated());
        byte[] bytes = new byte[file.length()];
        int read = 0;
        while (read < bytes.length) {
          read += inflater.inflate(bytes, read, bytes.length - read);
        }
        restored.add(new GeneratedFile(file.path(), new String(bytes, StandardCharsets.UTF_8), file.ownership()));
      }
    } catch (DataFormatException e) {
      throw new UncheckedIOException(new IOException("held files corrupted in memory", e));
    } finally {
      inflater.end();
    }
    return restored;
  }
}
