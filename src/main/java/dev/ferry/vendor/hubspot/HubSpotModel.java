package dev.ferry.vendor.hubspot;

import dev.ferry.vendor.VendorModel;
import dev.ferry.vendor.VendorObject;
import dev.ferry.vendor.VendorReference;
import java.util.List;

/**
 * HubSpot CRM and CMS objects and the properties that hold ids of other objects: every CRM object's
 * {@code hubspot_owner_id} (an owner), a contact's {@code associatedcompanyid} (its primary
 * company), deal and ticket pipelines and stages, and a blog post's author, source translation and
 * the users behind it ({@code createdById}, which owners carry as {@code userId}).
 */
public final class HubSpotModel implements VendorModel {
  private static final List<VendorObject> OBJECTS = List.of(
      VendorObject.of("contact", "associatedcompanyid>company"),
      VendorObject.of("company", "hs_parent_company_id>company"),
      VendorObject.of("deal", "pipeline>pipeline dealstage>pipeline_stage"),
      VendorObject.of("ticket", "hs_pipeline>pipeline hs_pipeline_stage>pipeline_stage"),
      VendorObject.of("line_item", "hs_product_id>product"),
      VendorObject.of("product", ""),
      VendorObject.of("owner", ""),
      VendorObject.of("pipeline", ""),
      VendorObject.of("pipeline_stage", "pipeline_id>pipeline"),
      VendorObject.of("blog_author", ""),
      VendorObject.of("blog_post", "translatedFromId>blog_post blogAuthorId>blog_author createdById>owner.userId"
          + " updatedById>owner.userId"));

  @Override
  public String system() {
    return "hubspot";
  }

  @Override
  public List<String> nameWords() {
    return List.of("hubspot");
  }

  @Override
  public List<String> markerFields() {
    return List.of("hs_object_id");
  }

  @Override
  public String keyField() {
    return "id";
  }

  @Override
  public List<VendorObject> objects() {
    return OBJECTS;
  }

  @Override
  public List<VendorReference> commonReferences() {
    return VendorReference.parseAll("hubspot_owner_id>owner");
  }
}
