/**
 * Observa as the handler of Micrometer's Observation API in Spring Boot: one handler turns Spring's observations
 * (HTTP server and client, {@code @Scheduled}, {@code @Observed}, messaging, JDBC, Spring Data, Spring Security)
 * into Observa spans and metrics, and Boot's own meter and tracing handlers skip them.
 *
 * @since 0.1.0
 */
package dev.observa.spring.observation;
