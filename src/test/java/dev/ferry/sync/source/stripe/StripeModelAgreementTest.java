package dev.ferry.sync.source.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sync.source.Field;
import dev.ferry.sync.source.FieldType;
import dev.ferry.vendor.VendorObject;
import dev.ferry.vendor.VendorReference;
import dev.ferry.vendor.stripe.StripeModel;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

/** The read side knows Stripe's references from {@link StripeModel}; the source must not say otherwise. */
class StripeModelAgreementTest {
  @Test
  void everyReferenceTheSourceSyncsIsInTheVendorModel() {
    StripeModel model = new StripeModel();
    for (StripeObjects.Spec spec : StripeObjects.all().values()) {
      VendorObject object = model.object(spec.type().name()).orElseThrow(() -> new AssertionError("no " + spec.type().name()));
      for (Field field : spec.type().fields()) {
        if (field.type() != FieldType.REFERENCE && field.type() != FieldType.ID_LIST && field.type() != FieldType.POLYMORPHIC) {
          continue;
        }
        // references to types the model does not list (account.individual → person, dispute evidence → file)
        // are the source's alone: the read side would have no object to point them at
        java.util.Set<String> targets = field.type() == FieldType.POLYMORPHIC
            ? new HashSet<>(field.polymorphicTargets().values()) : java.util.Set.of(field.target());
        if (targets.stream().noneMatch(t -> model.object(t).isPresent())) {
          continue;
        }
        VendorReference reference = object.reference(field.name()).orElseThrow(
            () -> new AssertionError(spec.type().name() + "." + field.name() + " is not in StripeModel"));
        assertThat(reference.many()).as(field.name()).isEqualTo(field.type() == FieldType.ID_LIST);
        if (field.type() == FieldType.POLYMORPHIC) {
          field.polymorphicTargets().forEach((prefix, target) -> model.object(target).ifPresent(known -> {
            assertThat(reference.targets()).as(field.name()).contains(target);
            assertThat(known.idPrefixes()).as(target).contains(prefix);
          }));
        } else {
          assertThat(reference.targets()).as(field.name()).containsExactly(field.target());
        }
      }
    }
  }
}
