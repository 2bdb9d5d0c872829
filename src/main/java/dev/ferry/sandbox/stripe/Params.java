package dev.ferry.sandbox.stripe;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request parameters in Stripe's form encoding ({@code created[gte]=1}, {@code expand[]=customer},
 * {@code expand[0]=customer}); indexed array keys are normalized to {@code name[]}.
 */
final class Params {
  private final Map<String, List<String>> values = new LinkedHashMap<>();

  static Params parse(String query) {
    Params params = new Params();
    if (query == null || query.isEmpty()) {
      return params;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      key = key.replaceAll("\\[\\d+\\]$", "[]");
      params.values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  Iterable<String> keys() {
    return values.keySet();
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  String get(String key) {
    List<String> list = values.get(key);
    return list == null ? null : list.get(list.size() - 1);
  }

  List<String> all(String key) {
    return values.getOrDefault(key, List.of());
  }

  long integer(String key) {
    String value = get(key);
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw ApiException.invalid("Invalid integer: " + value, key);
    }
  }
}
