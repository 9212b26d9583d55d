package dev.observa.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records a parameter of an {@link Observe observed} method as a span attribute and, if opted in, as a
 * metric tag limited to {@link #tagValues() a bounded set of values}.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ObserveAttribute {
  /** @return the attribute key; empty means the parameter name */
  String value() default "";

  /**
   * @return the values allowed as a metric tag; empty (the default) means the parameter never becomes
   *     a tag. Other values are tagged {@code other}.
   */
  String[] tagValues() default {};
}
