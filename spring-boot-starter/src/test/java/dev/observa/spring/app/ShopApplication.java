package dev.observa.spring.app;

import static dev.observa.log.Field.field;

import dev.observa.Observa;
import dev.observa.annotation.Observe;
import dev.observa.annotation.ObserveAttribute;
import dev.observa.context.ObservaContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.env.Environment;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/** A small application the end-to-end test drives over real HTTP. */
@SpringBootApplication
public class ShopApplication {

  /** An observed bean: a span, golden signals and a facade log line per call. */
  @Component
  public static class Greeter {
    private final Observa observa;

    Greeter(Observa observa) {
      this.observa = observa;
    }

    @Observe("greet")
    public String greet(@ObserveAttribute("hello-to") String name) {
      observa.logger("greeter").info("greeting", field("name", name));
      return "Hello, " + name + "!";
    }

    @Observe("greet.async")
    public CompletableFuture<String> greetLater(String name) {
      return CompletableFuture.supplyAsync(() -> "Later, " + name);
    }
  }

  @RestController
  static class ShopController {
    private final Greeter greeter;
    private final RestClient.Builder clients;
    private final Environment environment;
    private final AsyncTaskExecutor executor;

    ShopController(Greeter greeter, RestClient.Builder clients, Environment environment, AsyncTaskExecutor executor) {
      this.greeter = greeter;
      this.clients = clients;
      this.environment = environment;
      this.executor = executor;
    }

    @GetMapping("/hello")
    String hello(@RequestParam String name) {
      LoggerFactory.getLogger(ShopController.class).info("saying hello");
      return greeter.greet(name);
    }

    @GetMapping("/later")
    String later(@RequestParam String name) throws Exception {
      return greeter.greetLater(name).get();
    }

    @GetMapping("/chain")
    String chain() {
      String port = environment.getProperty("local.server.port");
      return clients.build().get().uri("http://127.0.0.1:" + port + "/echo?text=Chain").retrieve().body(String.class);
    }

    @GetMapping("/echo")
    String echo(@RequestParam String text) {
      return text;
    }

    @GetMapping("/boom")
    String boom() {
      throw new IllegalStateException("boom");
    }

    @GetMapping("/pooled")
    String pooled() throws Exception {
      Future<String> seen = executor.submit(() -> ObservaContext.current().tenant() + " " + ObservaContext.current().traceId());
      return seen.get();
    }
  }
}
