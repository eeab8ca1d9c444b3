package io.mooring.inventory;

import io.mooring.model.Problem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Builds the node tree from the parser's events with a stack of open lists and mappings instead of recursion,
 * so that no nesting can exhaust the thread's stack. It is where a file's hazards are caught, each at its
 * line: an alias inside the node it refers to (which would make every later walk endless), the budget of
 * {@link AliasBudget}, tags other than plain data, duplicate keys. Merge keys are filled in as each mapping
 * closes ({@link MappingKeys}); what an alias refers to is always closed, hence already merged.
 */
final class NodeComposer {
    private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.MAP, Tag.SEQ);

    private final String file;
    private final Parser parser;
    private final Resolver resolver = new Resolver();
    private final AliasBudget budget;
    /** Node equality is identity, so these maps are keyed by the node itself. */
    private final Map<String, Node> anchors = new HashMap<>();
    private final Map<Node, AliasBudget.Size> sizes = new HashMap<>();
    private final Deque<Open> open = new ArrayDeque<>();
    /** Where a duplicate key is a warning (inventories, as in Ansible); null where it is an error (Compose files). */
    private final List<Problem> duplicateWarnings;

    private NodeComposer(String file, Parser parser, List<Problem> duplicateWarnings) {
        this.file = file;
        this.parser = parser;
        this.budget = new AliasBudget(file);
        this.duplicateWarnings = duplicateWarnings;
    }

    /**
     * The single document's root node, or null for an empty stream. With {@code duplicateWarnings}, a key
     * written twice in one mapping is a warning added there and the last one wins; without, it is an error.
     */
    static Node compose(String file, Parser parser, List<Problem> duplicateWarnings) {
        return new NodeComposer(file, parser, duplicateWarnings).single();
    }

    private Node single() {
        parser.getEvent();
        if (parser.checkEvent(Event.ID.StreamEnd)) {
            return null;
        }
        parser.getEvent();
        Node root = document();
        parser.getEvent();
        if (!parser.checkEvent(Event.ID.StreamEnd)) {
            throw budget.refused(parser.peekEvent().getStartMark(), "expected a single document in the stream, but found another document");
        }
        return root;
    }

    private Node document() {
        while (true) {
            Event event = parser.getEvent();
            Node done;
            if (event instanceof ScalarEvent scalar) {
                done = scalar(scalar);
            } else if (event instanceof AliasEvent alias) {
                done = alias(alias);
            } else if (event instanceof CollectionStartEvent start) {
                begin(start);
                continue;
            } else if (event instanceof CollectionEndEvent end) {
                done = close(end.getEndMark());
            } else {
                continue;
            }
            if (open.isEmpty()) {
                return done;
            }
            if (open.peek().expectsKey()) {
                checkKey(done);
            }
            open.peek().add(done);
        }
    }

    private Node scalar(ScalarEvent event) {
        Tag tag = event.getTag() == null || event.getTag().equals("!")
                ? resolver.resolve(NodeId.scalar, event.getValue(), event.getImplicit().canOmitTagInPlainScalar())
                : allowed(new Tag(event.getTag()), event.getStartMark());
        ScalarNode node = new ScalarNode(tag, true, event.getValue(), event.getStartMark(), event.getEndMark(), event.getScalarStyle());
        AliasBudget.Size size = AliasBudget.Size.scalar(event.getValue());
        budget.add(size, event.getStartMark());
        if (event.getAnchor() != null) {
            anchors.put(event.getAnchor(), node);
            sizes.put(node, size);
        }
        return node;
    }

    private Node alias(AliasEvent event) {
        String name = event.getAnchor();
        Node target = anchors.get(name);
        if (target == null) {
            throw budget.refused(event.getStartMark(), "alias *" + name + " refers to no anchor &" + name + " before it");
        }
        if (open.stream().anyMatch(o -> o.node == target)) {
            throw budget.refused(event.getStartMark(), "alias *" + name + " is inside the " + kind(target) + " &" + name
                    + " it refers to; a recursive alias never ends and is refused");
        }
        budget.alias(name, sizes.get(target), open.size(), event.getStartMark());
        return target;
    }

    private void begin(CollectionStartEvent event) {
        boolean mapping = event instanceof MappingStartEvent;
        NodeId id = mapping ? NodeId.mapping : NodeId.sequence;
        Tag tag = event.getTag() == null || event.getTag().equals("!")
                ? resolver.resolve(id, null, event.getImplicit()) : allowed(new Tag(event.getTag()), event.getStartMark());
        Mark at = event.getStartMark();
        Node node = mapping
                ? new MappingNode(tag, true, new ArrayList<>(), at, null, event.getFlowStyle())
                : new SequenceNode(tag, true, new ArrayList<>(), at, null, event.getFlowStyle());
        open.push(new Open(node, event.getAnchor(), budget.nodes(), budget.chars()));
        budget.open(open.size(), at);
        if (event.getAnchor() != null) {
            anchors.put(event.getAnchor(), node);
        }
    }

    private Node close(Mark end) {
        Open done = open.pop();
        if (done.node instanceof MappingNode mapping) {
            mapping.setValue(MappingKeys.merge(budget, mapping.getValue()));
            if (duplicateWarnings == null) {
                MappingKeys.refuseDuplicates(budget, mapping.getValue());
            } else {
                mapping.setValue(MappingKeys.keepLast(mapping.getValue(), file, duplicateWarnings));
            }
        }
        ((CollectionNode<?>) done.node).setEndMark(end);
        AliasBudget.Size size = new AliasBudget.Size(budget.nodes() - done.nodes, budget.chars() - done.chars, done.height + 1);
        if (done.anchor != null) {
            sizes.put(done.node, size);
        }
        if (!open.isEmpty()) {
            open.peek().height = Math.max(open.peek().height, size.height());
        }
        return done.node;
    }

    /**
     * A key is a name: longer ones serve no file and would be repeated in the path of every value under them,
     * in messages and the schema check alike.
     */
    private void checkKey(Node key) {
        if (key instanceof ScalarNode scalar && scalar.getValue().length() > AliasBudget.MAX_KEY_CHARS) {
            throw budget.refused(key.getStartMark(), "a key of " + scalar.getValue().length() + " characters; keys are at most "
                    + AliasBudget.MAX_KEY_CHARS);
        }
    }

    /** Language-specific tags (!!python/object, !!java...) and custom ones are refused, never resolved. */
    private Tag allowed(Tag tag, Mark at) {
        if (!PLAIN_TAGS.contains(tag) && !tag.equals(Tag.MERGE)) {
            throw budget.refused(at, "YAML tag " + tag.getValue() + " is not allowed; write plain strings, numbers, lists and maps");
        }
        return tag;
    }

    private static String kind(Node node) {
        return node instanceof MappingNode ? "mapping" : "list";
    }

    /** A list or mapping whose end has not been read yet, with the budget's totals when it began. */
    private static final class Open {
        final Node node;
        final String anchor;
        final long nodes;
        final long chars;
        Node key;
        int height;

        Open(Node node, String anchor, long nodes, long chars) {
            this.node = node;
            this.anchor = anchor;
            this.nodes = nodes;
            this.chars = chars;
        }

        boolean expectsKey() {
            return node instanceof MappingNode && key == null;
        }

        /** A complete child: an item of a list, or alternately a key and its value in a mapping. */
        void add(Node child) {
            if (node instanceof SequenceNode seq) {
                seq.getValue().add(plainUnlessKey(child));
                return;
            }
            if (key == null) {
                key = child;
                return;
            }
            ((MappingNode) node).getValue().add(new NodeTuple(key, plainUnlessKey(child)));
            key = null;
        }

        /** {@code <<} means a merge only as a key; anywhere else it is the text it is. */
        private static Node plainUnlessKey(Node value) {
            if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.MERGE)) {
                scalar.setTag(Tag.STR);
            }
            return value;
        }
    }
}
