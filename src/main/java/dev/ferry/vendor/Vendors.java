package dev.ferry.vendor;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Every {@link VendorModel} on the class path, by system name. */
public final class Vendors {
  private static final List<VendorModel> ALL = ServiceLoader.load(VendorModel.class, Vendors.class.getClassLoader()).stream()
      .map(ServiceLoader.Provider::get).sorted(Comparator.comparing(VendorModel::system)).toList();

  private Vendors() {}

  public static List<VendorModel> all() {
    return ALL;
  }

  public static Optional<VendorModel> named(String system) {
    return ALL.stream().filter(v -> v.system().equals(system)).findFirst();
  }
}
