package dev.observa.spring;

import dev.observa.Observa;
import dev.observa.annotation.Observe;
import dev.observa.annotation.ObserveAttribute;
import dev.observa.log.Field;
import dev.observa.log.Logger;
import dev.observa.meter.GoldenSignals;
import dev.observa.meter.GoldenSignalsBuilder;
import dev.observa.trace.ActiveSpan;
import dev.observa.trace.SpanBuilder;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Observes {@link Observe} methods: a span named after the operation (parameters annotated
 * {@link ObserveAttribute} become attributes), the operation's golden signals (tagged by the parameters that
 * allow bounded tag values), and optional entry/exit DEBUG lines. A {@link CompletionStage} result is
 * measured until it completes; a Reactor {@code Mono} or {@code Flux} result until it terminates, with the span
 * current while it is subscribed to (a result never subscribed to leaves its span unended and unexported).
 * Exceptions are recorded and rethrown unchanged, except those listed in
 * {@link Observe#ignoreExceptions()} or given to the aspect as ignored everywhere: those end the call as a
 * success (status unset, no exception event, no {@code error.type}) and are rethrown unchanged too.
 *
 * <p>Spring proxies see calls from other beans only: a bean calling its own {@code @Observe} method
 * ({@code this.method()}) bypasses the proxy and is not observed.
 *
 * @since 0.1.0
 */
@Aspect
public class ObserveAspect {
  private final Observa observa;
  private final ObservaProperties.Metrics metrics;
  private final List<Class<? extends Throwable>> ignoredEverywhere;
  private final Map<Method, Plan> plans = new ConcurrentHashMap<>();
  private final boolean reactor = org.springframework.util.ClassUtils.isPresent("reactor.core.publisher.Mono",
      ObserveAspect.class.getClassLoader());

  /**
   * @param observa the facade
   * @param metrics budgets and buckets
   */
  public ObserveAspect(Observa observa, ObservaProperties.Metrics metrics) {
    this(observa, metrics, List.of());
  }

  /**
   * @param observa the facade
   * @param metrics budgets and buckets
   * @param ignoredEverywhere exception types that end any observed call as a success
   */
  public ObserveAspect(Observa observa, ObservaProperties.Metrics metrics,
      List<Class<? extends Throwable>> ignoredEverywhere) {
    this.observa = observa;
    this.metrics = metrics;
    this.ignoredEverywhere = List.copyOf(ignoredEverywhere);
  }

  /** What to do for one method, worked out once. */
  private record Plan(String name, Observe observe, String[] attributeKeys, List<String[]> tagValues,
      Map<List<String>, GoldenSignals> signals, Logger log, List<Class<? extends Throwable>> ignored) {

    /** @return the error to record, or null when the call ended without one or with an expected one */
    Throwable failure(Throwable error) {
      if (error == null) {
        return null;
      }
      for (Class<? extends Throwable> type : ignored) {
        if (type.isInstance(error)) {
          return null;
        }
      }
      return error;
    }
  }

  @Around("@annotation(dev.observa.annotation.Observe) || @within(dev.observa.annotation.Observe)")
  Object observe(ProceedingJoinPoint joinPoint) throws Throwable {
    Method method = ((MethodSignature) joinPoint.getSignature()).getMethod();
    Plan plan = plans.computeIfAbsent(method, m -> plan(m, joinPoint.getTarget().getClass()));
    Object[] args = joinPoint.getArgs();
    ActiveSpan span = null;
    GoldenSignals.Operation operation = null;
    boolean async = false;
    try {
      if (plan.observe().span()) {
        SpanBuilder builder = observa.span(plan.name());
        for (int i = 0; i < args.length && i < plan.attributeKeys().length; i++) {
          if (plan.attributeKeys()[i] != null && args[i] != null) {
            builder.attribute(plan.attributeKeys()[i], String.valueOf(args[i]));
          }
        }
        span = builder.startActive();
      }
      if (plan.observe().metrics()) {
        operation = signals(plan, args).start();
      }
      if (plan.observe().logEntryExit()) {
        plan.log().debug("entering " + plan.name());
      }
    } catch (RuntimeException instrumentationFailure) {
      dev.observa.spi.Diagnostics.warn("aspect", "could not observe " + plan.name() + ": " + instrumentationFailure);
    }
    try {
      Object result = joinPoint.proceed();
      if (result instanceof CompletionStage<?> stage && (span != null || operation != null)) {
        async = true;
        ActiveSpan asyncSpan = span;
        GoldenSignals.Operation asyncOperation = operation;
        if (asyncSpan != null) {
          asyncSpan.detach();
        }
        return stage.whenComplete((value, error) -> finish(plan, asyncSpan, asyncOperation,
            plan.failure(unwrap(error))));
      }
      if (reactor && (span != null || operation != null) && ObservedPublishers.handles(result)) {
        ActiveSpan asyncSpan = span;
        GoldenSignals.Operation asyncOperation = operation;
        io.opentelemetry.context.Context context = asyncSpan == null ? io.opentelemetry.context.Context.current()
            : asyncSpan.context().otelContext();
        Object observed = ObservedPublishers.observe(result, context,
            error -> finish(plan, asyncSpan, asyncOperation, plan.failure(error)));
        async = true;
        if (asyncSpan != null) {
          asyncSpan.detach();
        }
        return observed;
      }
      return result;
    } catch (Throwable error) {
      Throwable failure = plan.failure(error);
      if (failure != null && span != null) {
        span.recordException(failure);
      }
      if (failure != null && operation != null) {
        operation.fail(failure);
      }
      throw error;
    } finally {
      if (!async) {
        finish(plan, span, operation, null);
      }
    }
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
  }

  private static void finish(Plan plan, ActiveSpan span, GoldenSignals.Operation operation, Throwable error) {
    try {
      if (error != null) {
        if (span != null) {
          span.recordException(error);
        }
        if (operation != null) {
          operation.fail(error);
        }
      }
      if (operation != null) {
        operation.close();
      }
      if (plan.observe().logEntryExit()) {
        plan.log().debug("exiting " + plan.name(), Field.field("failed", error != null));
      }
    } finally {
      if (span != null) {
        span.close();
      }
    }
  }

  private GoldenSignals signals(Plan plan, Object[] args) {
    String[] key = new String[plan.tagValues().size()];
    int t = 0;
    for (int i = 0; i < plan.tagValues().size(); i++) {
      String[] allowed = plan.tagValues().get(i);
      if (allowed != null) {
        String value = i < args.length && args[i] != null ? String.valueOf(args[i]) : null;
        key[t++] = value != null && Arrays.asList(allowed).contains(value) ? value : "other";
      }
    }
    List<String> values = Arrays.asList(Arrays.copyOf(key, t));
    return plan.signals().computeIfAbsent(values, v -> {
      GoldenSignalsBuilder builder = observa.goldenSignals(plan.name()).maxSeries(metrics.getMaxSeries());
      int n = 0;
      for (int i = 0; i < plan.tagValues().size(); i++) {
        if (plan.tagValues().get(i) != null) {
          builder.tag(plan.attributeKeys()[i].replace('-', '_'), v.get(n++));
        }
      }
      List<Double> buckets = metrics.getBuckets().get(plan.name());
      if (buckets != null) {
        builder.buckets(buckets.stream().mapToDouble(Double::doubleValue).toArray());
      }
      return builder.register();
    });
  }

  private Plan plan(Method method, Class<?> targetClass) {
    Observe observe = AnnotatedElementUtils.findMergedAnnotation(method, Observe.class);
    if (observe == null) {
      observe = AnnotatedElementUtils.findMergedAnnotation(targetClass, Observe.class);
    }
    String name = observe != null && !observe.value().isEmpty() ? observe.value()
        : targetClass.getSimpleName() + "." + method.getName();
    Annotation[][] parameterAnnotations = method.getParameterAnnotations();
    String[] keys = new String[parameterAnnotations.length];
    List<String[]> tagValues = new java.util.ArrayList<>();
    for (int i = 0; i < parameterAnnotations.length; i++) {
      String[] allowed = null;
      for (Annotation annotation : parameterAnnotations[i]) {
        if (annotation instanceof ObserveAttribute attribute) {
          keys[i] = attribute.value().isEmpty() ? method.getParameters()[i].getName() : attribute.value();
          allowed = attribute.tagValues().length == 0 ? null : attribute.tagValues();
        }
      }
      tagValues.add(allowed);
    }
    List<Class<? extends Throwable>> ignored = new java.util.ArrayList<>(ignoredEverywhere);
    if (observe != null) {
      ignored.addAll(Arrays.asList(observe.ignoreExceptions()));
    }
    return new Plan(name, observe, keys, tagValues, new ConcurrentHashMap<>(), observa.logger(targetClass.getName()),
        List.copyOf(ignored));
  }
}
