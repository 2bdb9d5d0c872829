package dev.ferry.sandbox.hubspot;

import dev.ferry.sandbox.Overlay;
import dev.ferry.sandbox.hubspot.HubSpotAccount.CrmRecord;
import dev.ferry.sandbox.hubspot.HubSpotAccount.Pipeline;
import dev.ferry.vendor.hubspot.HubSpotModel;
import dev.ferry.vendor.hubspot.HubSpotModel.AssociationPair;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The generated records and links of an account, each a function of the seed and its index, made when
 * read: a million contacts cost nothing until asked for. Ids are consecutive per type (types one after
 * the other from 1000); record {@code i} of a type was last modified at a time rising with {@code i},
 * so a search on the modification time finds its records by arithmetic. Per {@code n} contacts: n/5
 * companies, n/4 deals (a third with one line item, a third with two, one in five with a quote), n/10
 * tickets, n/10 pets and 40 products.
 */
final class GeneratedAccount {
  private static final long DAY = 86_400_000L;
  /** Generated history: the year before the account's epoch; a record is modified within 20 days of its creation. */
  private static final long START = HubSpotAccount.EPOCH.toEpochMilli() - 365 * DAY;
  private static final long SETTLE = 20 * DAY;

  private static final String[] FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Margaret", "Linus", "Radia", "Donald"};
  private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Thompson", "Hamilton", "Torvalds", "Perlman", "Knuth"};
  static final String[] COLORS = {"red", "green", "blue", "amber"};
  static final String[] INTERESTS = {"sailing", "chess", "jazz", "cycling", "pottery"};

  private final long seed;
  private final int contacts;
  private final Map<String, Integer> counts = new LinkedHashMap<>();
  private final Map<String, Long> firstIds = new LinkedHashMap<>();
  /** Each type's own stream of random numbers, by its place in the account. */
  private final Map<String, Integer> streams = new LinkedHashMap<>();
  private final long nextId;

  GeneratedAccount(long seed, int contacts, List<String> types) {
    this.seed = seed;
    this.contacts = contacts;
    int deals = Math.max(1, contacts / 4);
    counts.put("companies", Math.max(1, contacts / 5));
    counts.put("contacts", contacts);
    counts.put("deals", deals);
    counts.put("line_items", linesBefore(deals));
    counts.put("products", 40);
    counts.put("quotes", (deals + 4) / 5);
    counts.put("tickets", Math.max(1, contacts / 10));
    counts.put(HubSpotAccount.CUSTOM_OBJECT, Math.max(1, contacts / 10));
    long id = 1000;
    for (String type : types) {
      streams.put(type, streams.size());
      firstIds.put(type, id);
      id += counts.get(type);
    }
    this.nextId = id;
  }

  /** The first id no generated record has: records created later number from here. */
  long nextId() {
    return nextId;
  }

  int count(String type) {
    return counts.get(type);
  }

  long id(String type, int index) {
    return firstIds.get(type) + index;
  }

  /** The generated index of {@code id} in {@code type}, or -1. */
  int index(String type, long id) {
    long index = id - firstIds.get(type);
    return index >= 0 && index < counts.get(type) ? (int) index : -1;
  }

  /** When record {@code index} of {@code type} was last modified (epoch ms), rising with the index. */
  long modifiedAt(String type, int index) {
    return START + SETTLE + index * (365 * DAY - SETTLE) / counts.get(type);
  }

  /** The first index whose modification time is after {@code millis} (or at it, when {@code inclusive}). */
  int firstModifiedAfter(String type, long millis, boolean inclusive) {
    int low = 0;
    int high = counts.get(type);
    while (low < high) {
      int middle = (low + high) >>> 1;
      long at = modifiedAt(type, middle);
      if (at < millis || (at == millis && !inclusive)) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** Line items of the deals before deal {@code deal}: deal {@code i} has {@code i % 3} of them. */
  private static int linesBefore(int deal) {
    return 3 * (deal / 3) + (deal % 3 == 2 ? 1 : 0);
  }

  /** The deal line item {@code line} belongs to, and its position among the deal's lines. */
  private static int[] lineOf(int line) {
    int block = line / 3;
    return switch (line % 3) {
      case 0 -> new int[] {3 * block + 1, 0};
      case 1 -> new int[] {3 * block + 2, 0};
      default -> new int[] {3 * block + 2, 1};
    };
  }

  // ---- records

  CrmRecord record(String type, int index, String modifiedProperty) {
    Random random = new Random(Overlay.seed(seed, streams.get(type), index));
    long modified = modifiedAt(type, index);
    Instant created = Instant.ofEpochMilli(modified - (long) (random.nextDouble() * SETTLE));
    CrmRecord record = new CrmRecord(String.valueOf(id(type, index)), created);
    Map<String, String> p = record.properties;
    p.put(type.equals(HubSpotAccount.CUSTOM_OBJECT) ? "hs_createdate" : "createdate", created.toString());
    p.put("hs_object_id", record.id);
    record.updatedAt = Instant.ofEpochMilli(modified);
    p.put(modifiedProperty, record.updatedAt.toString());
    int i = index;
    switch (type) {
      case "companies" -> {
        p.put("name", LAST[i % 10] + " " + (i + 1) + " Ltd");
        p.put("domain", LAST[i % 10].toLowerCase() + (i + 1) + ".example");
        p.put("industry", pick(random, HubSpotModel.crmObject("companies").orElseThrow().properties().get(2).options()));
        p.put("numberofemployees", String.valueOf(1 + random.nextInt(5000)));
        p.put("annualrevenue", (random.nextInt(900000) + 1000) + ".50");
        p.put("city", i % 3 == 0 ? "Lisbon" : "Ghent");
        owner(random, p);
      }
      case "contacts" -> {
        String first = FIRST[i % 10];
        String last = LAST[(i / 10) % 10];
        p.put("firstname", first);
        p.put("lastname", last);
        p.put("email", first.toLowerCase() + "." + last.toLowerCase() + i + "@ferry.example");
        p.put("phone", "+32 9 " + (100000 + i));
        p.put("lifecyclestage", pick(random, HubSpotModel.crmObject("contacts").orElseThrow().properties().get(4).options()));
        owner(random, p);
        if (i % 2 == 0) {
          p.put("ferry_nickname", first.substring(0, 2) + i);
          p.put("ferry_notes", "line one\nline \"two\"\t; tabs, commas");
          p.put("ferry_loyalty_points", random.nextInt(10000) + (i % 4 == 0 ? ".25" : ""));
          p.put("ferry_signup_day", LocalDate.ofInstant(created, ZoneOffset.UTC).toString());
          p.put("ferry_last_seen_at", created.plusSeconds(3600).toString());
          p.put("ferry_is_vip", String.valueOf(i % 3 == 0));
          p.put("ferry_favorite_color", COLORS[i % COLORS.length]);
          p.put("ferry_interests", INTERESTS[i % 5] + ";" + INTERESTS[(i + 2) % 5]);
          p.put("ferry_mobile", "+351 91 " + (200000 + i));
        }
      }
      case "products" -> {
        p.put("name", "Product " + (i + 1));
        p.put("description", "The " + (i + 1) + "th product");
        p.put("price", (10 + i) + ".99");
        p.put("hs_sku", "SKU-" + (1000 + i));
      }
      case "deals" -> {
        Pipeline pipeline = HubSpotAccount.PIPELINES.get(i % 5 == 4 ? 1 : 0);
        p.put("dealname", "Deal " + (i + 1));
        p.put("amount", String.valueOf(500 + random.nextInt(50000)));
        p.put("closedate", created.plusSeconds(86400L * 30).toString());
        p.put("pipeline", pipeline.id());
        p.put("dealstage", pipeline.stages().get(random.nextInt(pipeline.stages().size())).id());
        owner(random, p);
      }
      case "line_items" -> {
        int[] line = lineOf(i);
        p.put("name", "Line " + (line[1] + 1) + " of deal " + (line[0] + 1));
        p.put("quantity", String.valueOf(1 + line[1]));
        p.put("price", (10 + line[1]) + ".99");
        p.put("hs_product_id", String.valueOf(id("products", (line[0] + line[1]) % count("products"))));
      }
      case "quotes" -> {
        p.put("hs_title", "Quote for deal " + (5 * i + 1));
        p.put("hs_expiration_date", LocalDate.ofInstant(created, ZoneOffset.UTC).plusDays(30).toString());
        p.put("hs_status", "DRAFT");
      }
      case "tickets" -> {
        Pipeline pipeline = HubSpotAccount.PIPELINES.get(2);
        p.put("subject", "Ticket " + (i + 1));
        p.put("content", "Something broke, " + (i + 1) + " times");
        p.put("hs_pipeline", pipeline.id());
        p.put("hs_pipeline_stage", pipeline.stages().get(i % pipeline.stages().size()).id());
        p.put("hs_ticket_priority", i % 2 == 0 ? "HIGH" : "LOW");
        owner(random, p);
      }
      case HubSpotAccount.CUSTOM_OBJECT -> {
        p.put("pet_name", FIRST[(i + 5) % 10] + "ie");
        p.put("species", i % 3 == 0 ? "cat" : i % 3 == 1 ? "dog" : "parrot");
        p.put("birth_day", LocalDate.ofInstant(created, ZoneOffset.UTC).minusYears(2).toString());
        p.put("weight_kg", (2 + i % 30) + ".5");
        p.put("vaccinated", String.valueOf(i % 2 == 0));
      }
      default -> throw new IllegalArgumentException(type);
    }
    return record;
  }

  private static void owner(Random random, Map<String, String> properties) {
    if (random.nextInt(10) > 0) {
      properties.put("hubspot_owner_id", HubSpotAccount.OWNERS.get(random.nextInt(HubSpotAccount.OWNERS.size())).id());
    }
  }

  private static String pick(Random random, List<String> options) {
    return options.get(random.nextInt(options.size()));
  }

  // ---- links

  /** The generated links of first-side record {@code index} in {@code pair}: second-side index to label (null for none). */
  Map<Integer, String> links(AssociationPair pair, int index) {
    Map<Integer, String> links = new LinkedHashMap<>();
    int seconds = count(pair.second());
    int i = index;
    switch (pair.first() + "/" + pair.second()) {
      case "companies/contacts", "companies/deals", "companies/tickets" -> {
        for (int second = i; second < seconds; second += count("companies")) {
          links.put(second, pair.second().equals("contacts") && second % 7 == 0 ? "Decision maker" : null);
        }
      }
      case "contacts/deals" -> {
        if (i % 3 < 2 && i / 3 < seconds) {
          links.put(i / 3, i % 3 == 1 ? "Champion" : null);
        }
      }
      case "contacts/tickets" -> addIf(links, i % 7 == 0, i / 7, seconds);
      case "contacts/" + HubSpotAccount.CUSTOM_OBJECT -> addIf(links, i % 9 == 0, i / 9, seconds);
      case "deals/line_items" -> {
        for (int l = 0; l < i % 3; l++) {
          links.put(linesBefore(i) + l, null);
        }
      }
      case "deals/quotes" -> addIf(links, i % 5 == 0, i / 5, seconds);
      default -> throw new IllegalArgumentException(pair.toString());
    }
    return links;
  }

  /** The first-side indexes whose generated links in {@code pair} include second-side record {@code index}. */
  List<Integer> firsts(AssociationPair pair, int index) {
    int i = index;
    return switch (pair.first() + "/" + pair.second()) {
      case "companies/contacts", "companies/deals", "companies/tickets" -> List.of(i % count("companies"));
      case "contacts/deals" -> 3 * i + 1 < contacts ? List.of(3 * i, 3 * i + 1) : 3 * i < contacts ? List.of(3 * i) : List.of();
      case "contacts/tickets" -> 7 * i < contacts ? List.of(7 * i) : List.of();
      case "contacts/" + HubSpotAccount.CUSTOM_OBJECT -> 9 * i < contacts ? List.of(9 * i) : List.of();
      case "deals/line_items" -> List.of(lineOf(i)[0]);
      case "deals/quotes" -> List.of(5 * i);
      default -> throw new IllegalArgumentException(pair.toString());
    };
  }

  private static void addIf(Map<Integer, String> links, boolean linked, int second, int seconds) {
    if (linked && second < seconds) {
      links.put(second, null);
    }
  }
}
