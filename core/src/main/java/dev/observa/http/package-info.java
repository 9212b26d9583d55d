/** HTTP client instrumentation for the JDK {@code java.net.http.HttpClient}. */
package dev.observa.http;
