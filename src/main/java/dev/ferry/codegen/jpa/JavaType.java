package dev.ferry.codegen.jpa;

/**
 * A Java type a generated entity names: a class ({@code java.time.OffsetDateTime}), a primitive
 * ({@code byte}, empty package) or an array of either ({@code dimensions} pairs of brackets).
 */
record JavaType(String packageName, String simpleName, int dimensions) {
  static final JavaType STRING = of("java.lang", "String");

  static JavaType of(String packageName, String simpleName) {
    return new JavaType(packageName, simpleName, 0);
  }

  static JavaType of(Class<?> type) {
    return type.isPrimitive() ? new JavaType("", type.getName(), 0) : of(type.getPackageName(), type.getSimpleName());
  }

  JavaType array() {
    return new JavaType(packageName, simpleName, dimensions + 1);
  }

  boolean primitive() {
    return packageName.isEmpty();
  }

  String canonicalName() {
    return primitive() ? simpleName : packageName + "." + simpleName;
  }
}
