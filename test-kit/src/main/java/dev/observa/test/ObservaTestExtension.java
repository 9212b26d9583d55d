package dev.observa.test;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test method a fresh {@link ObservaCapture} as a parameter and closes it after the test.
 *
 * <pre>{@code
 * @ExtendWith(ObservaTestExtension.class)
 * class CheckoutTest {
 *   @Test
 *   void requestIsCorrelated(ObservaCapture capture) { … capture.requireCorrelated(traceId); }
 * }
 * }</pre>
 *
 * <p>The capture has default settings; a test that needs a service name or declared keys calls
 * {@link ObservaCapture#start(java.util.function.UnaryOperator)} itself. Tests sharing the global Observa and
 * the Logback root logger must not run in parallel.
 *
 * @since 0.1.0
 */
public final class ObservaTestExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ObservaTestExtension.class);

  /** Used by JUnit. */
  public ObservaTestExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ObservaCapture.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getStore(NAMESPACE).computeIfAbsent(ObservaCapture.class, key -> ObservaCapture.start(),
        ObservaCapture.class);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ObservaCapture capture = context.getStore(NAMESPACE).remove(ObservaCapture.class, ObservaCapture.class);
    if (capture != null) {
      capture.close();
    }
  }
}
