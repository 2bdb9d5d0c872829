package dev.ferry.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class VendorModelTest {
  @Test
  void everyVendorIsFoundThroughTheServiceFile() {
    assertThat(Vendors.all()).extracting(VendorModel::system).containsExactly("hubspot", "salesforce", "stripe");
    assertThat(Vendors.named("salesforce")).isPresent();
    assertThat(Vendors.named("zendesk")).isEmpty();
  }

  @Test
  void everyReferenceTargetIsAnObjectOfTheSameVendor() {
    for (VendorModel vendor : Vendors.all()) {
      List<String> names = vendor.objects().stream().map(VendorObject::name).toList();
      assertThat(names).as(vendor.system()).doesNotHaveDuplicates();
      Stream.concat(vendor.objects().stream().flatMap(o -> o.references().stream()), vendor.commonReferences().stream())
          .flatMap(r -> r.targets().stream())
          .filter(t -> !t.equals("Calendar")) // Event.OwnerId may be a public calendar, which no sync tool writes as a table
          .forEach(target -> assertThat(names).as(vendor.system() + " target").contains(target));
    }
  }

  @Test
  void referencesReadAsWritten() {
    assertThat(VendorReference.parse("customer>customer")).isEqualTo(new VendorReference("customer", List.of("customer"), null, false));
    assertThat(VendorReference.parse("WhoId>Contact|Lead").polymorphic()).isTrue();
    assertThat(VendorReference.parse("tax_rates>>tax_rate").many()).isTrue();
    assertThat(VendorReference.parse("createdById>owner.userId"))
        .isEqualTo(new VendorReference("createdById", List.of("owner"), "userId", false));
    assertThatThrownBy(() -> VendorReference.parse("customer")).hasMessageContaining("field>target");
  }

  @Test
  void thePackageImportsNothingElseFromFerry() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/ferry/vendor"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Files.readAllLines(file).stream().filter(line -> line.startsWith("import dev.ferry."))
            .forEach(line -> assertThat(line).as(file.toString()).startsWith("import dev.ferry.vendor."));
      }
    }
  }
}
