package dev.ferry.codegen.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.codegen.GeneratedFile;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.fixture.AssociationRows;
import dev.ferry.codegen.fixture.CatalogSnapshot;
import dev.ferry.codegen.fixture.Corpora;
import dev.ferry.codegen.fixture.Javac;
import dev.ferry.codegen.fixture.Outputs;
import dev.ferry.codegen.fixture.PolymorphicFixture;
import dev.ferry.db.DatabaseUrl;
import dev.ferry.naming.Identifier;
import dev.ferry.naming.JavaNames;
import dev.ferry.naming.Languages;
import dev.ferry.naming.NamedAssociation;
import dev.ferry.naming.NamedEntity;
import dev.ferry.naming.NamedModel;
import dev.ferry.naming.NamedPolymorphic;
import dev.ferry.naming.NamedPolymorphicBack;
import dev.ferry.naming.Naming;
import dev.ferry.relations.RelationModel;
import dev.ferry.testing.TestPostgres;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.hibernate.Hibernate;
import org.hibernate.ObjectNotFoundException;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The generated entities, compiled by javac in-process and booted by real Hibernate (Maven Central,
 * test scope) with {@code hibernate.hbm2ddl.auto=validate} against each corpus schema in real
 * Postgres: every association, fetched with an HQL {@code join fetch}, holds the rows plain SQL
 * finds. The Flyway migration, applied by real Flyway to an empty database, recreates the catalog.
 */
class JpaHibernateTest {
  private static final Instant STAMP = Instant.parse("2026-11-25T12:00:00Z");
  static final List<Corpora.Corpus> CORPORA = Corpora.ALL;

  @TempDir Path out;

  /**
   * One database, one read and one generation per schema for both checks (building the database,
   * for the demo a whole sync, is most of the time): Hibernate first, then Flyway, which drops the
   * source's views.
   */
  @ParameterizedTest(name = "{0}")
  @FieldSource("CORPORA")
  void hibernateValidatesEveryJoinFetchFindsTheRowsSqlFindsAndFlywayRecreatesTheCatalog(Corpora.Corpus corpus) throws Exception {
    String url = Corpora.database(corpus);
    Checked checked = check(url, Corpora.model(url, corpus), corpus.name());
    if (corpus.name().equals("rails")) {
      // comments.commentable (Post, Photo), taggings.taggable (Post), taggings.tagger and active_storage_attachments.record (User)
      assertThat(checked.anys()).isEqualTo(4);
      assertThat(checked.polymorphicBacks()).isEqualTo(5);
      assertThat(checked.anyRows()).as("rows the @Any fields loaded, so the comparison is not vacuous").isPositive();
    }
    flywayAppliesTheTestMigrationAndItRecreatesTheCatalog(corpus, url);
  }

  /**
   * A polymorphic pair with text keys, a namespaced type value, a target that is the owner's own
   * table and two targets sharing an id: the {@code @Any} loads each note's own target, and each
   * target's collection holds only the notes of its type. A second pair holding a type value that
   * names no table gets no {@code @Any}, but its target still gets its collection.
   */
  @Test
  void anyAndTheRestrictedCollectionsFollowTheTypeColumnWithTextKeysANamespacedTypeAndASelfReference() throws Exception {
    String url = PolymorphicFixture.database("jpa_polymorphic");
    Checked checked = check(url, PolymorphicFixture.model(url), "polymorphic");
    // notes.subject; notes.about holds a type value naming no table (Ghost), which @Any would refuse
    assertThat(checked.anys()).isEqualTo(1);
    // post, photo and note for notes.subject, post for notes.about
    assertThat(checked.polymorphicBacks()).isEqualTo(4);
    // n1, n4 (Post p1), n2, n7 (Admin::Photo p1, ph2), n3 (Note n1); n5 points at no post, n6 at nothing
    assertThat(checked.anyRows()).isEqualTo(5);
    assertThat(checked.danglingRows()).isEqualTo(1);
  }

  /**
   * @param anys pairs mapped as {@code @Any}; anyRows the (owner, target) pairs they loaded; danglingRows the rows whose
   *     {@code @Any} named a row that does not exist; polymorphicBacks the targets' collections
   */
  private record Checked(int associations, int anys, int anyRows, int danglingRows, int polymorphicBacks) {}

  /** Generates, compiles and boots the entities, then compares every association and polymorphic pair with SQL. */
  private Checked check(String url, RelationModel model, String label) throws Exception {
    NamedModel named = Naming.localize(model, Languages.JAVA);
    List<GeneratedFile> files = new JpaTarget(m -> named).generate(new GenerationRequest(model, Map.of(), STAMP));
    Outputs.write(out, files);
    EntityRenderer renderer = new EntityRenderer(named, JpaTarget.packages(model.catalog(), new GenerationRequest(model, Map.of(), STAMP)), true);

    Path classes = Javac.compile(out.resolve("src/main/java"), out.resolve("classes"));
    int checked = 0;
    int anys = 0;
    int polymorphicBacks = 0;
    int anyRows = 0;
    int danglingRows = 0;
    try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        SessionFactory sessions = boot(url, loader, files)) {
      for (NamedEntity entity : named.entities()) {
        if (!renderer.modeled(entity.entity().name())) {
          continue;
        }
        for (NamedAssociation association : entity.associations()) {
          if (!renderer.modeled(association.target())
              || (association.through() != null && !renderer.modeled(association.through().joinTable()))) {
            continue;
          }
          assertThat(joinFetch(sessions, loader, named, entity, association))
              .as("%s.%s", entity.typeName(), association.name())
              .containsExactlyInAnyOrderElementsOf(AssociationRows.pairs(url, named, entity, association));
          checked++;
        }
        for (NamedPolymorphic pair : entity.polymorphics()) {
          if (!renderer.anyTargets(pair).isEmpty()) {
            List<List<String>> sql = AssociationRows.polymorphicPairs(url, named, entity, pair.polymorphic());
            List<String> dangling = new ArrayList<>();
            assertThat(any(sessions, named, entity, pair, dangling)).as("%s.%s (@Any)", entity.typeName(), pair.name()).containsExactlyInAnyOrderElementsOf(sql);
            // as a lazy @ManyToOne does, the @Any of a row whose id matches no target row throws when read
            assertThat(dangling).containsExactlyInAnyOrderElementsOf(pair.polymorphic().targets().stream()
                .flatMap(t -> AssociationRows.polymorphicDangling(url, named, pair.polymorphic(), t).stream()).toList());
            danglingRows += dangling.size();
            anys++;
            anyRows += sql.size();
          }
        }
        for (NamedPolymorphicBack back : entity.polymorphicBacks()) {
          if (renderer.restricted(back)) {
            NamedEntity owner = named.entity(back.pair().polymorphic().table()).orElseThrow();
            assertThat(joinFetch(sessions, entity, back.name(), owner))
                .as("%s.%s (type value %s)", entity.typeName(), back.name(), back.target().selector())
                .containsExactlyInAnyOrderElementsOf(AssociationRows.polymorphicBackPairs(url, named, back.pair().polymorphic(), back.target()));
            polymorphicBacks++;
          }
        }
      }
    }
    System.out.printf("jpa %s: %d entities, %d associations joined by Hibernate like SQL, %d polymorphic @Any (%d rows) and %d of"
        + " their inverse collections like SQL%n", label, named.entities().stream().filter(e -> renderer.modeled(e.entity().name())).count(),
        checked, anys, anyRows, polymorphicBacks);
    System.out.printf("jpa %s: %d rows whose @Any names no row%n", label, danglingRows);
    // every type-column pair whose type values all name targets with entities keyed like its id column, and each such target's side
    List<NamedPolymorphic> mapped = named.entities().stream().flatMap(e -> e.polymorphics().stream())
        .filter(p -> !renderer.anyTargets(p).isEmpty()).toList();
    assertThat(anys).isEqualTo(mapped.size());
    assertThat((long) polymorphicBacks).isEqualTo(named.entities().stream().flatMap(e -> e.polymorphicBacks().stream()).filter(renderer::restricted).count());
    // both sides of every reference, many-to-many and id-prefix polymorphic target (an association per target) whose tables have entities
    long expected = 2 * (model.references().stream().filter(r -> renderer.modeled(r.from()) && renderer.modeled(r.to())).count()
        + model.manyToMany().stream().filter(m -> renderer.modeled(m.joinTable()) && renderer.modeled(m.left().to()) && renderer.modeled(m.right().to())).count()
        + named.model().polymorphics().stream().filter(p -> renderer.modeled(p.table()))
            .filter(p -> p.typeColumn() == null)
            .flatMap(p -> p.targets().stream()).filter(t -> t.forward() != null && renderer.modeled(t.table())).count());
    assertThat(checked).as("associations checked").isEqualTo(expected);
    return new Checked(checked, anys, anyRows, danglingRows, polymorphicBacks);
  }

  private void flywayAppliesTheTestMigrationAndItRecreatesTheCatalog(Corpora.Corpus corpus, String source) {
    String target = TestPostgres.newDatabase("flyway_" + corpus.name());
    DatabaseUrl jdbc = DatabaseUrl.parse(target);
    // the test configuration of docs/targets/jpa.md: Ferry's folder next to the app's own migrations
    var result = Flyway.configure()
        .dataSource(jdbc.jdbcUrl(), jdbc.effectiveUser(), Objects.requireNonNullElse(jdbc.password(), ""))
        .locations("filesystem:" + out.resolve(JpaTarget.MIGRATIONS))
        .load()
        .migrate();
    assertThat(result.migrationsExecuted).isEqualTo(corpus.schemas().size());
    TestPostgres.execute(source, Corpora.DROP_VIEWS); // tables only, as the SQL target
    TestPostgres.execute(target, "DROP TABLE public.flyway_schema_history"); // Flyway's own bookkeeping
    assertThat(CatalogSnapshot.describe(CatalogSnapshot.read(target, corpus.schemas(), corpus.tablePrefix())))
        .containsExactlyElementsOf(CatalogSnapshot.describe(CatalogSnapshot.read(source, corpus.schemas(), corpus.tablePrefix())).stream()
            .map(Corpora::asRecreated).toList());
  }

  /** Each (owner key, target key) pair the association holds after {@code select o from Owner o join fetch o.assoc}. */
  private static List<List<String>> joinFetch(SessionFactory sessions, ClassLoader loader, NamedModel named, NamedEntity owner,
      NamedAssociation association) throws Exception {
    NamedEntity target = named.entity(association.through() == null ? association.target() : other(association)).orElseThrow();
    String hql = "select o from " + owner.typeName().value() + " o join fetch o." + association.name().value();
    List<List<String>> pairs = new ArrayList<>();
    try (Session session = sessions.openSession()) {
      for (Object row : session.createSelectionQuery(hql, Object.class).getResultList()) {
        Object value = invoke(row, JavaNames.getter(association.name()));
        assertThat(Hibernate.isInitialized(value)).as("%s fetched by the join", hql).isTrue();
        Collection<?> targets = value instanceof Collection<?> many ? many : List.of(value);
        for (Object t : targets) {
          pairs.add(List.of(key(owner, row), key(target, t)));
        }
      }
    }
    return pairs;
  }

  /** Each (owner key, target key) pair {@code select o from Owner o join fetch o.member} holds. */
  private static List<List<String>> joinFetch(SessionFactory sessions, NamedEntity owner, Identifier member, NamedEntity target)
      throws Exception {
    String hql = "select o from " + owner.typeName().value() + " o join fetch o." + member.value();
    List<List<String>> pairs = new ArrayList<>();
    try (Session session = sessions.openSession()) {
      for (Object row : session.createSelectionQuery(hql, Object.class).getResultList()) {
        Object value = invoke(row, JavaNames.getter(member));
        assertThat(Hibernate.isInitialized(value)).as("%s fetched by the join", hql).isTrue();
        for (Object t : (Collection<?>) value) {
          pairs.add(List.of(key(owner, row), key(target, t)));
        }
      }
    }
    return pairs;
  }

  /** Each (owner key, target key) pair a pair's {@code @Any} loads, the target's entity told by the loaded object's class. */
  private static List<List<String>> any(SessionFactory sessions, NamedModel named, NamedEntity owner, NamedPolymorphic pair, List<String> dangling)
      throws Exception {
    List<List<String>> pairs = new ArrayList<>();
    try (Session session = sessions.openSession()) {
      for (Object row : session.createSelectionQuery("select o from " + owner.typeName().value() + " o", Object.class).getResultList()) {
        Object value;
        try {
          value = Hibernate.unproxy(invoke(row, JavaNames.getter(pair.name())));
        } catch (ObjectNotFoundException e) {
          dangling.add(key(owner, row));
          continue;
        }
        if (value != null) {
          NamedEntity target = pair.forwards().stream().map(f -> named.entity(f.target().table()).orElseThrow())
              .filter(e -> e.typeName().value().equals(value.getClass().getSimpleName())).findFirst().orElseThrow();
          pairs.add(List.of(key(owner, row), key(target, value)));
        }
      }
    }
    return pairs;
  }

  private static dev.ferry.catalog.QualifiedName other(NamedAssociation association) {
    var through = association.through();
    return (association.reference().equals(through.left()) ? through.right() : through.left()).to();
  }

  /** The key as AssociationRows writes it: the key columns' text joined with '|', nulls left out (concat_ws). */
  private static String key(NamedEntity entity, Object row) throws Exception {
    List<String> parts = new ArrayList<>();
    for (String column : AssociationRows.keyColumns(entity)) {
      Object value = invoke(Hibernate.unproxy(row), JavaNames.getter(entity.attribute(column).orElseThrow().name()));
      if (value != null) {
        parts.add(value.toString());
      }
    }
    return String.join("|", parts);
  }

  private static Object invoke(Object target, String getter) throws Exception {
    Method method = target.getClass().getMethod(getter);
    return method.invoke(target);
  }

  private static SessionFactory boot(String url, ClassLoader loader, List<GeneratedFile> files) throws ClassNotFoundException {
    DatabaseUrl jdbc = DatabaseUrl.parse(url);
    BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build();
    StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap)
        .applySetting("hibernate.connection.url", jdbc.jdbcUrl())
        .applySetting("hibernate.connection.username", jdbc.effectiveUser())
        .applySetting("hibernate.connection.password", Objects.requireNonNullElse(jdbc.password(), ""))
        .applySetting("hibernate.hbm2ddl.auto", "validate")
        .build();
    MetadataSources sources = new MetadataSources(registry);
    for (GeneratedFile file : files) {
      if (file.path().endsWith(".java")) {
        String className = file.path().substring("src/main/java/".length(), file.path().length() - ".java".length()).replace('/', '.');
        sources.addAnnotatedClass(loader.loadClass(className));
      }
    }
    return sources.buildMetadata().buildSessionFactory();
  }
}
