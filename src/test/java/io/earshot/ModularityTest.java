package io.earshot;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Keeps the features honest: data flows one way (ingest → classify → conversation → routing/followup →
 * alerting), no feature depends on one downstream of it, there are no cycles, and nobody reaches into
 * another feature's {@code internal} package.
 */
class ModularityTest {

    /** Which features each feature may use; everything may use platform. */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("platform", Set.of()),
            Map.entry("ingest", Set.of()),
            Map.entry("classify", Set.of()),
            Map.entry("conversation", Set.of("ingest", "classify")),
            Map.entry("routing", Set.of("conversation", "classify", "ingest")),
            Map.entry("followup", Set.of("conversation", "classify", "ingest", "routing")),
            Map.entry("listening", Set.of("conversation", "classify", "ingest")),
            Map.entry("alerting", Set.of("conversation", "followup", "listening", "routing", "classify", "ingest")),
            Map.entry("reporting", Set.of("conversation", "followup", "listening", "routing", "classify", "ingest")),
            Map.entry("api", Set.of("conversation", "followup", "listening", "routing", "classify", "ingest", "alerting", "reporting")),
            Map.entry("web", Set.of("conversation", "followup", "listening", "routing", "classify", "ingest", "alerting", "reporting")),
            Map.entry("demo", Set.of("conversation", "followup", "ingest", "classify")),
            Map.entry("cli", Set.of("conversation", "followup", "listening", "routing", "classify", "ingest", "alerting", "reporting")));

    final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.earshot");

    @Test
    void featuresAreFreeOfCycles() {
        slices().matching("io.earshot.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void dataFlowsOneWay() {
        ArchRuleDefinition.classes().that(inAFeature()).should(onlyUseAllowedFeatures()).check(classes);
    }

    @Test
    void nobodyReachesIntoAnotherFeaturesInternals() {
        for (String feature : ALLOWED.keySet()) {
            ArchRuleDefinition.noClasses().that().resideOutsideOfPackage("io.earshot." + feature + "..")
                    .should().dependOnClassesThat().resideInAPackage("io.earshot." + feature + ".internal..")
                    .allowEmptyShould(true).check(classes);
        }
    }

    private static DescribedPredicate<JavaClass> inAFeature() {
        return new DescribedPredicate<>("are in a feature package") {
            @Override
            public boolean test(JavaClass c) {
                return feature(c) != null;
            }
        };
    }

    private static ArchCondition<JavaClass> onlyUseAllowedFeatures() {
        return new ArchCondition<>("only use the features upstream of them") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                String own = feature(c);
                c.getDirectDependenciesFromSelf().forEach(d -> {
                    String target = feature(d.getTargetClass());
                    if (target != null && !target.equals(own) && !target.equals("platform")
                            && !ALLOWED.getOrDefault(own, Set.of()).contains(target)) {
                        events.add(SimpleConditionEvent.violated(d, own + " must not depend on " + target + ": " + d.getDescription()));
                    }
                });
            }
        };
    }

    static String feature(JavaClass c) {
        String p = c.getPackageName();
        if (!p.startsWith("io.earshot.")) {
            return null;
        }
        String rest = p.substring("io.earshot.".length());
        int dot = rest.indexOf('.');
        String f = dot < 0 ? rest : rest.substring(0, dot);
        return ALLOWED.containsKey(f) ? f : null;
    }
}
