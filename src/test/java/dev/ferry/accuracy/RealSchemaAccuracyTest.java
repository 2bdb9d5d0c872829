package dev.ferry.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.Cli;
import dev.ferry.testing.Cli.Run;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry bench accuracy}, run as docs/relationships.md shows it, on the nine real schemas of
 * src/test/resources/corpus/real (truth from their sources, see its README). Asserts the floors
 * reached, per corpus and in total, names only and with sampled rows; that no corpus falls below
 * the naive {@code <x>_id} rule; and that every missed truth reference is shown (none silent).
 * Relationship names are held against the names the developers of the two Rails applications
 * chose (their names.tsv): forward names at least 95% exact, back names at their floor, each ahead of
 * the naive rule.
 */
class RealSchemaAccuracyTest {
  private static final Pattern LINE = Pattern.compile(
      "^(\\S*)\\s+(naive|names|sampled)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+([\\d.]+)\\s+([\\d.]+)\\s*(\\d*)");

  private static final Pattern NAMES_LINE = Pattern.compile("^(\\S*)\\s+(forward|back)\\s+(\\d+)\\s+(\\d+)\\s+([\\d.]+)\\s+([\\d.]+)$");

  record Figures(double precision, double recall, String silent) {}

  /** Exact names beside the developers' own, names only: Ferry's rate and the naive rule's. */
  record NameFigures(int scored, double ferry, double naive) {}

  /** Names only, empty tables: {precision, recall} floors per corpus, where the figures stand today. */
  private static final Map<String, double[]> NAMES_FLOORS = Map.of(
      "adventureworks", new double[] {0.988, 0.9},
      "fat_free_crm", new double[] {0.974, 0.771},
      "northwind", new double[] {1.0, 1.0},
      "omop_cdm", new double[] {0.972, 0.972},
      "salesforce_api_native", new double[] {1.0, 1.0},
      "samson", new double[] {0.986, 0.921},
      "steampipe_hubspot", new double[] {1.0, 1.0},
      "steampipe_salesforce", new double[] {1.0, 1.0},
      "steampipe_stripe", new double[] {1.0, 1.0});

  /**
   * Back names equal to the developers' own, where they stand today (the 0.92 is not reached:
   * 7 of the 10 misses are has_one on columns without a unique index, which no schema shows; ferry.yaml
   * or 50+ sampled rows per column decide them, and the bench has neither, see docs/naming.md).
   */
  private static final double BACK_NAMES_FLOOR = 0.868;

  @Test
  void inferenceOnRealSchemasKeepsItsFloors() {
    Run run = Cli.run("bench", "accuracy");
    System.out.println(run.out());
    assertThat(run.exit()).as(run.err()).isZero();

    Map<String, Figures> figures = new HashMap<>();
    String corpus = null;
    for (String line : run.out().lines().toList()) {
      Matcher m = LINE.matcher(line);
      if (m.find()) {
        corpus = m.group(1).isEmpty() ? corpus : m.group(1);
        figures.put(corpus + "/" + m.group(2), new Figures(Double.parseDouble(m.group(9)), Double.parseDouble(m.group(10)), m.group(11)));
      }
    }
    Map<String, NameFigures> nameFigures = new HashMap<>();
    String named = null;
    for (String line : run.out().lines().toList()) {
      Matcher m = NAMES_LINE.matcher(line);
      if (m.find()) {
        named = m.group(1).isEmpty() ? named : m.group(1);
        nameFigures.put(named + "/" + m.group(2), new NameFigures(Integer.parseInt(m.group(3)), Double.parseDouble(m.group(5)), Double.parseDouble(m.group(6))));
      }
    }
    SoftAssertions softly = new SoftAssertions();
    // relationship names against the names.tsv of the two Rails applications (issue 10's naming targets)
    for (String app : List.of("samson", "fat_free_crm")) {
      for (String side : List.of("forward", "back")) {
        NameFigures f = nameFigures.get(app + "/" + side);
        softly.assertThat(f).as(app + " " + side + " names scored").isNotNull();
        if (f != null) {
          softly.assertThat(f.scored()).as(app + " " + side + " names scored").isGreaterThan(15);
          softly.assertThat(f.ferry()).as(app + " " + side + " names ahead of the naive rule").isGreaterThan(f.naive());
        }
      }
    }
    softly.assertThat(nameFigures.get("TOTAL/forward").ferry()).as("forward names exact").isGreaterThanOrEqualTo(0.95);
    softly.assertThat(nameFigures.get("TOTAL/back").ferry()).as("back names exact").isGreaterThanOrEqualTo(BACK_NAMES_FLOOR);
    for (String name : NAMES_FLOORS.keySet()) {
      Figures names = figures.get(name + "/names");
      Figures naive = figures.get(name + "/naive");
      Figures sampled = figures.get(name + "/sampled");
      softly.assertThat(names).as(name).isNotNull();
      if (names == null) {
        continue;
      }
      softly.assertThat(names.precision()).as(name + " names precision").isGreaterThanOrEqualTo(NAMES_FLOORS.get(name)[0]);
      softly.assertThat(names.recall()).as(name + " names recall").isGreaterThanOrEqualTo(NAMES_FLOORS.get(name)[1]);
      softly.assertThat(names.recall()).as(name + " names recall beside the naive rule").isGreaterThanOrEqualTo(naive.recall());
      softly.assertThat(names.precision()).as(name + " names precision beside the naive rule").isGreaterThanOrEqualTo(naive.precision());
      softly.assertThat(sampled.recall()).as(name + " sampled recall").isGreaterThanOrEqualTo(names.recall());
      for (String mode : List.of("names", "sampled")) {
        softly.assertThat(figures.get(name + "/" + mode).silent()).as(name + " " + mode + ": missed references not shown").isEqualTo("0");
      }
    }
    Figures total = figures.get("TOTAL/names");
    softly.assertThat(total.recall()).as("total names recall").isGreaterThanOrEqualTo(0.945);
    softly.assertThat(total.precision()).as("total names precision").isGreaterThanOrEqualTo(0.985);
    softly.assertThat(figures.get("TOTAL/sampled").recall()).as("total sampled recall").isGreaterThanOrEqualTo(0.974);
    softly.assertThat(figures.get("TOTAL/sampled").precision()).as("total sampled precision").isGreaterThanOrEqualTo(0.986);
    softly.assertThat(figures.get("fat_free_crm/sampled").recall()).as("fat_free_crm sampled recall").isGreaterThanOrEqualTo(0.979);
    softly.assertThat(figures.get("samson/sampled").recall()).as("samson sampled recall").isGreaterThanOrEqualTo(1.0);
    softly.assertAll();
  }
}
