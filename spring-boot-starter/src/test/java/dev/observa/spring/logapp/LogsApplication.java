package dev.observa.spring.logapp;

import io.opentelemetry.context.Context;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A small application whose requests log, fail and hand work to a pooled thread. */
@SpringBootApplication
public class LogsApplication {
  static final Logger LOG = LoggerFactory.getLogger(LogsApplication.class);
  /** One thread, not wrapped: it must show a task's context only while that task runs. */
  static final ExecutorService POOL = Executors.newSingleThreadExecutor();

  @RestController
  static class Orders {
    @GetMapping("/ok")
    String ok() {
      return "ok";
    }

    @GetMapping("/fail")
    String fail() {
      LOG.info("charging card");
      throw new IllegalStateException("card declined");
    }

    @GetMapping("/pooled")
    String pooled() throws Exception {
      POOL.submit(Context.current().wrap(() -> LOG.info("pooled task of the request"))).get(10, TimeUnit.SECONDS);
      POOL.submit(() -> LOG.info("pooled task of nobody")).get(10, TimeUnit.SECONDS);
      return "done";
    }
  }
}
