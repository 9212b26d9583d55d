/**
 * Spring Boot 4 auto-configuration: the facade and the three signals as beans, the {@code @Observe} aspect,
 * HTTP server and client instrumentation, JSON console logs, the doctor and SLO actuator endpoints.
 */
package dev.observa.spring;
