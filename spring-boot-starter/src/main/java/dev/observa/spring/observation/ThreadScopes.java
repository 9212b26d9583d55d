package dev.observa.spring.observation;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The OpenTelemetry scopes the handler opened, per thread, as a stack: closing restores exactly the context
 * that was current when the scope opened, also when scopes close out of order (the scope above a closed one
 * then restores what the closed one would have); a scope closed on a thread that never opened it changes
 * nothing there. A reset (context-propagation clearing a pooled thread) empties the thread's stack and
 * leaves the root context current.
 */
final class ThreadScopes {
  private static final class Entry {
    final ObservationSpan owner;
    final Scope scope;
    Context previous;
    boolean inherited;

    Entry(ObservationSpan owner, Context previous, Scope scope) {
      this.owner = owner;
      this.previous = previous;
      this.scope = scope;
    }
  }

  private final ThreadLocal<ArrayDeque<Entry>> stacks = ThreadLocal.withInitial(ArrayDeque::new);

  void open(ObservationSpan state) {
    Context previous = Context.current();
    Scope scope = state.context.makeCurrent();
    stacks.get().push(new Entry(state, previous, scope));
  }

  void close(ObservationSpan state) {
    ArrayDeque<Entry> stack = stacks.get();
    Entry top = stack.peekFirst();
    if (top != null && top.owner == state) {
      // the usual order: the most recent scope closes first (no iterator)
      stack.pollFirst();
      restore(top, state);
      return;
    }
    Entry above = null;
    for (Iterator<Entry> it = stack.iterator(); it.hasNext(); ) {
      Entry entry = it.next();
      if (entry.owner != state) {
        above = entry;
        continue;
      }
      it.remove();
      if (above != null) {
        // a scope opened later is still open: it now restores what this one would have
        above.previous = entry.previous;
        above.inherited = true;
      } else {
        restore(entry, state);
      }
      return;
    }
  }

  private static void restore(Entry entry, ObservationSpan state) {
    if (!entry.inherited && Context.current() == state.context) {
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
