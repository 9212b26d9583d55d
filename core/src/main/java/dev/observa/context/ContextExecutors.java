package dev.observa.context;

import io.opentelemetry.context.Context;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Carries the shared context across threads. Each task runs with the context that was current when it
 * was <em>submitted</em>, and the worker's previous context is restored when the task ends, so a pooled
 * thread never keeps a previous request's trace id or tenant.
 *
 * <pre>{@code
 * ExecutorService pool = ContextExecutors.wrap(Executors.newFixedThreadPool(4));
 * CompletableFuture<String> f = ContextExecutors.supplyAsync(() -> lookup(id), pool);
 * }</pre>
 *
 * <p>Virtual threads: a virtual thread started with {@code Thread.ofVirtual().start(task)} does not
 * inherit the context; wrap the task ({@code Context.current().wrap(task)}) or submit it to a wrapped
 * {@code Executors.newVirtualThreadPerTaskExecutor()}. {@code ThreadLocal}-based context works on
 * virtual threads as on platform threads.
 *
 * @since 0.1.0
 */
public final class ContextExecutors {
  private ContextExecutors() {}

  /**
   * @param executor an executor
   * @return one that runs each task in the submitter's context
   */
  public static Executor wrap(Executor executor) {
    return Context.taskWrapping(executor);
  }

  /**
   * @param executor an executor service
   * @return one that runs each task in the submitter's context
   */
  public static ExecutorService wrap(ExecutorService executor) {
    return Context.taskWrapping(executor);
  }

  /**
   * @param executor a scheduled executor service
   * @return one that runs each task, including scheduled and periodic ones, in the submitter's context
   */
  public static ScheduledExecutorService wrap(ScheduledExecutorService executor) {
    return new ContextScheduledExecutor(executor);
  }

  /**
   * @param supplier the work
   * @param executor where it runs
   * @param <T> its result type
   * @return a future completed on {@code executor}, with the caller's context current while the work runs
   */
  public static <T> CompletableFuture<T> supplyAsync(Supplier<T> supplier, Executor executor) {
    return CompletableFuture.supplyAsync(Context.current().wrapSupplier(supplier), executor);
  }

  /**
   * @param task the work
   * @param executor where it runs
   * @return a future completed on {@code executor}, with the caller's context current while the work runs
   */
  public static CompletableFuture<Void> runAsync(Runnable task, Executor executor) {
    return CompletableFuture.runAsync(Context.current().wrap(task), executor);
  }

  /** Delegates to a scheduled executor, wrapping every task in the submitter's context. */
  private static final class ContextScheduledExecutor implements ScheduledExecutorService {
    private final ScheduledExecutorService delegate;
    private final ExecutorService wrapped;

    ContextScheduledExecutor(ScheduledExecutorService delegate) {
      this.delegate = delegate;
      this.wrapped = Context.taskWrapping(delegate);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      return delegate.schedule(Context.current().wrap(command), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
      return delegate.schedule(Context.current().wrap(callable), delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
      return delegate.scheduleAtFixedRate(Context.current().wrap(command), initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
      return delegate.scheduleWithFixedDelay(Context.current().wrap(command), initialDelay, delay, unit);
    }

    @Override
    public void shutdown() {
      delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
      return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
      return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return delegate.awaitTermination(timeout, unit);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
      return wrapped.submit(task);
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
      return wrapped.submit(task, result);
    }

    @Override
    public Future<?> submit(Runnable task) {
      return wrapped.submit(task);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
      return wrapped.invokeAll(tasks);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
        throws InterruptedException {
      return wrapped.invokeAll(tasks, timeout, unit);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
      return wrapped.invokeAny(tasks);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      return wrapped.invokeAny(tasks, timeout, unit);
    }

    @Override
    public void execute(Runnable command) {
      wrapped.execute(command);
    }
  }
}
