package dev.ferry.relations.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.catalog.Catalog;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.pg.PgCatalogReader;
import dev.ferry.db.Database;
import dev.ferry.relations.Evidence;
import dev.ferry.relations.RelationModel;
import dev.ferry.relations.Sampling;
import dev.ferry.testing.TestPostgres;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ValueSamplerTest {

  /** Counts the statements Ferry sends through a real connection. */
  static Connection counting(Connection real, AtomicInteger statements) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          Object result = invoke(real, method, args);
          if (result instanceof Statement statement) {
            return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                (p, m, a) -> {
                  if (m.getName().startsWith("execute")) {
                    statements.incrementAndGet();
                  }
                  return invoke(statement, m, a);
                });
          }
          return result;
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  static int statementsToSample(int tables) throws Exception {
    StringBuilder sql = new StringBuilder("CREATE TABLE account (id text PRIMARY KEY); INSERT INTO account VALUES ('acct_1');");
    for (int i = 0; i < tables; i++) {
      sql.append("CREATE TABLE t").append(i).append(" (id text PRIMARY KEY, account_id text, owner_type text, owner_id text, t")
          .append(i == 0 ? 0 : i - 1).append("_id text, account text);");
      sql.append("INSERT INTO t").append(i).append(" VALUES ('t").append(i).append("_1', 'acct_1', 'Account', 'acct_1', NULL, 'acct_1');");
    }
    String url = TestPostgres.newDatabase("sampler_count");
    TestPostgres.execute(url, sql.toString());
    try (Connection connection = Database.of(url).connect()) {
      Catalog catalog = new PgCatalogReader().read(connection, List.of("public"), "");
      AtomicInteger statements = new AtomicInteger();
      Samples samples = ValueSampler.sample(counting(connection, statements), catalog);
      assertThat(samples.values(new ColumnRef(new QualifiedName("public", "t0"), "account_id"))).containsExactly("acct_1");
      assertThat(samples.foundInTarget(new ColumnRef(new QualifiedName("public", "t0"), "account"))).contains(true);
      return statements.get();
    }
  }

  @Test
  void samplingTakesTheSameFewStatementsForThreeTablesOrForty() throws Exception {
    int few = statementsToSample(3);
    int many = statementsToSample(40);

    assertThat(few).isEqualTo(many).isEqualTo(2); // SET LOCAL statement_timeout, then the one sampling query
  }

  @Test
  void samplingThatHitsItsTimeCapSaysSoAndReasonsStopSuggestingSample() throws Exception {
    String url = TestPostgres.newDatabase("sampler_cap");
    TestPostgres.execute(url, """
        CREATE TABLE account (id text PRIMARY KEY);
        CREATE TABLE customer (id text PRIMARY KEY);
        CREATE TABLE charge (id text PRIMARY KEY, customer text, on_behalf_of_id text);
        INSERT INTO account VALUES ('acct_1');
        INSERT INTO customer VALUES ('cus_1');
        INSERT INTO charge VALUES ('ch_1', 'cus_1', 'acct_1');
        """);
    Catalog catalog;
    Samples samples;
    try (Connection connection = Database.of(url).connect(); Connection locker = Database.of(url).connect()) {
      catalog = new PgCatalogReader().read(connection, List.of("public"), "");
      locker.setAutoCommit(false);
      try (Statement lock = locker.createStatement()) {
        lock.execute("LOCK TABLE charge IN ACCESS EXCLUSIVE MODE"); // the sampling query waits for it
        samples = ValueSampler.sample(connection, catalog, ValueSampler.VALUES_PER_COLUMN, Duration.ofMillis(200));
      } finally {
        locker.rollback();
      }
    }

    assertThat(samples.outcome()).isEqualTo(Sampling.TIMED_OUT);
    assertThat(samples.taken()).isFalse();
    RelationModel model = ReferenceInference.infer(catalog, samples, ConfiguredRelationships.NONE);
    assertThat(model.sampling()).isEqualTo(Sampling.TIMED_OUT);
    assertThat(model.references()).isEmpty();
    assertThat(ModelFixture.unresolved(model, "charge", "customer")).get().extracting(u -> u.reason()).isEqualTo(
        "named like table public.customer, but a name alone is not evidence; sampling stopped at its time cap, so add it in ferry.yaml");
    assertThat(ModelFixture.unresolved(model, "charge", "on_behalf_of_id")).get().extracting(u -> u.reason()).isEqualTo(
        "no table is named 'on_behalf_of' or a trailing part of it; sampling stopped at its time cap before its values could show an id prefix");
  }

  @Test
  void hostileIdentifiersAreQuotedWhenSampled() {
    String schema = "\"Ledger \"\"Main\"\"\""; // SQL for the schema named: Ledger "Main"
    RelationModel model = ModelFixture.sampled("""
        CREATE SCHEMA S;
        CREATE TABLE S."Account" ("Id" text PRIMARY KEY);
        CREATE TABLE S."select" ("Id" text PRIMARY KEY, "on behalf of_id" text, "café_type" text, "café_id" text);
        INSERT INTO S."Account" VALUES ('acct_é1');
        INSERT INTO S."select" VALUES ('sel_1', 'acct_é1', 'Account', 'acct_é1');
        """.replace("S.", schema + ".").replace("SCHEMA S;", "SCHEMA " + schema + ";"), "Ledger \"Main\"");

    assertThat(model.references()).singleElement().satisfies(r -> {
      assertThat(r.columns()).containsExactly("on behalf of_id");
      assertThat(r.to()).isEqualTo(new QualifiedName("Ledger \"Main\"", "Account"));
      assertThat(r.evidence()).isEqualTo(Evidence.SAMPLE);
    });
    assertThat(model.polymorphics()).singleElement().satisfies(p -> assertThat(p.targets()).singleElement()
        .satisfies(t -> assertThat(t.table().name()).isEqualTo("Account")));
  }
}
