package io.mooring.reconcile;

import io.mooring.plan.Plan;
import io.mooring.plan.SwarmPlan;

/** Who sees a pass's plan before it is applied: a tenant's on one host, or one that runs on Docker Swarm. */
@FunctionalInterface
public interface PlanShown {
    void shown(Plan plan);

    default void shown(SwarmPlan plan) {
    }
}
