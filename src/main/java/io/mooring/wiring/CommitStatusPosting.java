package io.mooring.wiring;

import io.dropwizard.lifecycle.Managed;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import io.mooring.commitstatus.CommitStatuses;
import io.mooring.commitstatus.Provider;
import io.mooring.commitstatus.StatusSender;
import io.mooring.commitstatus.StatusTarget;
import io.mooring.config.CommitStatusConfig;
import io.mooring.model.AgentEvents;

/**
 * The {@code commitStatus:} block as the agent's listener that posts commit statuses, its sender's thread started and
 * stopped with the agent; {@link AgentEvents#NONE} when the block is off.
 */
public final class CommitStatusPosting {
    private CommitStatusPosting() {
    }

    /** The listener of {@code block}, {@code api} and {@code repository} derived from the agent's {@code repo} when left out. */
    public static AgentEvents listener(CommitStatusConfig block, String repo, LifecycleEnvironment lifecycle) {
        if (block == null || !block.enabled()) {
            return AgentEvents.NONE;
        }
        StatusTarget target = new StatusTarget(Provider.named(block.getProvider()), required(block.api(repo), "api"),
                required(block.repository(repo), "repository"), block.token().orElseThrow(
                        () -> new IllegalStateException("commitStatus.tokenFile is not set: name a file holding the access token")),
                block.getPageUrl());
        StatusSender sender = new StatusSender(target, StatusSender.Settings.DEFAULT);
        lifecycle.manage(new Managed() {
            @Override
            public void start() {
                sender.start();
            }

            @Override
            public void stop() throws InterruptedException {
                sender.stop();
            }
        });
        return new CommitStatuses(sender);
    }

    private static String required(java.util.Optional<String> value, String field) {
        return value.orElseThrow(() -> new IllegalStateException("commitStatus." + field + " is not set and cannot be derived from repo"));
    }
}
