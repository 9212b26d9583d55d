package dev.observa.samples.db;

import static dev.observa.log.Field.field;

import dev.observa.Observa;
import dev.observa.log.Logger;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders in PostgreSQL through Spring's {@code JdbcClient}. Values go in as bind parameters; the count keeps a
 * literal in its text ({@code 'cancelled'}), which the span shows as {@code ?}.
 */
@Repository
class OrderRepository {
  private final JdbcClient jdbc;
  private final Logger log;

  OrderRepository(JdbcClient jdbc, Observa observa) {
    this.jdbc = jdbc;
    this.log = observa.logger("orders.repository");
  }

  long insert(String item) {
    long id = jdbc.sql("INSERT INTO orders (item) VALUES (?) RETURNING id").param(item).query(Long.class).single();
    log.info("order stored", field("id", id));
    return id;
  }

  long countOpen() {
    return jdbc.sql("SELECT count(*) FROM orders WHERE status <> 'cancelled'").query(Long.class).single();
  }

  /**
   * A statement with a bug and a literal that looks like a secret: PostgreSQL rejects it, and Spring's
   * {@code BadSqlGrammarException} quotes the statement, with the literal, in its message.
   */
  long legacyCouponCount() {
    return jdbc.sql("SELECT count(*) FROM orders WHERE coupon = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc' AND AND")
        .query(Long.class).single();
  }

  Optional<String> find(long id) {
    return jdbc.sql("SELECT item FROM orders WHERE id = ?").param(id).query(String.class).optional();
  }
}
