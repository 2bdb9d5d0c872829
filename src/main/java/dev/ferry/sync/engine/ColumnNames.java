package dev.ferry.sync.engine;

import dev.ferry.sync.source.Field;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The column each field is stored in: {@link Field#columnName()} when Postgres can hold it as it is,
 * else that name cut to fit and followed by {@code _} and 8 hex digits of its SHA-256 (docs/sync.md,
 * "Column names"). A name needs the hash when it is longer than Postgres's 63 bytes (two long names
 * sharing a prefix would collide once Postgres cut them), when it starts with {@code _ferry_} (the
 * metadata columns), when it is empty, or when a plain field is named like another field's reference
 * column ({@code customer_id} beside {@code customer}). The result depends on the field's name and
 * the type's fields only, never on the order fields were seen in, so every run picks the same column.
 */
final class ColumnNames {
  static final int MAX_BYTES = 63;
  private static final int HASH_HEX = 8;

  private ColumnNames() {}

  /** Field name → column, for every field of one type (the {@code id} field keeps {@code id}). */
  static Map<String, String> of(List<Field> fields) {
    Set<String> derived = fields.stream()
        .filter(f -> !f.columnName().equals(f.name()))
        .map(Field::columnName)
        .collect(Collectors.toSet());
    Map<String, String> columns = new LinkedHashMap<>();
    for (Field field : fields) {
      String plain = field.columnName();
      boolean clashes = field.name().equals("id") ? false
          : plain.equals("id") || (plain.equals(field.name()) && derived.contains(plain));
      columns.put(field.name(), clashes || !fits(plain) ? hashed(plain) : plain);
    }
    return columns;
  }

  private static boolean fits(String name) {
    return !name.isEmpty() && !name.startsWith("_ferry_") && name.indexOf('\0') < 0
        && name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
  }

  /** {@code name} cut at a character boundary to leave room for {@code _} and the hash, then both. */
  static String hashed(String name) {
    String clean = name.replace("\0", "");
    int room = MAX_BYTES - 1 - HASH_HEX;
    StringBuilder cut = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < clean.length(); ) {
      int codePoint = clean.codePointAt(i);
      int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > room) {
        break;
      }
      cut.appendCodePoint(codePoint);
      bytes += size;
      i += Character.charCount(codePoint);
    }
    return cut + "_" + sha256(name).substring(0, HASH_HEX);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
