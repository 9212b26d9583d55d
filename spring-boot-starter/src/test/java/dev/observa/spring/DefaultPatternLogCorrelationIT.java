package dev.observa.spring;

import dev.observa.spring.logapp.LogsApplication;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;

/**
 * Spring Boot's own default console pattern ({@code observa.logging.json=false}): its {@code %correlationId}
 * shows {@code [traceId-spanId]} from the event's MDC.
 */
@SpringBootTest(classes = LogsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"observa.logging.json=false", "spring.application.name=orders", "server.tomcat.threads.max=1",
        "server.tomcat.threads.min-spare=1"})
class DefaultPatternLogCorrelationIT extends LogCorrelationContract {
  private static final Pattern IDS = Pattern.compile("\\[([0-9a-f]{32})-([0-9a-f]{16})\\]");
  private static final Pattern EVENT = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T.*");

  @Override
  boolean isEvent(String line) {
    return EVENT.matcher(line).matches();
  }

  @Override
  String traceId(String line) {
    Matcher ids = IDS.matcher(line);
    return ids.find() ? ids.group(1) : null;
  }

  @Override
  String serviceName(String line) {
    throw new UnsupportedOperationException("Boot's default pattern shows spring.application.name, not ours");
  }

  /** Not run: Boot's default pattern shows {@code spring.application.name}, not a resolved service name. */
  @Override
  void startupLinesCarryTheConfiguredServiceName(CapturedOutput output) {}
}
