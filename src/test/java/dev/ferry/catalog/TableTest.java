package dev.ferry.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableTest {
  private static final PgType TEXT =
      new PgType("pg_catalog", "text", "text", PgType.Kind.BASE, null, List.of(), null, null, null, null);

  private static Column column(String name, int position) {
    return new Column(name, position, TEXT, true, null, Column.Identity.NONE, null, null);
  }

  private static final Table TABLE =
      new Table(
          new QualifiedName("app", "membership"),
          RelationKind.TABLE,
          null,
          List.of(column("group_id", 1), column("user_id", 2), column("email", 3), column("slug", 4), column("code", 5)),
          Optional.of(new PrimaryKey("membership_pkey", List.of("group_id", "user_id"))),
          List.of(new UniqueConstraint("membership_email_key", List.of("email"))),
          List.of(),
          List.of(
              new Index("membership_slug_idx", List.of("slug"), true, false, "btree", "CREATE UNIQUE INDEX ...", null),
              new Index("membership_code_idx", List.of("code"), true, false, "btree", "CREATE UNIQUE INDEX ...", "code IS NOT NULL")));

  @Test
  void findsColumnsByExactName() {
    assertThat(TABLE.column("email")).map(Column::position).contains(3);
    assertThat(TABLE.column("Email")).isEmpty();
  }

  @Test
  void knowsWhichColumnSetsAreUnique() {
    assertThat(TABLE.isUnique(List.of("user_id", "group_id"))).as("primary key in any order").isTrue();
    assertThat(TABLE.isUnique(List.of("group_id"))).as("part of the key").isFalse();
    assertThat(TABLE.isUnique(List.of("email"))).as("unique constraint").isTrue();
    assertThat(TABLE.isUnique(List.of("slug"))).as("unique index").isTrue();
    assertThat(TABLE.isUnique(List.of("code"))).as("partial unique index").isFalse();
    assertThat(TABLE.isUnique(List.of("group_id", "user_id", "email"))).as("a superset").isFalse();
  }
}
