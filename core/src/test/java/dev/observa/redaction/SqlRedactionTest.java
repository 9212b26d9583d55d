package dev.observa.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry's database semantic conventions on {@code db.query.text}: "the query text SHOULD be sanitized
 * … by replacing all literals with a placeholder value"; placeholders and identifiers stay.
 */
class SqlRedactionTest {
  private final RedactionPolicy policy = RedactionPolicy.defaults();

  @Test
  void stringAndNumberLiteralsBecomePlaceholders() {
    assertThat(policy.sql("SELECT id FROM orders WHERE item = 'book' AND qty > 3 AND price < 12.50"))
        .isEqualTo("SELECT id FROM orders WHERE item = ? AND qty > ? AND price < ?");
    assertThat(policy.sql("INSERT INTO t2 (a, b) VALUES (-1e-5, 0x1F)")).isEqualTo("INSERT INTO t2 (a, b) VALUES (-?, ?)");
  }

  @Test
  void escapedQuotesDoNotEndALiteralEarly() {
    assertThat(policy.sql("SELECT 1 FROM t WHERE a = 'it''s sk_live_secret' AND b = 'x\\' OR 1=1 --'"))
        .isEqualTo("SELECT ? FROM t WHERE a = ? AND b = ?");
    assertThat(policy.sql("SELECT E'tok\\'en', X'DEADBEEF', N'name'")).isEqualTo("SELECT ?, ?, ?");
  }

  @Test
  void doubleQuotedDollarQuotedAndUnterminatedTextIsHidden() {
    assertThat(policy.sql("SELECT \"secret value\" FROM t")).isEqualTo("SELECT ? FROM t");
    assertThat(policy.sql("SELECT $tag$pass'word$tag$, $$x$$ FROM t")).isEqualTo("SELECT ?, ? FROM t");
    assertThat(policy.sql("SELECT * FROM t WHERE a = 'never closed hunter2")).isEqualTo("SELECT * FROM t WHERE a = ?");
  }

  @Test
  void commentsAreDropped() {
    assertThat(policy.sql("SELECT a -- token=abc\nFROM t /* password: hunter2 */ WHERE b = ?"))
        .isEqualTo("SELECT a  \nFROM t   WHERE b = ?");
  }

  @Test
  void placeholdersAndIdentifiersWithDigitsStayAndCleanTextIsReturnedAsIs() {
    String prepared = "SELECT col1, t$x FROM orders_2026 WHERE id = ? AND k = $1 AND j = :name";
    assertThat(policy.sql(prepared)).isSameAs(prepared);
    assertThat(policy.sql(null)).isNull();
  }

  @Test
  void theQueryTextAttributeKeysGetTheSqlRule() {
    assertThat(policy.value("db.query.text", "SELECT * FROM u WHERE pw = 'hunter2'")).isEqualTo("SELECT * FROM u WHERE pw = ?");
    assertThat(policy.value("db.statement", "DELETE FROM u WHERE id = 7")).isEqualTo("DELETE FROM u WHERE id = ?");
  }
}
