package dev.ferry.db;

import dev.ferry.errors.FerryException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
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
  /** libpq spellings of connection parameters that PgJDBC names differently. */
  private static final Map<String, String> LIBPQ_TO_PGJDBC =
      Map.of("connect_timeout", "connectTimeout", "application_name", "ApplicationName");

  public static DatabaseUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw FerryException.usage(
          "no database given: pass --database-url or set DATABASE_URL (postgres://user:pass@host:5432/db)");
    }
    String trimmed = url.trim();
    if (trimmed.startsWith("jdbc:postgresql:")) {
      return fromUri(trimmed.substring("jdbc:".length()));
    }
    if (trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://")) {
      return fromUri(trimmed);
    }
    // the URL itself is not echoed: a mistyped one may hold a password in a shape redact cannot spot
    throw FerryException.usage(
        "unsupported database URL: use postgres://user:pass@host:port/db or jdbc:postgresql://host:port/db");
  }

  private static DatabaseUrl fromUri(String uriText) {
    URI uri;
    try {
      uri = new URI(uriText.replaceFirst("^postgres(ql)?:", "postgresql:"));
    } catch (URISyntaxException e) {
      // the reason never quotes the input, so no part of the password can leak through it
      throw malformed(e.getReason());
    }
    if (uri.isOpaque()) {
      // jdbc:postgresql:mydb (no host) means localhost:5432/mydb
      // java.net.URI keeps an opaque URI's query inside the scheme-specific part
      String part = uri.getRawSchemeSpecificPart();
      int query = part.indexOf('?');
      return build("localhost", -1, decode(query < 0 ? part : part.substring(0, query)), query < 0 ? null : part.substring(query + 1), null);
    }
    if (uri.getHost() == null && uri.getRawAuthority() != null && uri.getRawAuthority().contains(",")) {
      throw malformed("several hosts are not supported; give one host");
    }
    if (uri.getHost() == null && uri.getRawAuthority() != null) {
      // java.net.URI falls back to a registry authority when user info or port do not parse:
      // without this check "postgres://u:p@ss@db.example.com/x" would quietly connect to localhost
      throw malformed(
          "cannot read the host and port; percent-encode special characters in the user and password"
              + " (@ as %40, : as %3A, / as %2F)");
    }
    return build(uri.getHost(), uri.getPort(), pathDatabase(uri.getRawPath()), uri.getRawQuery(), uri.getRawUserInfo());
  }

  private static DatabaseUrl build(String uriHost, int uriPort, String database, String rawQuery, String rawUserInfo) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        parameters.put(LIBPQ_TO_PGJDBC.getOrDefault(key, key), value);
      }
    }
    String user = parameters.remove("user");
    String password = parameters.remove("password");
    if (rawUserInfo != null) {
      int colon = rawUserInfo.indexOf(':');
      user = decode(colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon));
      if (colon >= 0) {
        password = decode(rawUserInfo.substring(colon + 1));
      }
    }
    Secrets.register(password);
    String host = uriHost == null || uriHost.isEmpty() ? "localhost" : uriHost;
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    int port = uriPort < 0 ? 5432 : uriPort;
    String dbname = parameters.remove("dbname");
    if (database.isEmpty()) {
      // libpq's rule: the database defaults to the user name
      database = dbname != null ? dbname : user == null ? "postgres" : user;
    }
    String jdbc = "jdbc:postgresql://" + host + ":" + port + "/" + encodePath(database);
    return new DatabaseUrl(jdbc, user, password, Map.copyOf(parameters));
  }

  private static String pathDatabase(String rawPath) {
    String path = rawPath == null ? "" : rawPath;
    return decode(path.startsWith("/") ? path.substring(1) : path);
  }

  private static FerryException malformed(String reason) {
    return FerryException.usage(
        "malformed database URL: " + reason + " (expected postgres://user:pass@host:port/db)");
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

  /** The user the driver logs in as: the URL's, else the operating system user (PgJDBC's default, as libpq's). */
  public String effectiveUser() {
    return user != null ? user : System.getProperty("user.name");
  }

  /** The database name as the server knows it. */
  public String databaseName() {
    String path = jdbcUrl.substring(jdbcUrl.indexOf('/', "jdbc:postgresql://".length()) + 1);
    return URLDecoder.decode(path, StandardCharsets.UTF_8);
  }

  /** The same server and credentials, another database ({@code ferry bench accuracy}'s scratch databases). */
  public DatabaseUrl withDatabase(String name) {
    String server = jdbcUrl.substring(0, jdbcUrl.indexOf('/', "jdbc:postgresql://".length()) + 1);
    return new DatabaseUrl(server + URLEncoder.encode(name, StandardCharsets.UTF_8), user, password, parameters);
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
