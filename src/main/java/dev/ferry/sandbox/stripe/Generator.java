package dev.ferry.sandbox.stripe;

import static dev.ferry.sandbox.stripe.ObjectType.*;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the skeleton of a generated account: for every object its creation time and the indices of
 * the objects it references. Everything else about an object is a pure function of (seed, type,
 * index), computed by {@link Renderer} when the object is served. Each object is created no earlier
 * than anything it references, so a consistent account unfolds in time.
 */
final class Generator {
  static final long DAY = 86_400;
  /** Generated history: two years ending 31 days before the sandbox clock (so outside the event window). */
  static final long HISTORY = 730 * DAY;

  final long seed;
  final long start;
  final long catalogEnd;
  final long end;
  final Map<ObjectType, Builder> builders = new EnumMap<>(ObjectType.class);

  private Generator(long seed, long now) {
    this.seed = seed;
    this.end = now - 31 * DAY;
    this.start = now - HISTORY;
    this.catalogEnd = start + 36 * DAY;
  }

  static Map<ObjectType, Table> build(long seed, int size, long now) {
    Generator g = new Generator(seed, now);
    g.generate(Math.max(size, 1));
    Map<ObjectType, Table> tables = new EnumMap<>(ObjectType.class);
    for (ObjectType type : ObjectType.values()) {
      Builder b = g.builders.get(type);
      tables.put(type, b == null ? new Table(type) : b.finish());
    }
    return tables;
  }

  // Decisions shared with the renderer: both must agree on them.
  static String invoiceStatus(long seed, int invoice) {
    double u = Hash.unit(seed, INVOICE.ordinal(), invoice, 30);
    return u < 0.85 ? "paid" : u < 0.95 ? "open" : "void";
  }

  static boolean standalonePaymentSucceeded(long seed, int pi) {
    return Hash.unit(seed, PAYMENT_INTENT.ordinal(), pi, 31) < 0.9;
  }

  /** Price kind by index: even = monthly, index % 4 == 1 = yearly, index % 4 == 3 = one-time. */
  static String priceInterval(int price) {
    return price % 2 == 0 ? "month" : price % 4 == 1 ? "year" : null;
  }

  private void generate(int size) {
    int customers = Math.max(5, (int) (size * 10L / 173));
    int accounts = Math.max(2, size / 500);
    int taxRates = Math.max(2, size / 1000);
    int coupons = Math.max(3, size / 500);
    int products = Math.max(3, size / 160);
    int promos = Math.max(2, size / 500);

    Builder acct = builder(ACCOUNT);
    for (int i = 0; i < accounts; i++) {
      acct.add(catalogTime(ACCOUNT, i));
    }
    Builder tax = builder(TAX_RATE);
    for (int i = 0; i < taxRates; i++) {
      tax.add(catalogTime(TAX_RATE, i));
    }
    Builder coupon = builder(COUPON);
    for (int i = 0; i < coupons; i++) {
      coupon.add(catalogTime(COUPON, i));
    }
    Builder product = builder(PRODUCT);
    Builder price = builder(PRICE);
    for (int i = 0; i < products; i++) {
      long t = catalogTime(PRODUCT, i);
      product.add(t);
      for (int k = 0; k < 2; k++) {
        int p = price.add(t + k);
        price.set("product", p, i);
      }
    }
    Builder promo = builder(PROMOTION_CODE);
    for (int i = 0; i < promos; i++) {
      int c = pick(PROMOTION_CODE, i, 1, coupons);
      int p = promo.add(Math.max(catalogTime(PROMOTION_CODE, i), coupon.created(c)));
      promo.set("coupon", p, c);
    }

    Builder cust = builder(CUSTOMER);
    Builder pm = builder(PAYMENT_METHOD);
    for (int i = 0; i < customers; i++) {
      long t = catalogEnd + (long) (u(CUSTOMER, i, 1) * (end - catalogEnd));
      int c = cust.add(t);
      if (u(CUSTOMER, i, 2) < 0.08) {
        int p = pick(CUSTOMER, i, 3, promos);
        boolean viaPromo = u(CUSTOMER, i, 4) < 0.5;
        cust.set("promotion_code", c, viaPromo ? p : -1);
        cust.set("coupon", c, viaPromo ? promo.ref("coupon", p) : pick(CUSTOMER, i, 5, coupons));
      }
      int m = pm.add(after(t, 3600, u(PAYMENT_METHOD, i, 1)));
      pm.set("customer", m, c);
    }

    Builder seti = builder(SETUP_INTENT);
    for (int i = 0; i < customers / 4; i++) {
      int c = pick(SETUP_INTENT, i, 1, customers);
      int s = seti.add(after(pm.created(c), 30 * DAY, u(SETUP_INTENT, i, 2)));
      seti.set("customer", s, c);
    }

    Builder sub = builder(SUBSCRIPTION);
    Builder item = builder(SUBSCRIPTION_ITEM);
    Builder inv = builder(INVOICE);
    Builder line = builder(INVOICE_LINE_ITEM);
    int subscriptions = customers * 4 / 5;
    int[] itemStart = new int[subscriptions + 1];
    for (int i = 0; i < subscriptions; i++) {
      int c = pick(SUBSCRIPTION, i, 1, customers);
      long t = after(cust.created(c), 20 * DAY, u(SUBSCRIPTION, i, 2));
      int s = sub.add(t);
      sub.set("customer", s, c);
      sub.set("account", s, u(SUBSCRIPTION, i, 3) < 0.15 ? pick(SUBSCRIPTION, i, 4, accounts) : -1);
      sub.set("coupon", s, u(SUBSCRIPTION, i, 5) < 0.1 ? pick(SUBSCRIPTION, i, 6, coupons) : -1);
      long stop = end;
      if (u(SUBSCRIPTION, i, 7) < 0.12 && end - t > 10 * DAY) {
        long canceled = after(t + DAY, 400 * DAY, u(SUBSCRIPTION, i, 8));
        sub.set("canceled_after_days", s, (int) ((canceled - t) / DAY));
        stop = canceled;
      }
      int items = 1 + (u(SUBSCRIPTION, i, 9) < 0.3 ? 1 : 0) + (i % 41 == 7 ? 11 : 0);
      itemStart[s] = item.size;
      int firstPrice = -1;
      int firstProduct = pick(SUBSCRIPTION, i, 10, products);
      for (int k = 0; k < items; k++) {
        // Distinct products per subscription where possible: Stripe refuses one price twice.
        int pr = 2 * ((firstProduct + k) % products);
        if (pr + 1 < price.size && priceInterval(pr + 1) != null && u(SUBSCRIPTION_ITEM, item.size, 2) < 0.2) {
          pr++;
        }
        firstPrice = firstPrice < 0 ? pr : firstPrice;
        int it = item.add(t);
        item.set("subscription", it, s);
        item.set("price", it, pr);
      }
      itemStart[s + 1] = item.size;
      long period = "year".equals(priceInterval(firstPrice)) ? 365 * DAY : 30 * DAY;
      int latest = -1;
      for (int k = 0; k < 3 && t + k * period <= stop; k++) {
        int in = inv.add(t + k * period);
        inv.set("customer", in, c);
        inv.set("subscription", in, s);
        inv.set("sequence", in, k);
        inv.set("line_start", in, line.size);
        for (int it = itemStart[s]; it < itemStart[s + 1]; it++) {
          int l = line.add(t + k * period);
          line.set("invoice", l, in);
          line.set("subscription_item", l, it);
          line.set("price", l, item.ref("price", it));
        }
        latest = in;
      }
      sub.set("latest_invoice", s, latest);
    }
    for (int i = 0; i < customers / 10; i++) {
      int c = pick(INVOICE, i, 40, customers);
      int in = inv.add(after(cust.created(c), 60 * DAY, u(INVOICE, i, 41)));
      inv.set("customer", in, c);
      inv.set("subscription", in, -1);
      inv.set("line_start", in, line.size);
      int lines = i % 29 == 3 ? 12 : 1 + (u(INVOICE, i, 42) < 0.3 ? 1 : 0);
      for (int k = 0; k < lines; k++) {
        int l = line.add(inv.created(in));
        line.set("invoice", l, in);
        line.set("subscription_item", l, -1);
        line.set("price", l, pick(INVOICE_LINE_ITEM, l, 1, price.size));
      }
    }

    Builder pi = builder(PAYMENT_INTENT);
    for (int in = 0; in < inv.size; in++) {
      String status = invoiceStatus(seed, in);
      if (status.equals("void")) {
        inv.set("payment_intent", in, -1);
        continue;
      }
      int p = pi.add(inv.created(in) + Hash.below(seed, 99, in, 1, 60));
      pi.set("customer", p, inv.ref("customer", in));
      pi.set("invoice", p, in);
      int s = inv.ref("subscription", in);
      pi.set("account", p, s < 0 ? -1 : sub.ref("account", s));
      pi.set("succeeded", p, status.equals("paid") ? 1 : 0);
      inv.set("payment_intent", in, p);
    }
    for (int i = 0; i < customers / 5; i++) {
      int c = pick(PAYMENT_INTENT, i, 50, customers);
      int p = pi.add(after(cust.created(c), 90 * DAY, u(PAYMENT_INTENT, i, 51)));
      pi.set("customer", p, c);
      pi.set("invoice", p, -1);
      pi.set("account", p, -1);
      pi.set("succeeded", p, standalonePaymentSucceeded(seed, p) ? 1 : 0);
    }

    Builder charge = builder(CHARGE);
    Builder refund = builder(REFUND);
    Builder dispute = builder(DISPUTE);
    Builder txn = builder(BALANCE_TRANSACTION);
    for (int p = 0; p < pi.size; p++) {
      if (pi.ref("succeeded", p) != 1) {
        pi.set("charge", p, -1);
        continue;
      }
      int ch = charge.add(pi.created(p));
      charge.set("payment_intent", ch, p);
      pi.set("charge", p, ch);
      int tx = txn.add(charge.created(ch));
      txn.set("source_type", tx, 0);
      txn.set("source", tx, ch);
      charge.set("balance_transaction", ch, tx);
      charge.set("refund", ch, -1);
      if (u(CHARGE, ch, 1) < 0.04) {
        int r = refund.add(after(charge.created(ch), 30 * DAY, u(REFUND, ch, 2)));
        refund.set("charge", r, ch);
        int rtx = txn.add(refund.created(r));
        txn.set("source_type", rtx, 1);
        txn.set("source", rtx, r);
        refund.set("balance_transaction", r, rtx);
        charge.set("refund", ch, r);
      }
      if (u(CHARGE, ch, 3) < 0.01) {
        int d = dispute.add(after(charge.created(ch), 20 * DAY, u(DISPUTE, ch, 4)));
        dispute.set("charge", d, ch);
        charge.set("dispute", ch, d);
      } else {
        charge.set("dispute", ch, -1);
      }
    }
    Builder payout = builder(PAYOUT);
    for (int i = 0; i < Math.max(1, charge.size / 40); i++) {
      int po = payout.add(catalogEnd + (long) (u(PAYOUT, i, 1) * (end - catalogEnd)));
      int tx = txn.add(payout.created(po));
      txn.set("source_type", tx, 2);
      txn.set("source", tx, po);
      payout.set("balance_transaction", po, tx);
    }

    Builder cs = builder(CHECKOUT_SESSION);
    for (int i = 0; i < customers / 8; i++) {
      if (u(CHECKOUT_SESSION, i, 1) < 0.5) {
        int s = pick(CHECKOUT_SESSION, i, 2, subscriptions);
        int x = cs.add(sub.created(s));
        cs.set("customer", x, sub.ref("customer", s));
        cs.set("subscription", x, s);
        cs.set("payment_intent", x, -1);
      } else {
        int p = pick(CHECKOUT_SESSION, i, 3, pi.size);
        int x = cs.add(pi.created(p));
        cs.set("customer", x, pi.ref("customer", p));
        cs.set("subscription", x, -1);
        cs.set("payment_intent", x, p);
      }
    }

    Builder ii = builder(INVOICEITEM);
    for (int i = 0; i < customers / 10; i++) {
      int in = pick(INVOICEITEM, i, 1, inv.size);
      boolean pending = u(INVOICEITEM, i, 2) < 0.4 || invoiceStatus(seed, in).equals("void");
      int c = pending ? pick(INVOICEITEM, i, 3, customers) : inv.ref("customer", in);
      int x = ii.add(pending ? after(cust.created(c), 60 * DAY, u(INVOICEITEM, i, 4)) : inv.created(in));
      ii.set("customer", x, c);
      ii.set("invoice", x, pending ? -1 : in);
      int oneTime = 4 * pick(INVOICEITEM, i, 5, products / 2) + 3;
      ii.set("price", x, oneTime < price.size ? oneTime : 0);
    }

    // nested list children: items per subscription, lines per invoice
    int[] lineStart = new int[inv.size + 1];
    for (int in = 0; in < inv.size; in++) {
      lineStart[in] = inv.ref("line_start", in);
    }
    lineStart[inv.size] = line.size;
    sub.childStart = itemStart;
    inv.childStart = lineStart;
  }

  private long catalogTime(ObjectType type, int i) {
    return start + (long) (u(type, i, 0) * (catalogEnd - start));
  }

  /** A time after {@code base} by up to {@code maxDelay}, never past the end of history. */
  private long after(long base, long maxDelay, double u) {
    long room = Math.max(0, Math.min(maxDelay, end - base));
    return base + (long) (u * room);
  }

  private double u(ObjectType type, int i, int salt) {
    return Hash.unit(seed, type.ordinal(), i, salt);
  }

  private int pick(ObjectType type, int i, int salt, int bound) {
    return Hash.below(seed, type.ordinal(), i, salt, Math.max(1, bound));
  }

  private Builder builder(ObjectType type) {
    Builder b = new Builder(type);
    builders.put(type, b);
    return b;
  }

  /** Growable columns of one type during generation. */
  static final class Builder {
    final ObjectType type;
    int size;
    long[] created = new long[64];
    final Map<String, int[]> refs = new HashMap<>();
    int[] childStart;

    Builder(ObjectType type) {
      this.type = type;
    }

    int add(long t) {
      if (size == created.length) {
        created = Arrays.copyOf(created, size * 2);
      }
      created[size] = t;
      return size++;
    }

    long created(int i) {
      return created[i];
    }

    void set(String name, int i, int value) {
      int[] values = refs.computeIfAbsent(name, k -> filled(created.length));
      if (values.length <= i) {
        int old = values.length;
        values = Arrays.copyOf(values, Math.max(created.length, i + 1));
        Arrays.fill(values, old, values.length, -1);
        refs.put(name, values);
      }
      values[i] = value;
    }

    int ref(String name, int i) {
      int[] values = refs.get(name);
      return values == null || i >= values.length ? -1 : values[i];
    }

    private static int[] filled(int n) {
      int[] a = new int[n];
      Arrays.fill(a, -1);
      return a;
    }

    Table finish() {
      Table t = new Table(type);
      t.created = Arrays.copyOf(created, Math.max(size, 16));
      for (Map.Entry<String, int[]> e : refs.entrySet()) {
        if (!e.getKey().equals("line_start")) {
          t.refs.put(e.getKey(), Arrays.copyOf(e.getValue(), size));
        }
      }
      t.childStart = childStart;
      t.sortGenerated(size);
      return t;
    }
  }
}
