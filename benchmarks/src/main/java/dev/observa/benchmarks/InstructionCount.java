package dev.observa.benchmarks;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Runs one benchmark method of this module under callgrind (valgrind) for an instruction count per operation, the
 * figure that stays put on a noisy machine where JMH's times move by ±25 %: {@code benchmarks/callgrind.sh} starts
 * it with instrumentation off, this class warms the method up, then hands over through files in a directory so the
 * script switches counting on for exactly {@code n} operations.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.observa.benchmarks.InstructionCount DIR SpanBenchmark observa 200000 20000 sink=exporter
 * }</pre>
 *
 * <p>Arguments: the handshake directory, the benchmark's simple class name, the method, warm-up and counted
 * operations, then {@code @Param} fields as {@code name=value}. The files: {@code ready} (written when warm),
 * {@code go} (awaited), {@code done} (written after the counted operations), {@code exit} (awaited). Every
 * operation goes through reflection, the same constant cost for every method compared.
 */
public final class InstructionCount {
  private InstructionCount() {}

  /**
   * @param args see the class comment
   * @throws Throwable whatever the benchmark throws
   */
  public static void main(String[] args) throws Throwable {
    if (args.length < 5) {
      System.err.println("usage: InstructionCount DIR BenchmarkClass method warmOps countedOps [param=value...]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    Class<?> type = Class.forName(InstructionCount.class.getPackageName() + "." + args[1]);
    Object benchmark = type.getConstructor().newInstance();
    for (int i = 5; i < args.length; i++) {
      String[] param = args[i].split("=", 2);
      type.getField(param[0]).set(benchmark, param[1]);
    }
    invokeAnnotated(benchmark, Setup.class);
    Method operation = type.getMethod(args[2]);
    long warm = Long.parseLong(args[3]);
    long counted = Long.parseLong(args[4]);
    for (long k = 0; k < warm; k++) {
      operation.invoke(benchmark);
    }
    Thread.sleep(3000); // compilation queues drain
    Files.createFile(dir.resolve("ready"));
    await(dir.resolve("go"));
    for (long k = 0; k < counted; k++) {
      operation.invoke(benchmark);
    }
    Files.createFile(dir.resolve("done"));
    await(dir.resolve("exit"));
    invokeAnnotated(benchmark, TearDown.class);
    System.exit(0);
  }

  private static void invokeAnnotated(Object benchmark, Class<? extends java.lang.annotation.Annotation> annotation)
      throws ReflectiveOperationException {
    for (Method method : benchmark.getClass().getMethods()) {
      if (method.isAnnotationPresent(annotation)) {
        method.invoke(benchmark);
      }
    }
  }

  private static void await(Path file) throws InterruptedException {
    while (!Files.exists(file)) {
      Thread.sleep(50);
    }
  }
}
