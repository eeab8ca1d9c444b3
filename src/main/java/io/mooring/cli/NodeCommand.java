package io.mooring.cli;

import io.dropwizard.core.setup.Bootstrap;
import io.mooring.config.AgentConfig;
import io.mooring.model.ClusterStatus;
import io.mooring.state.ClusterState;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;
import java.util.function.Supplier;

/**
 * {@code mooring node remove N [--config F]}: forgets a node that is gone for good (its heartbeat and any lease it
 * holds), refused while the node is up, since its agent would only report again.
 */
public final class NodeCommand extends MooringCommand<NodeCommand.Options> {
    record Options(AgentConfig config, String node) {
    }

    public NodeCommand() {
        super("node", "Forget a node of the cluster that is gone for good (node remove N)");
    }

    @Override
    public void configure(Subparser parser) {
        Subparsers actions = parser.addSubparsers().dest("action").title("actions");
        Subparser remove = actions.addParser("remove").help("forget a node that is down for good: its heartbeat and any lease it holds");
        remove.addArgument("name").metavar("N").help("the node's name, as mooring status --all shows it");
        ClusterAccess.option(remove);
    }

    @Override
    protected Options options(Supplier<Bootstrap<?>> bootstrap, Namespace namespace) {
        return new Options(ClusterAccess.config(bootstrap, namespace, "node remove"), namespace.getString("name"));
    }

    @Override
    protected void run(Options options) throws Exception {
        String node = options.node();
        String shownName = StatusTable.printable(node);
        try (ClusterAccess access = ClusterAccess.open(options.config())) {
            ClusterState.Snapshot snapshot = access.read();
            var shown = ClusterStatus.of(snapshot.nodes(), snapshot.leader(), snapshot.now()).node(node);
            if (shown.isPresent() && ClusterStatus.UP.equals(shown.get().state())) {
                throw new UserError("mooring node remove: node " + shownName + " is up (last heartbeat " + shown.get().lastSeen()
                        + "); stop its agent for good first, then remove it once `mooring status --all` shows it down"
                        + " (after " + ClusterStatus.MISSED + " missed heartbeats); nothing was removed");
            }
            if (shown.isPresent() && ClusterStatus.NOT_ATTACHED.equals(shown.get().state())) {
                throw new UserError("mooring node remove: node " + shownName + " never reported; an inventory names it, which is what"
                        + " `mooring status --all` shows: remove the host from that tenant's inventory; nothing was removed");
            }
            if (!access.cluster.forget(node)) {
                throw new UserError("mooring node remove: no node " + shownName + " in the cluster's state (`mooring status --all` lists"
                        + " the nodes); nothing was removed");
            }
            System.out.println("node " + shownName + " forgotten: its heartbeat and any lease it held are removed");
        }
    }
}
