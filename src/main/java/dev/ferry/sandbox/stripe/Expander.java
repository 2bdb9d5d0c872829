package dev.ferry.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Applies {@code expand[]} paths: an expandable id (or id array) becomes the full object; dotted paths
 * recurse into expanded objects, plain nested objects and lists ({@code items.data.price}). At most
 * four levels, as on Stripe.
 */
final class Expander {
  static final int MAX_DEPTH = 4;

  private final SandboxData data;

  Expander(SandboxData data) {
    this.data = data;
  }

  /** Expands {@code paths} in a single object of {@code type}. */
  void expandObject(ObjectNode object, ObjectType type, List<String> paths) {
    for (String path : paths) {
      String[] segments = check(path);
      walk(object, type, "", segments, 0, path);
    }
  }

  /** Expands {@code paths} (each must start with {@code data.}) in every object of a list. */
  void expandList(List<ObjectNode> items, ObjectType type, List<String> paths) {
    for (String path : paths) {
      String[] segments = check(path);
      if (!segments[0].equals("data") || segments.length < 2) {
        throw cannotExpand(path);
      }
      for (ObjectNode item : items) {
        walk(item, type, "", segments, 1, path);
      }
    }
  }

  private static String[] check(String path) {
    String[] segments = path.split("\\.");
    if (segments.length > MAX_DEPTH) {
      throw ApiException.invalid("You cannot expand more than " + MAX_DEPTH + " levels of a property. Property: " + path, "expand");
    }
    return segments;
  }

  private void walk(ObjectNode node, ObjectType type, String prefix, String[] segments, int i, String path) {
    String segment = segments[i];
    String relative = prefix.isEmpty() ? segment : prefix + "." + segment;
    JsonNode child = node.get(segment);
    if (child == null) {
      throw cannotExpand(path);
    }
    boolean expandable = type != null && type.expandable().contains(relative);
    if (expandable) {
      node.set(segment, resolve(child));
      child = node.get(segment);
    }
    if (i == segments.length - 1) {
      if (!expandable) {
        throw cannotExpand(path);
      }
      return;
    }
    if (child.isObject()) {
      String object = child.path("object").asText("");
      if (object.equals("list")) {
        if (!segments[i + 1].equals("data") || i + 2 >= segments.length) {
          throw cannotExpand(path);
        }
        for (JsonNode element : child.path("data")) {
          walk((ObjectNode) element, typeOf(element), "", segments, i + 2, path);
        }
      } else if (!object.isEmpty()) {
        walk((ObjectNode) child, typeOf(child), "", segments, i + 1, path);
      } else {
        walk((ObjectNode) child, type, relative, segments, i + 1, path);
      }
    } else if (child.isArray()) {
      for (JsonNode element : child) {
        if (element.isObject()) {
          walk((ObjectNode) element, typeOf(element), "", segments, i + 1, path);
        }
      }
    } else if (!child.isNull()) {
      throw cannotExpand(path);
    }
  }

  private JsonNode resolve(JsonNode value) {
    if (value.isTextual()) {
      ObjectNode object = data.resolve(value.asText());
      return object == null ? value : object;
    }
    if (value.isArray()) {
      ArrayNode result = ((ArrayNode) value).arrayNode();
      for (JsonNode element : value) {
        result.add(resolve(element));
      }
      return result;
    }
    return value;
  }

  private static ObjectType typeOf(JsonNode object) {
    String name = object.path("object").asText();
    for (ObjectType type : ObjectType.values()) {
      if (type.objectName().equals(name)) {
        return type;
      }
    }
    return null;
  }

  private static ApiException cannotExpand(String path) {
    return ApiException.invalid("This property cannot be expanded (" + path + ").", "expand");
  }
}
