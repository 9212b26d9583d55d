package dev.observa.samples.db;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Orders stored in PostgreSQL: {@code POST /orders?item=book} goes through the {@code @Observe} service
 * {@link OrderService} to {@link OrderRepository}'s {@code JdbcClient}. datasource-micrometer
 * ({@code datasource-micrometer-spring-boot}) wraps Boot's {@code DataSource} and observes every connection,
 * query and result set; Observa, the handler of those observations, makes each query a database CLIENT span
 * ({@code INSERT orders}, literals removed from {@code db.query.text}) and records
 * {@code db.client.operation.duration}.
 *
 * <pre>{@code
 * java -jar target/db-postgres.jar --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/observa
 * curl -X POST -H 'baggage: channel=mobile' 'http://127.0.0.1:8080/orders?item=book'
 * }</pre>
 */
@SpringBootApplication
public class DbApplication {
  public static void main(String[] args) {
    SpringApplication.run(DbApplication.class, args);
  }
}
