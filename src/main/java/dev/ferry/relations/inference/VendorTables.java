package dev.ferry.relations.inference;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.Column;
import dev.ferry.catalog.Table;
import dev.ferry.words.Inflector;
import dev.ferry.words.Words;
import dev.ferry.vendor.VendorModel;
import dev.ferry.vendor.VendorObject;
import dev.ferry.vendor.VendorReference;
import dev.ferry.vendor.Vendors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which tables hold a vendor's objects, whatever tool synced them: {@code stripe_charge},
 * {@code charges}, {@code Charge}, {@code "Product2"}, {@code product_2} and {@code salesforce_product}
 * all compare by their letters and digits, with the vendor's name and the table prefix taken off and
 * singular or plural alike. A table is the vendor's when its name matches one of the vendor's
 * objects and the vendor's name is in the schema or table name, or when it carries a field every
 * object of the vendor has ({@code SystemModstamp}, {@code livemode}); the latter also marks a
 * vendor's custom objects, which take the references common to all its objects.
 */
final class VendorTables {
  /** A table recognised as a vendor's, with the object it holds (null for an unknown object, such as a custom one). */
  record Recognised(VendorModel vendor, VendorObject object) {
    /** The vendor's reference that {@code column} stores, by its name with or without an id suffix. */
    Optional<VendorReference> reference(Column column) {
      String name = TableIndex.compact(column.name());
      List<VendorReference> all = new ArrayList<>(vendor.commonReferences());
      if (object != null) {
        all.addAll(0, object.references());
      }
      return all.stream().filter(r -> {
        String field = TableIndex.compact(r.field());
        return name.equals(field) || (!field.endsWith("id") && name.equals(field + "id"))
            || (r.many() && !field.endsWith("ids") && name.equals(Inflector.singular(field) + "ids"));
      }).findFirst();
    }
  }

  private final Map<Table, Recognised> recognised = new IdentityHashMap<>();
  private final Map<String, List<Table>> byObject = new HashMap<>();

  VendorTables(Catalog catalog, TableIndex index) {
    for (Table table : catalog.tables()) {
      for (VendorModel vendor : Vendors.all()) {
        Optional<VendorObject> object = object(vendor, table, index);
        boolean named = vendor.nameWords().stream().anyMatch(w -> table.name().schema().toLowerCase(Locale.ROOT).contains(w)
            || table.name().name().toLowerCase(Locale.ROOT).contains(w));
        boolean marked = vendor.markerFields().stream().anyMatch(f -> table.columns().stream()
            .anyMatch(c -> TableIndex.compact(c.name()).equals(TableIndex.compact(f))));
        object.ifPresent(o -> byObject.computeIfAbsent(vendor.system() + "/" + o.name(), k -> new ArrayList<>()).add(table));
        if ((object.isPresent() && named) || marked) {
          recognised.put(table, new Recognised(vendor, object.orElse(null)));
          break;
        }
      }
    }
  }

  Optional<Recognised> of(Table table) {
    return Optional.ofNullable(recognised.get(table));
  }

  /** The table holding {@code object} of {@code vendor} seen from {@code from}: its schema first, else the only one. */
  Optional<Table> table(VendorModel vendor, String object, Table from) {
    List<Table> tables = byObject.getOrDefault(vendor.system() + "/" + object, List.of());
    List<Table> same = tables.stream().filter(t -> t.name().schema().equals(from.name().schema())).toList();
    if (same.size() == 1) {
      return Optional.of(same.get(0));
    }
    return same.isEmpty() && tables.size() == 1 ? Optional.of(tables.get(0)) : Optional.empty();
  }

  private static Optional<VendorObject> object(VendorModel vendor, Table table, TableIndex index) {
    String name = TableIndex.compact(index.unprefixed(table.name().name()));
    for (String word : vendor.nameWords()) {
      if (name.startsWith(word) && name.length() > word.length()) {
        name = name.substring(word.length());
      }
    }
    String singular = TableIndex.compact(Inflector.singular(Words.snake(name)));
    for (VendorObject object : vendor.objects()) {
      List<String> names = new ArrayList<>(object.aliases());
      names.add(object.name());
      for (String candidate : names) {
        String c = TableIndex.compact(candidate);
        if (c.equals(name) || c.equals(singular) || TableIndex.compact(Inflector.singular(Words.snake(candidate))).equals(singular)) {
          return Optional.of(object);
        }
      }
    }
    return Optional.empty();
  }
}
