package io.onlinelearner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The packages' arrows point down only: the core (the maths, the model, the learner and the
 * serde) never reaches up into the parts that run it (Kafka topology, HTTP, metrics, CLI, the
 * application, the benchmark, the embedded broker, the configuration), {@code model}, which
 * parses records, knows nothing of the {@code learner} that consumes them, and neither knows of
 * {@code labels}, which joins labels to served predictions on top of the learner; the HTTP API reads
 * the metrics' model histories, so {@code metrics} never reaches into {@code http}.
 */
@AnalyzeClasses(packages = "io.onlinelearner", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] CORE = {
        "io.onlinelearner.optim..",
        "io.onlinelearner.model..",
        "io.onlinelearner.stopping..",
        "io.onlinelearner.schedule..",
        "io.onlinelearner.drift..",
        "io.onlinelearner.features..",
        "io.onlinelearner.learner..",
        "io.onlinelearner.labels..",
        "io.onlinelearner.serde.."
    };

    private static final String[] OUTER = {
        "io.onlinelearner.topology..",
        "io.onlinelearner.http..",
        "io.onlinelearner.metrics..",
        "io.onlinelearner.cli..",
        "io.onlinelearner.app..",
        "io.onlinelearner.bench..",
        "io.onlinelearner.broker..",
        "io.onlinelearner.config..",
        "io.onlinelearner.store.."
    };

    @ArchTest
    static final ArchRule coreNeverDependsOnTheOuterPackages = noClasses()
            .that()
            .resideInAnyPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(OUTER);

    @ArchTest
    static final ArchRule modelNeverDependsOnTheLearner = noClasses()
            .that()
            .resideInAPackage("io.onlinelearner.model..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.onlinelearner.learner..");

    @ArchTest
    static final ArchRule theLearnerNeverDependsOnLabels = noClasses()
            .that()
            .resideInAnyPackage("io.onlinelearner.model..", "io.onlinelearner.learner..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.onlinelearner.labels..");

    @ArchTest
    static final ArchRule metricsNeverDependsOnTheHttpApi = noClasses()
            .that()
            .resideInAPackage("io.onlinelearner.metrics..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.onlinelearner.http..");

    @ArchTest
    static final ArchRule coreNeverDependsOnKafka = noClasses()
            .that()
            .resideInAnyPackage(CORE)
            .and()
            .resideOutsideOfPackage("io.onlinelearner.serde..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.kafka..");
}
