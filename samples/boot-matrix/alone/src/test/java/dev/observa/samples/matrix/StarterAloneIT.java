package dev.observa.samples.matrix;

import org.springframework.boot.test.context.SpringBootTest;

/** The starter alone: Observa's own OpenTelemetry SDK handles every Observation. */
@SpringBootTest(classes = MatrixApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.application.name=matrix", "management.endpoints.web.exposure.include=health,prometheus,traces",
        "observa.tracing.recent-traces=1000"})
class StarterAloneIT extends OneInstrumentationContract {}
