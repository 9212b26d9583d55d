package dev.observa.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** The dependency rules of the Observa build, as ArchUnit rules any set of imported classes can be checked by. */
final class ArchitectureRules {
  private ArchitectureRules() {}

  /** Core is the API: it depends on the JDK, the OpenTelemetry API and context, and the SLF4J API only. */
  static ArchRule coreDependsOnlyOnTheJdkAndOpenTelemetryApi() {
    return classes().that(inModule(Modules.CORE))
        .should().onlyDependOnClassesThat(inModule(Modules.CORE)
            .or(JavaClass.Predicates.resideInAnyPackage("java..", "io.opentelemetry.api..",
                "io.opentelemetry.context..", "org.slf4j..")))
        .because("core is the API every module and application compiles against");
  }

  /** Metrics, tracing and logging depend on core, never on one another (nor on the starter). */
  static ArchRule signalModulesDoNotDependOnEachOther() {
    return classes().that(inAnyModule(Modules.METRICS, Modules.TRACING, Modules.LOGGING))
        .should(dependOnlyOnOwnModuleAmongSignalsAndStarter())
        .because("each signal module can be used alone; the starter is the one place they meet");
  }

  /** An {@code internal} package is used by its own module only. */
  static ArchRule noModuleUsesAnotherModulesInternals() {
    return classes().should(notUseInternalsOfAnotherModule())
        .because("internal packages are not API and may change in any release");
  }

  /** The SPI is what backends implement: it uses the API types but never the facade or core's internals. */
  static ArchRule spiUsesNeitherTheFacadeNorInternals() {
    return classes().that().resideInAPackage("dev.observa.spi..")
        .should(notDependOnFacadeOrInternals())
        .because("backends implement the SPI; the facade is built from backends, not the other way round");
  }

  /** Core's API packages (instrument builders, context, spans, logs, redaction) do not use core's internals. */
  static ArchRule apiPackagesDoNotUseInternals() {
    return noClasses().that().resideInAnyPackage("dev.observa.meter..", "dev.observa.context..",
            "dev.observa.trace..", "dev.observa.log..", "dev.observa.annotation..", "dev.observa.http..",
            "dev.observa.redaction..")
        .should().dependOnClassesThat().resideInAPackage("dev.observa.internal..")
        .because("the API must not tie users to implementation classes");
  }

  /** Core's internals do not use the facade, so the facade → internal edge is the only one between them. */
  static ArchRule internalsDoNotUseTheFacade() {
    return noClasses().that().resideInAPackage("dev.observa.internal..")
        .should().dependOnClassesThat().resideInAPackage("dev.observa")
        .because("a cycle between the facade and its implementation makes neither replaceable");
  }

  /** No public method, constructor or field of a public API type takes or returns an internal type. */
  static ArchRule publicApiDoesNotExposeInternals() {
    return classes().that().arePublic()
        .and(DescribedPredicate.describe("are outside internal packages", type -> !Modules.isInternal(type.getPackageName())))
        .should(notExposeInternalTypes())
        .because("nothing internal is public API");
  }

  private static DescribedPredicate<JavaClass> inModule(String module) {
    return DescribedPredicate.describe("are in module " + module, type -> Modules.of(type).equals(module));
  }

  private static DescribedPredicate<JavaClass> inAnyModule(String... modules) {
    return DescribedPredicate.describe("are in one of " + String.join(", ", modules),
        type -> java.util.Arrays.asList(modules).contains(Modules.of(type)));
  }

  private static ArchCondition<JavaClass> dependOnlyOnOwnModuleAmongSignalsAndStarter() {
    return new ArchCondition<>("depend on no other signal module and not on the starter") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        String own = Modules.of(origin);
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          String target = Modules.of(dependency.getTargetClass());
          boolean forbidden = !target.equals(own) && (Modules.SIGNALS.contains(target) || target.equals(Modules.SPRING));
          if (forbidden) {
            events.add(SimpleConditionEvent.violated(dependency, own + " → " + target + ": " + dependency.getDescription()));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaClass> notUseInternalsOfAnotherModule() {
    return new ArchCondition<>("not use another module's internal packages") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        String own = Modules.of(origin);
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass();
          if (Modules.isInternal(target.getPackageName()) && !Modules.of(target).equals(own)) {
            events.add(SimpleConditionEvent.violated(dependency,
                own + " uses " + Modules.of(target) + "'s internals: " + dependency.getDescription()));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaClass> notDependOnFacadeOrInternals() {
    return new ArchCondition<>("not depend on dev.observa (the facade) or dev.observa.internal") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass();
          String pkg = target.getPackageName();
          boolean forbidden = pkg.equals("dev.observa") || pkg.equals("dev.observa.internal")
              || pkg.startsWith("dev.observa.internal.");
          if (forbidden) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaClass> notExposeInternalTypes() {
    return new ArchCondition<>("not expose internal types in public signatures") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        for (JavaCodeUnit unit : type.getCodeUnits()) {
          if (!unit.getModifiers().contains(JavaModifier.PUBLIC) || unit.getModifiers().contains(JavaModifier.SYNTHETIC)) {
            continue;
          }
          unit.getRawParameterTypes().forEach(parameter -> report(events, unit.getFullName(), parameter));
          report(events, unit.getFullName(), unit.getRawReturnType());
        }
        type.getFields().stream().filter(field -> field.getModifiers().contains(JavaModifier.PUBLIC))
            .forEach(field -> report(events, field.getFullName(), field.getRawType()));
      }

      private void report(ConditionEvents events, String member, JavaClass used) {
        JavaClass base = used.isArray() ? used.getBaseComponentType() : used;
        if (Modules.isInternal(base.getPackageName())) {
          events.add(SimpleConditionEvent.violated(member, member + " exposes " + base.getName()));
        }
      }
    };
  }
}
