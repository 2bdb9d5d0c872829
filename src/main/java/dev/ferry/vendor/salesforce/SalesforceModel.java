package dev.ferry.vendor.salesforce;

import dev.ferry.vendor.VendorModel;
import dev.ferry.vendor.VendorObject;
import dev.ferry.vendor.VendorReference;
import java.util.List;

/**
 * Salesforce standard objects and their lookup fields, each with its {@code referenceTo} as the
 * Object Reference for the Salesforce Platform lists it (a field pointing at several objects, such
 * as Task {@code WhoId} → Contact or Lead, is polymorphic), and each object's three-character key
 * prefix (Account {@code 001}). Every object also carries {@code CreatedById} and
 * {@code LastModifiedById} → User; {@code OwnerId} points at User or, for objects queues can own,
 * Group. Tools write these objects as {@code Account}, {@code account} or
 * {@code salesforce_account}, and {@code Product2} as {@code product_2} or {@code product}.
 */
public final class SalesforceModel implements VendorModel {
  private static final String OWNED_BY_USER_OR_QUEUE = " OwnerId>User|Group";

  private static final List<VendorObject> OBJECTS = List.of(
      VendorObject.of("Account", "OwnerId>User ParentId>Account MasterRecordId>Account").idPrefixes("001"),
      VendorObject.of("AccountContactRole", "AccountId>Account ContactId>Contact").idPrefixes("02Z"),
      VendorObject.of("Asset", "AccountId>Account ContactId>Contact AssetProvidedById>Account AssetServicedById>Account OwnerId>User"
          + " ParentId>Asset Product2Id>Product2 RootAssetId>Asset").idPrefixes("02i"),
      VendorObject.of("Campaign", "OwnerId>User ParentId>Campaign").idPrefixes("701"),
      VendorObject.of("CampaignMember", "CampaignId>Campaign ContactId>Contact LeadId>Lead").idPrefixes("00v"),
      VendorObject.of("Case", "AccountId>Account AssetId>Asset ContactId>Contact MasterRecordId>Case ParentId>Case"
          + " Product2Id>Product2" + OWNED_BY_USER_OR_QUEUE).idPrefixes("500"),
      VendorObject.of("Contact", "AccountId>Account OwnerId>User MasterRecordId>Contact ReportsToId>Contact").idPrefixes("003"),
      VendorObject.of("Contract", "AccountId>Account OwnerId>User ActivatedById>User CompanySignedId>User CustomerSignedId>Contact"
          + " Pricebook2Id>Pricebook2").idPrefixes("800"),
      VendorObject.of("Event", "AccountId>Account OwnerId>User|Calendar WhoId>Contact|Lead"
          + " WhatId>Account|Asset|Campaign|Case|Contract|Opportunity|Order|Product2").idPrefixes("00U"),
      VendorObject.of("Group", "OwnerId>User").idPrefixes("00G"),
      VendorObject.of("Lead", "ConvertedAccountId>Account ConvertedContactId>Contact ConvertedOpportunityId>Opportunity"
          + " MasterRecordId>Lead" + OWNED_BY_USER_OR_QUEUE).idPrefixes("00Q"),
      VendorObject.of("ObjectPermissions", "ParentId>PermissionSet").idPrefixes("110"),
      VendorObject.of("Opportunity", "AccountId>Account CampaignId>Campaign ContractId>Contract OwnerId>User Pricebook2Id>Pricebook2")
          .idPrefixes("006"),
      VendorObject.of("OpportunityContactRole", "ContactId>Contact OpportunityId>Opportunity").idPrefixes("00K"),
      VendorObject.of("OpportunityLineItem", "OpportunityId>Opportunity PricebookEntryId>PricebookEntry Product2Id>Product2")
          .idPrefixes("00k"),
      VendorObject.of("Order", "AccountId>Account ActivatedById>User BillToContactId>Contact CompanyAuthorizedById>User"
          + " ContractId>Contract CustomerAuthorizedById>Contact OpportunityId>Opportunity OriginalOrderId>Order"
          + " Pricebook2Id>Pricebook2 ShipToContactId>Contact" + OWNED_BY_USER_OR_QUEUE).idPrefixes("801"),
      VendorObject.of("OrderItem", "OrderId>Order OriginalOrderItemId>OrderItem PricebookEntryId>PricebookEntry Product2Id>Product2")
          .idPrefixes("802"),
      VendorObject.of("PermissionSet", "").idPrefixes("0PS"),
      VendorObject.of("PermissionSetAssignment", "AssigneeId>User PermissionSetId>PermissionSet").idPrefixes("0Pa"),
      VendorObject.of("Pricebook2", "").aliases("Pricebook").idPrefixes("01s"),
      VendorObject.of("PricebookEntry", "Pricebook2Id>Pricebook2 Product2Id>Product2").idPrefixes("01u"),
      VendorObject.of("Product2", "").aliases("Product").idPrefixes("01t"),
      VendorObject.of("Task", "AccountId>Account OwnerId>User|Group WhoId>Contact|Lead"
          + " WhatId>Account|Asset|Campaign|Case|Contract|Opportunity|Order|Product2").idPrefixes("00T"),
      VendorObject.of("User", "AccountId>Account ContactId>Contact DelegatedApproverId>User|Group ManagerId>User").idPrefixes("005"));

  @Override
  public String system() {
    return "salesforce";
  }

  @Override
  public List<String> nameWords() {
    return List.of("salesforce", "sfdc");
  }

  @Override
  public List<String> markerFields() {
    return List.of("SystemModstamp");
  }

  @Override
  public String keyField() {
    return "Id";
  }

  @Override
  public List<VendorObject> objects() {
    return OBJECTS;
  }

  @Override
  public List<VendorReference> commonReferences() {
    return VendorReference.parseAll("CreatedById>User LastModifiedById>User");
  }
}
