package io.aeroshift.plans;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code submitted_plan}: the plan YAML exactly as submitted, never rewritten. */
@Entity
@Table(name = "submitted_plan")
public class SubmittedPlanEntity {
  @Id
  @Column(name = "name")
  public String name;

  @Column(name = "team", nullable = false)
  public String team;

  @Column(name = "plan_yaml", nullable = false, columnDefinition = "TEXT")
  public String planYaml;

  @Column(name = "submitted_at", nullable = false)
  public Instant submittedAt;

  @Column(name = "submitted_by", nullable = false)
  public String submittedBy;
}
