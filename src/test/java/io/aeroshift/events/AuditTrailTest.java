package io.aeroshift.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditTrailTest {

  @Test
  void oneKeyValueLineWithQuotedValuesAndFlattenedData() {
    MigrationEvent e = new MigrationEvent("COMMAND", "m-1", "payments", "w1", null, null, "approve", "owner-payments",
        "looks \"good\" to me", Instant.parse("2026-12-07T04:00:00Z"), Map.of("validationId", "v-9", "records", 12));
    assertThat(AuditTrail.line(new StoredEvent(42, e))).isEqualTo(
        "seq=42 type=COMMAND at=2026-12-07T04:00:00Z migration=m-1 team=payments wave=w1 command=approve"
            + " by=owner-payments reason=\"looks \\\"good\\\" to me\" data.records=12 data.validationId=v-9");
  }
}
