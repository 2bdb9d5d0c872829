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
        VendorReference reference = object.reference(field.name()).orElseThrow(
            () -> new AssertionError(spec.type().name() + "." + field.name() + " is not in StripeModel"));
        assertThat(reference.many()).as(field.name()).isEqualTo(field.type() == FieldType.ID_LIST);
        if (field.type() == FieldType.POLYMORPHIC) {
          assertThat(reference.targets()).as(field.name()).containsAll(new HashSet<>(field.polymorphicTargets().values()));
          field.polymorphicTargets().forEach((prefix, target) ->
              assertThat(model.object(target).orElseThrow().idPrefixes()).as(target).contains(prefix));
        } else {
          assertThat(reference.targets()).as(field.name()).containsExactly(field.target());
        }
      }
    }
  }
}
