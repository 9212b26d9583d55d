package dev.observa.spring.observation;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The OpenTelemetry scopes Observa opens for others (Observation scopes, contexts Reactor restores from its
 * {@code Context}), per thread, as one stack: closing restores exactly the context that was current when the
 * scope opened, also when scopes close out of order (the scope above a closed one then restores what the
 * closed one would have); a scope closed on a thread that never opened it changes nothing there. A reset
 * (context-propagation clearing a pooled thread) empties the thread's stack and leaves the root context
 * current. One stack for both kinds, because context-propagation closes them in the order it opened them.
 */
final class ThreadScopes {
  /** The stack every scope of the handler and of {@link ObservaContextAccessor} goes on. */
  static final ThreadScopes SHARED = new ThreadScopes();

  private static final class Entry {
    final Object owner;
    final Context context;
    final Scope scope;
    Context previous;
    boolean inherited;

    Entry(Object owner, Context context, Context previous, Scope scope) {
      this.owner = owner;
      this.context = context;
      this.previous = previous;
      this.scope = scope;
    }
  }

  private final ThreadLocal<ArrayDeque<Entry>> stacks = ThreadLocal.withInitial(ArrayDeque::new);

  /**
   * @param owner closes it ({@link #close}); the most recent scope of an owner closes first
   * @param context made current
   */
  void open(Object owner, Context context) {
    Context previous = Context.current();
    Scope scope = context.makeCurrent();
    stacks.get().push(new Entry(owner, context, previous, scope));
  }

  /** @return whether {@code owner} has a scope open on this thread */
  boolean holds(Object owner) {
    for (Entry entry : stacks.get()) {
      if (entry.owner == owner) {
        return true;
      }
    }
    return false;
  }

  void close(Object owner) {
    ArrayDeque<Entry> stack = stacks.get();
    Entry top = stack.peekFirst();
    if (top != null && top.owner == owner) {
      // the usual order: the most recent scope closes first (no iterator)
      stack.pollFirst();
      restore(top);
      return;
    }
    Entry above = null;
    for (Iterator<Entry> it = stack.iterator(); it.hasNext(); ) {
      Entry entry = it.next();
      if (entry.owner != owner) {
        above = entry;
        continue;
      }
      it.remove();
      if (above != null) {
        // a scope opened later is still open: it now restores what this one would have
        above.previous = entry.previous;
        above.inherited = true;
      } else {
        restore(entry);
      }
      return;
    }
  }

  private static void restore(Entry entry) {
    if (!entry.inherited && Context.current() == entry.context) {
      entry.scope.close();
    } else {
      entry.previous.makeCurrent();
    }
  }

  void reset() {
    stacks.get().clear();
    Context.root().makeCurrent();
  }
}
