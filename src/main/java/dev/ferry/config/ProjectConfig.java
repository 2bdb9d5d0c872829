package dev.ferry.config;

import dev.ferry.errors.OsReason;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ferry.errors.FerryException;
import dev.ferry.db.Secrets;
import dev.ferry.sync.source.SourceProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The project file, {@code ferry.yaml} (docs/ferry-yaml.md): relationships to add, drop or rename,
 * names of models and attributes, tables or columns to ignore, and settings of {@code ferry sync}.
 * Parsing is strict: an unknown key, a wrong type or a duplicate key is a
 * {@link FerryException#badConfig} naming the file and line. Every entry remembers its line, so
 * later checks against the database (a table that does not exist) can name it too. This is the only
 * place that parses the file.
 */
public record ProjectConfig(String file, Relationships relationships, Names names, Ignore ignore, Sync sync) {
  public static final String DEFAULT_FILE = "ferry.yaml";
  public static final ProjectConfig EMPTY = new ProjectConfig(DEFAULT_FILE, null, null, null, null);

  public ProjectConfig {
    relationships = relationships == null ? new Relationships(null, null, null, null, null) : relationships;
    names = names == null ? new Names(null, null) : names;
    ignore = ignore == null ? new Ignore(null, null) : ignore;
    sync = sync == null ? new Sync(null) : sync;
  }

  /** {@code sync:} — settings of {@code ferry sync} per source name ({@code sync.stripe}, ...). */
  public record Sync(Map<String, SourceSync> sources) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Sync {
      sources = sources == null ? Map.of() : Map.copyOf(sources);
    }

    /** The settings of source {@code name}, empty when the file has none. */
    public SourceSync source(String name) {
      return sources.getOrDefault(name, SourceSync.NONE);
    }
  }

  /**
   * {@code sync.<source>:} — {@code api_key}, registered as a secret as soon as it is read and never
   * printed; {@code rate} (requests per second, as {@code --rate}); and the source's own settings by
   * name (as {@code --setting NAME=VALUE}: salesforce {@code bulk_threshold}, {@code budget_share}),
   * as the file writes them, each with its line. Their names and values are checked against the source
   * when the file is read.
   */
  public record SourceSync(Optional<String> apiKey, Optional<Double> rate, Map<String, Setting> settings) {
    static final SourceSync NONE = new SourceSync(Optional.empty(), Optional.empty(), Map.of());

    @JsonCreator
    public SourceSync(@JsonProperty("api_key") String apiKey, @JsonProperty("rate") Double rate,
        @com.fasterxml.jackson.annotation.JsonAnySetter Map<String, Object> settings) {
      this(Optional.ofNullable(apiKey).map(String::strip).filter(key -> !key.isEmpty()), Optional.ofNullable(rate),
          settings == null ? Map.of() : settings.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> new Setting(e.getValue(), 0))));
    }

    public SourceSync {
      apiKey.ifPresent(Secrets::register);
      settings = Map.copyOf(settings);
    }

    /** The settings as {@code --setting} takes them: name to value as text. */
    public Map<String, String> settingValues() {
      Map<String, String> values = new java.util.TreeMap<>();
      settings.forEach((name, setting) -> values.put(name, String.valueOf(setting.value())));
      return values;
    }

    @Override
    public String toString() {
      return "SourceSync[apiKey=" + (apiKey.isPresent() ? "****" : "none") + ", rate=" + rate + ", settings=" + settings.keySet() + "]";
    }
  }

  /** One setting of a source as the file holds it (a number or text), with the line it is on. */
  public record Setting(Object value, int line) {}

  /** {@code names:} — model names for {@code tables} and attribute names for {@code columns}. */
  public record Names(List<TableName> tables, List<ColumnName> columns) {
    @JsonCreator
    public Names(@JsonProperty("tables") List<TableName> tables, @JsonProperty("columns") List<ColumnName> columns) {
      this.tables = tables == null ? List.of() : List.copyOf(tables);
      this.columns = columns == null ? List.of() : List.copyOf(columns);
    }
  }

  /** The entity name of {@code table}: {@code singular}, and {@code plural} (derived when left out). */
  public record TableName(String table, String singular, String plural, int line) implements Located<TableName> {
    @JsonCreator
    public TableName(
        @JsonProperty("table") String table,
        @JsonProperty("singular") String singular,
        @JsonProperty("plural") String plural) {
      this(table, singular, plural, 0);
    }

    @Override
    public TableName atLine(int at) {
      require(table, "table", "names.tables", at);
      require(singular, "singular", "names.tables", at);
      requireName(singular, "singular", at);
      requireName(plural, "plural", at);
      return new TableName(table, singular, plural, at);
    }
  }

  /** The attribute name of {@code column}. */
  public record ColumnName(String column, String name, int line) implements Located<ColumnName> {
    @JsonCreator
    public ColumnName(@JsonProperty("column") String column, @JsonProperty("name") String name) {
      this(column, name, 0);
    }

    @Override
    public ColumnName atLine(int at) {
      require(column, "column", "names.columns", at);
      require(name, "name", "names.columns", at);
      requireName(name, "name", at);
      return new ColumnName(column, name, at);
    }
  }

  /**
   * {@code relationships:} — {@code add}, {@code drop} and {@code rename} lists, and the columns whose
   * back reference is one row ({@code has_one}) or many ({@code has_many}) whatever sampled rows say.
   */
  public record Relationships(List<Addition> add, List<Spot> drop, List<Rename> rename, List<Spot> hasOne, List<Spot> hasMany) {
    @JsonCreator
    public Relationships(
        @JsonProperty("add") List<Addition> add,
        @JsonProperty("drop") List<Spot> drop,
        @JsonProperty("rename") List<Rename> rename,
        @JsonProperty("has_one") List<Spot> hasOne,
        @JsonProperty("has_many") List<Spot> hasMany) {
      this.add = add == null ? List.of() : List.copyOf(add);
      this.drop = drop == null ? List.of() : List.copyOf(drop);
      this.rename = rename == null ? List.of() : List.copyOf(rename);
      this.hasOne = hasOne == null ? List.of() : List.copyOf(hasOne);
      this.hasMany = hasMany == null ? List.of() : List.copyOf(hasMany);
    }
  }

  /** {@code ignore:} — {@code tables} ([schema.]table) and {@code columns} ([schema.]table.column). */
  public record Ignore(List<Spot> tables, List<Spot> columns) {
    @JsonCreator
    public Ignore(@JsonProperty("tables") List<Spot> tables, @JsonProperty("columns") List<Spot> columns) {
      this.tables = tables == null ? List.of() : List.copyOf(tables);
      this.columns = columns == null ? List.of() : List.copyOf(columns);
    }
  }

  /** {@code column} ([schema.]table.column) references table {@code references}; names optional. */
  public record Addition(String column, String references, String forward, String back, int line) implements Located<Addition> {
    @JsonCreator
    public Addition(
        @JsonProperty("column") String column,
        @JsonProperty("references") String references,
        @JsonProperty("forward") String forward,
        @JsonProperty("back") String back) {
      this(column, references, forward, back, 0);
    }

    @Override
    public Addition atLine(int at) {
      require(column, "column", "add", at);
      require(references, "references", "add", at);
      requireName(forward, "forward", at);
      requireName(back, "back", at);
      return new Addition(column, references, forward, back, at);
    }
  }

  /** Sets the forward and/or back name of the relationship on {@code column}. */
  public record Rename(String column, String forward, String back, int line) implements Located<Rename> {
    @JsonCreator
    public Rename(
        @JsonProperty("column") String column,
        @JsonProperty("forward") String forward,
        @JsonProperty("back") String back) {
      this(column, forward, back, 0);
    }

    @Override
    public Rename atLine(int at) {
      require(column, "column", "rename", at);
      if (forward == null && back == null) {
        throw new LineError(at, "a rename needs 'forward', 'back' or both");
      }
      requireName(forward, "forward", at);
      requireName(back, "back", at);
      return new Rename(column, forward, back, at);
    }
  }

  /** A scalar entry (a table or column name) with the line it is written on. */
  public record Spot(String text, int line) implements Located<Spot> {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Spot(String text) {
      this(text, 0);
    }

    @Override
    public Spot atLine(int at) {
      require(text, "a name", "list", at);
      return new Spot(text, at);
    }
  }

  private static void require(String value, String key, String section, int line) {
    if (value == null || value.isBlank()) {
      throw new LineError(line, "this '" + section + "' entry needs " + (key.contains(" ") ? key : "'" + key + "'"));
    }
  }

  private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  /** A name the user sets (when set) is lower snake_case words, which every target can case its own way. */
  private static void requireName(String value, String key, int line) {
    if (value != null && !SNAKE_CASE.matcher(value).matches()) {
      throw new LineError(line, key + " '" + value + "' is not lower snake_case words (a letter first, then letters, digits"
          + " and single '_' between words, e.g. default_payment_method)");
    }
  }

  /** A problem found while reading, with the line it belongs to. */
  private static final class LineError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int line;

    LineError(int line, String message) {
      super(message);
      this.line = line;
    }
  }

  /** An entry that is told the line it was read from. */
  interface Located<T> {
    T atLine(int line);
  }

  /** Structure of the file as read; the file name is added after. */
  private record FileBody(Relationships relationships, Names names, Ignore ignore, Sync sync) {
    @JsonCreator
    FileBody(
        @JsonProperty("relationships") Relationships relationships,
        @JsonProperty("names") Names names,
        @JsonProperty("ignore") Ignore ignore,
        @JsonProperty("sync") Sync sync) {
      this.relationships = relationships;
      this.names = names;
      this.ignore = ignore;
      this.sync = sync;
    }
  }

  /** ferry.yaml in the working directory when present, else an empty configuration. */
  public static ProjectConfig load(Optional<Path> file) {
    if (file.isPresent()) {
      return load(file.get());
    }
    Path local = Path.of(DEFAULT_FILE);
    return Files.isRegularFile(local) ? load(local) : EMPTY;
  }

  public static ProjectConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw FerryException.badConfig("cannot read " + file + ": " + dev.ferry.errors.OsReason.of(e));
    }
    return parse(text, file.getFileName() == null ? file.toString() : file.getFileName().toString());
  }

  public static ProjectConfig parse(String text, String fileName) {
    if (text.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#"))) {
      return new ProjectConfig(fileName, null, null, null, null);
    }
    try {
      FileBody body = MAPPER.readValue(text, FileBody.class);
      if (body == null) {
        return new ProjectConfig(fileName, null, null, null, null);
      }
      Sync sync = body.sync() == null ? null : checkedSync(body.sync(), text, fileName);
      return new ProjectConfig(fileName, body.relationships(), body.names(), body.ignore(), sync);
    } catch (LineError e) {
      throw FerryException.badConfig(fileName + " line " + e.line + ": " + e.getMessage());
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream().map(Object::toString).sorted()
          .collect(Collectors.joining(", ", " (expected one of: ", ")"));
      int near = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
      throw FerryException.badConfig(fileName + " line " + keyLine(text, e.getPropertyName(), near) + ": unknown key '"
          + e.getPropertyName() + "'" + known);
    } catch (JsonMappingException e) {
      Throwable cause = e;
      while (cause != null && !(cause instanceof LineError)) {
        cause = cause.getCause();
      }
      if (cause instanceof LineError lineError) {
        throw FerryException.badConfig(fileName + " line " + lineError.line + ": " + lineError.getMessage());
      }
      throw error(fileName, e, mismatch(text, e));
    } catch (JsonProcessingException e) {
      throw error(fileName, e, "not valid YAML: " + firstLine(e.getOriginalMessage()));
    }
  }

  /**
   * Each source under {@code sync} must exist, its rate be positive, and its other keys be settings it
   * has, with values it takes ({@code sync.salesforce.budget_share} must be a share above 0 and at most
   * 1); every error names the key and its line.
   */
  private static Sync checkedSync(Sync sync, String text, String fileName) {
    int lines = (int) text.lines().count();
    Map<String, SourceSync> checked = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, SourceSync> entry : sync.sources().entrySet()) {
      String source = entry.getKey();
      int sourceLine = keyLine(text, source, lines);
      java.util.Optional<SourceProvider> provider = SourceProvider.named(source);
      if (provider.isEmpty()) {
        throw FerryException.badConfig(fileName + " line " + sourceLine
            + ": unknown source '" + source + "' under sync (available: " + String.join(", ", SourceProvider.names()) + ")");
      }
      SourceSync given = entry.getValue();
      if (given.rate().isPresent() && !(given.rate().get() > 0)) {
        throw FerryException.badConfig(fileName + " line " + keyLineAfter(text, "rate", sourceLine) + ": `sync." + source
            + ".rate` must be a number of requests per second above 0, not '" + given.rate().get() + "'");
      }
      Map<String, Setting> settings = new java.util.TreeMap<>();
      for (Map.Entry<String, Setting> setting : given.settings().entrySet()) {
        String name = setting.getKey();
        int line = keyLineAfter(text, name, sourceLine);
        Map<String, String> names = provider.get().settingNames();
        if (!names.containsKey(name)) {
          List<String> known = new java.util.ArrayList<>(List.of("api_key", "rate"));
          known.addAll(names.keySet());
          throw FerryException.badConfig(fileName + " line " + line + ": unknown key '" + name + "' under sync." + source
              + " (expected one of: " + known.stream().sorted().collect(Collectors.joining(", ")) + ")");
        }
        Object value = setting.getValue().value();
        // a YAML boolean (`off` and `no` read as false) is given as its text, like a number
        boolean scalar = value instanceof String || value instanceof Number || value instanceof Boolean;
        String problem = scalar
            ? provider.get().settingProblem(name, String.valueOf(value)).orElse(null)
            : provider.get().settingProblem(name, "").orElse("a single value");
        if (problem != null) {
          throw FerryException.badConfig(fileName + " line " + line + ": `sync." + source + "." + name + "` must be " + problem + ", not "
              + (scalar ? "'" + value + "'" : value instanceof List ? "a list" : "a map"));
        }
        settings.put(name, new Setting(value, line));
      }
      checked.put(source, new SourceSync(given.apiKey(), given.rate(), settings));
    }
    return new Sync(checked);
  }

  /** The first line at or after {@code from} that holds {@code key}: a key under the source on that line. */
  private static int keyLineAfter(String text, String key, int from) {
    List<String> lines = text.lines().toList();
    Pattern keyPattern = Pattern.compile("^\\s*[\"']?" + Pattern.quote(key) + "[\"']?\\s*:");
    for (int line = Math.max(1, from); line <= lines.size(); line++) {
      if (keyPattern.matcher(lines.get(line - 1)).find()) {
        return line;
      }
    }
    return from;
  }

  // Jackson reports an unknown key of a record where the record ends; the key is on or before that line
  private static int keyLine(String text, String key, int near) {
    List<String> lines = text.lines().toList();
    Pattern keyPattern = Pattern.compile("^\\s*(-\\s+)?[\"']?" + Pattern.quote(key) + "[\"']?\\s*:");
    for (int line = Math.min(near, lines.size()); line >= 1; line--) {
      if (keyPattern.matcher(lines.get(line - 1)).find()) {
        return line;
      }
    }
    return near;
  }

  /** "ferry.yaml line 7: ..." — the prefix of every error about an entry. */
  public String at(int line) {
    return file + " line " + line;
  }

  private static FerryException error(String fileName, JsonProcessingException e, String message) {
    int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    return FerryException.badConfig(fileName + (line > 0 ? " line " + line : "") + ": " + message);
  }

  /** What each key holds, in the user's words; list entries are keyed with {@code []}. */
  private static final Map<String, String> EXPECTED = Map.ofEntries(
      Map.entry("", "a map with relationships, names, ignore or sync"),
      Map.entry("relationships", "a map with add, drop, rename, has_one or has_many"),
      Map.entry("relationships.add", "a list of entries, each with column and references"),
      Map.entry("relationships.add[]", "an entry with column and references (and optionally forward, back)"),
      Map.entry("relationships.drop", "a list of column names ([schema.]table.column)"),
      Map.entry("relationships.drop[]", "a column name ([schema.]table.column)"),
      Map.entry("relationships.has_one", "a list of column names ([schema.]table.column)"),
      Map.entry("relationships.has_one[]", "a column name ([schema.]table.column)"),
      Map.entry("relationships.has_many", "a list of column names ([schema.]table.column)"),
      Map.entry("relationships.has_many[]", "a column name ([schema.]table.column)"),
      Map.entry("relationships.rename", "a list of entries, each with column and forward and/or back"),
      Map.entry("relationships.rename[]", "an entry with column and forward and/or back"),
      Map.entry("names", "a map with tables or columns"),
      Map.entry("names.tables", "a list of entries, each with table and singular (and optionally plural)"),
      Map.entry("names.tables[]", "an entry with table and singular (and optionally plural)"),
      Map.entry("names.columns", "a list of entries, each with column and name"),
      Map.entry("names.columns[]", "an entry with column and name"),
      Map.entry("ignore", "a map with tables or columns"),
      Map.entry("ignore.tables", "a list of table names ([schema.]table)"),
      Map.entry("ignore.tables[]", "a table name ([schema.]table)"),
      Map.entry("ignore.columns", "a list of column names ([schema.]table.column)"),
      Map.entry("ignore.columns[]", "a column name ([schema.]table.column)"),
      Map.entry("sync", "a map of sources (stripe:)"),
      Map.entry("sync.*", "a map with api_key, rate or the source's own settings"),
      Map.entry("sync.*.rate", "a number of requests per second, such as 9.5"));

  /**
   * "`ignore.tables` must be a list of table names ([schema.]table), not the text 'stripe.customer'":
   * the key, what it holds, and what the file has there, read back from the YAML rather than from
   * Jackson's message (which speaks of Java types).
   */
  private static String mismatch(String text, JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    StringBuilder shape = new StringBuilder();
    com.fasterxml.jackson.databind.JsonNode found;
    try {
      found = MAPPER.readTree(text);
    } catch (JsonProcessingException unreadable) {
      found = null;
    }
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        boolean source = shape.toString().equals("sync"); // sync.<source>: any source name
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
        shape.append(shape.length() == 0 ? "" : ".").append(source ? "*" : ref.getFieldName());
        found = found == null ? null : found.get(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
        shape.append("[]");
        found = found == null ? null : found.get(ref.getIndex());
      }
    }
    String expected = EXPECTED.get(shape.toString());
    if (expected == null) {
      expected = "text"; // every other key holds one name or value
    }
    boolean secret = path.toString().endsWith("api_key");
    String where = path.length() == 0 ? "the file" : "`" + path + "`";
    return where + " must be " + expected + ", not " + describe(found, secret)
        + (expected.equals("text") && found != null && found.isValueNode() && !found.isTextual() ? " (quote it to mean text)" : "");
  }

  /** A YAML value as the user wrote it: "the text 'x'", "the number 12345", "a list", "a map". */
  private static String describe(com.fasterxml.jackson.databind.JsonNode node, boolean secret) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a map (key: value lines)";
    }
    String kind = node.isTextual() ? "the text" : node.isNumber() ? "the number" : node.isBoolean() ? "the value" : "the value";
    return secret ? kind.replace("the ", "a ") : kind + " '" + node.asText() + "'";
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("").replaceAll("\\(class [^)]*\\)", "").strip();
  }

  // a number or true/false where a name or key belongs is a mistake, not text: quote it to mean text
  private static final YAMLMapper MAPPER = YAMLMapper.builder()
      .withCoercionConfig(LogicalType.Textual, coercion -> coercion
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .addModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
          return Located.class.isAssignableFrom(description.getBeanClass()) ? new LocatingDeserializer(deserializer) : deserializer;
        }
      }))
      .build();

  /** Tells each {@link Located} entry the line its value starts on. */
  private static final class LocatingDeserializer extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    LocatingDeserializer(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new LocatingDeserializer(delegate);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      int line = parser.currentTokenLocation().getLineNr();
      Object value = _delegatee.deserialize(parser, context);
      return value instanceof Located<?> located ? located.atLine(line) : value;
    }
  }
}
