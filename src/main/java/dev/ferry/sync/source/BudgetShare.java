package dev.ferry.sync.source;

import java.util.Optional;

/**
 * The {@code budget_share} setting of the sources whose API counts requests by the day (Salesforce,
 * HubSpot): the share of the daily allocation a sync may use, so other integrations keep the rest.
 */
public final class BudgetShare {
  public static final String SETTING = "budget_share";
  public static final String EXPECTED = "a share above 0 and at most 1, such as 0.5";

  private BudgetShare() {}

  /** The share {@code text} gives, when it is one. */
  public static Optional<Double> parse(String text) {
    try {
      double share = Double.parseDouble(text.strip());
      return share > 0 && share <= 1 ? Optional.of(share) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
