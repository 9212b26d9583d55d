package dev.observa.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseTargetTest {
  @Test
  void aJdbcUrlNamesTheSystemServerPortAndDatabaseAndNothingElse() {
    assertThat(DatabaseTarget.parse("jdbc:postgresql://db.local:5433/orders?user=app&password=hunter2"))
        .isEqualTo(new DatabaseTarget("postgresql", "db.local", 5433, "orders"));
    assertThat(DatabaseTarget.parse("jdbc:mysql://app:hunter2@[::1]/shop"))
        .isEqualTo(new DatabaseTarget("mysql", "[::1]", 0, "shop"));
    assertThat(DatabaseTarget.parse("jdbc:sqlserver://sql:1433;databaseName=x"))
        .isEqualTo(new DatabaseTarget("microsoft.sql_server", "sql", 1433, null));
  }

  @Test
  void unknownOrMissingUrlsAreOtherSql() {
    assertThat(DatabaseTarget.parse("jdbc:h2:mem:test")).isEqualTo(new DatabaseTarget("h2database", null, 0, null));
    assertThat(DatabaseTarget.parse("jdbc:acme://h/x").system()).isEqualTo("other_sql");
    assertThat(DatabaseTarget.parse(null)).isEqualTo(new DatabaseTarget("other_sql", null, 0, null));
  }
}
