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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
    List<Names> vendors = Vendors.all().stream().map(Names::new).toList();
    for (Table table : catalog.tables()) {
      Set<String> columns = null;
      for (Names names : vendors) {
        VendorModel vendor = names.vendor;
        Optional<VendorObject> object = names.object(table, index);
        boolean named = vendor.nameWords().stream().anyMatch(w -> table.name().schema().toLowerCase(Locale.ROOT).contains(w)
            || table.name().name().toLowerCase(Locale.ROOT).contains(w));
        if (columns == null) {
          columns = table.columns().stream().map(c -> TableIndex.compact(c.name())).collect(Collectors.toSet());
        }
        boolean marked = names.markers.stream().anyMatch(columns::contains);
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

  /**
   * A vendor's object and marker names, compacted once per inference rather than once per table:
   * each key maps to the first object (in the vendor's order) that one of its names gives it.
   */
  private static final class Names {
    private final VendorModel vendor;
    private final List<String> markers;
    /** An object's names, compacted. */
    private final Map<String, Integer> compacted = new HashMap<>();
    /** An object's names made singular, then compacted. */
    private final Map<String, Integer> singulars = new HashMap<>();

    Names(VendorModel vendor) {
      this.vendor = vendor;
      this.markers = vendor.markerFields().stream().map(TableIndex::compact).toList();
      List<VendorObject> objects = vendor.objects();
      for (int i = 0; i < objects.size(); i++) {
        List<String> names = new ArrayList<>(objects.get(i).aliases());
        names.add(objects.get(i).name());
        for (String candidate : names) {
          compacted.putIfAbsent(TableIndex.compact(candidate), i);
          singulars.putIfAbsent(TableIndex.compact(Inflector.singular(Words.snake(candidate))), i);
        }
      }
    }

    /** The first of the vendor's objects one of whose names is the table's, singular or plural. */
    Optional<VendorObject> object(Table table, TableIndex index) {
      String name = TableIndex.compact(index.unprefixed(table.name().name()));
      for (String word : vendor.nameWords()) {
        if (name.startsWith(word) && name.length() > word.length()) {
          name = name.substring(word.length());
        }
      }
      String singular = TableIndex.compact(Inflector.singular(Words.snake(name)));
      return Stream.of(compacted.get(name), compacted.get(singular), singulars.get(singular))
          .filter(Objects::nonNull)
          .min(Integer::compare)
          .map(vendor.objects()::get);
    }
  }
}
