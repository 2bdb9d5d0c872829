package dev.ferry.db;

import dev.ferry.cli.FerryException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A Postgres connection target parsed from {@code postgres://user:pass@host:port/db?sslmode=...}
 * (libpq style, also {@code postgresql://}) or {@code jdbc:postgresql://...}. The password is kept
 * out of {@link #toString()} and registered with {@link Secrets}.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password, Map<String, String> parameters) {

  public static DatabaseUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw FerryException.usage(
          "no database given: pass --database-url or set DATABASE_URL (postgres://user:pass@host:5432/db)");
    }
    String trimmed = url.trim();
    if (trimmed.startsWith("jdbc:postgresql:")) {
      return fromUri(trimmed.substring("jdbc:".length()), trimmed);
    }
    if (trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://")) {
      return fromUri(trimmed, trimmed);
    }
    throw FerryException.usage(
        "unsupported database URL '" + Secrets.redact(trimmed)
            + "': use postgres://user:pass@host:port/db or jdbc:postgresql://host:port/db");
  }

  private static DatabaseUrl fromUri(String uriText, String original) {
    URI uri;
    try {
      uri = new URI(uriText.replaceFirst("^postgres(ql)?:", "postgresql:"));
    } catch (URISyntaxException e) {
      throw FerryException.usage("malformed database URL: " + Secrets.redact(e.getReason()));
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    String query = uri.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        parameters.put(key, value);
      }
    }
    String user = parameters.remove("user");
    String password = parameters.remove("password");
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      if (colon >= 0) {
        password = decode(userInfo.substring(colon + 1));
      }
    }
    Secrets.register(password);
    String host = uri.getHost() == null ? "localhost" : uri.getHost();
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String database = path.startsWith("/") ? decode(path.substring(1)) : decode(path);
    if (database.isEmpty()) {
      database = user == null ? "postgres" : user;
    }
    String jdbc = "jdbc:postgresql://" + host + ":" + port + "/" + encodePath(database);
    if (!original.isEmpty() && parameters.containsKey("sslmode") && "disable".equals(parameters.get("sslmode"))) {
      parameters.put("sslmode", "disable");
    }
    return new DatabaseUrl(jdbc, user, password, Map.copyOf(parameters));
  }

  /** Connection properties for PgJDBC, including the credentials. */
  public Properties properties() {
    Properties properties = new Properties();
    parameters.forEach(properties::setProperty);
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.putIfAbsent("connectTimeout", "10");
    properties.putIfAbsent("ApplicationName", "ferry");
    return properties;
  }

  /** The database name as the server knows it. */
  public String databaseName() {
    String path = jdbcUrl.substring(jdbcUrl.indexOf('/', "jdbc:postgresql://".length()) + 1);
    return URLDecoder.decode(path, StandardCharsets.UTF_8);
  }

  /** host:port/db, for messages. */
  public String display() {
    return jdbcUrl.substring("jdbc:postgresql://".length());
  }

  @Override
  public String toString() {
    return "DatabaseUrl[" + display() + (user == null ? "" : " as " + user) + "]";
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String encodePath(String database) {
    return java.net.URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
