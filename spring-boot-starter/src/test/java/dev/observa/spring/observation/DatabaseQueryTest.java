package dev.observa.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry's database semantic conventions: {@code db.operation.name} "SHOULD be the first operation name
 * found in the query"; {@code db.collection.name} only "if a database call is performed on a single
 * collection".
 */
class DatabaseQueryTest {
  @Test
  void theOperationAndTheSingleTableAreReadFromSanitizedText() {
    assertThat(DatabaseQuery.parse("SELECT id, item FROM orders WHERE id IN (?, ?)"))
        .isEqualTo(new DatabaseQuery("SELECT", "orders"));
    assertThat(DatabaseQuery.parse("insert into shop.orders (item) values (?)"))
        .isEqualTo(new DatabaseQuery("INSERT", "shop.orders"));
    assertThat(DatabaseQuery.parse("UPDATE orders o SET status = ? WHERE id = ?"))
        .isEqualTo(new DatabaseQuery("UPDATE", "orders"));
    assertThat(DatabaseQuery.parse("DELETE FROM orders WHERE id = ?")).isEqualTo(new DatabaseQuery("DELETE", "orders"));
  }

  @Test
  void joinsSeveralTablesAndSubqueriesHaveNoCollection() {
    assertThat(DatabaseQuery.parse("SELECT * FROM a JOIN b ON a.id = b.id")).isEqualTo(new DatabaseQuery("SELECT", null));
    assertThat(DatabaseQuery.parse("SELECT * FROM a, b")).isEqualTo(new DatabaseQuery("SELECT", null));
    assertThat(DatabaseQuery.parse("SELECT * FROM (SELECT 1) x")).isEqualTo(new DatabaseQuery("SELECT", null));
    assertThat(DatabaseQuery.parse("CREATE TABLE t (id int)")).isEqualTo(new DatabaseQuery("CREATE", null));
  }

  @Test
  void unknownFirstWordsAndOversizedNamesAreNotLabels() {
    assertThat(DatabaseQuery.parse("frobnicate everything")).isEqualTo(DatabaseQuery.NONE);
    assertThat(DatabaseQuery.parse(null)).isEqualTo(DatabaseQuery.NONE);
    assertThat(DatabaseQuery.parse("SELECT * FROM " + "t".repeat(65)).collection()).isNull();
  }
}
