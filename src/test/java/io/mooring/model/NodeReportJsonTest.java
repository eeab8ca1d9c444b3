package io.mooring.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tenant's line of a heartbeat as JSON: an older agent's row, without the optional fields, still reads. */
class NodeReportJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void anOlderRowReadsWithTheNewFieldsNull() throws Exception {
        NodeReport.Tenant old = JSON.readValue("""
                {"tenant":"acme","roles":["web"],"revision":"abc","status":"CONVERGED","lastPass":"2026-11-30T12:00:00Z",
                 "components":[{"component":"web","image":"i","digest":"d","state":"running","health":"healthy"}]}""", NodeReport.Tenant.class);
        assertThat(old).isEqualTo(new NodeReport.Tenant("acme", List.of("web"), "abc", "CONVERGED", Instant.parse("2026-11-30T12:00:00Z"),
                List.of(new NodeReport.Component("web", "i", "d", "running", "healthy"))));
        assertThat(old.lastBackup()).isNull();
        assertThat(old.certificateExpires()).isNull();
    }

    @Test
    void aNewRowKeepsThemAndAnOlderReaderSkipsThem() throws Exception {
        Instant at = Instant.parse("2026-11-30T12:00:00Z");
        NodeReport.Tenant now = new NodeReport.Tenant("acme", List.of(), "abc", "FAILED", at, List.of(), at, at, "disk full", at.plusSeconds(60));
        String written = JSON.writeValueAsString(now);
        assertThat(JSON.readValue(written, NodeReport.Tenant.class)).isEqualTo(now);
        assertThat(written).contains("\"backupError\":\"disk full\"").contains("\"certificateExpires\":\"2026-11-30T12:01:00Z\"");
    }
}
