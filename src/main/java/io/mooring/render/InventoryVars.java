package io.mooring.render;

import io.mooring.model.Host;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Inventory;
import io.mooring.model.Jinja;
import io.mooring.model.Location;
import io.mooring.model.Problem;
import io.mooring.model.VarRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The inventory's variables with their Jinja filled in, lazily and per host as Ansible does: a value is
 * evaluated when something uses it, in the context of its host ({@code hostvars['h'].v} in the context of h).
 * A variable referring to itself, directly or through others, is an error naming the cycle; references nest
 * at most {@link #MAX_DEPTH} deep, a value is at most {@link #MAX_CHARS} long and all of them together at most
 * {@link #MAX_TOTAL_CHARS}, so no file can make this recurse or grow without bound. Each value is evaluated
 * once per host, and one instance serves a whole render of a tenant, every host of it: {@code hostvars} of
 * another host reuse what was filled in there. References looked up in one render are at most
 * {@link #MAX_LOOKUPS}, so that empty values, which add no characters, cannot make it take unbounded time. Each distinct
 * value is parsed once per render, and a value refused on a host is refused again from what was found the first time, not
 * filled in again: a refused value costs its work once, however many components use it.
 */
final class InventoryVars {
    static final int MAX_DEPTH = 32;
    static final int MAX_CHARS = 64 * 1024;
    /** What all the evaluated values of one render may add up to: a file cannot make the agent hold more. */
    static final long MAX_TOTAL_CHARS = 4L << 20;
    /** References ({@code var}, {@code hostvars['h'].var}) one render may look up, reused values included. */
    static final long MAX_LOOKUPS = 1_000_000;
    /** What the tenant's templates (components.yml, env files) may hold together once filled in, in one render. */
    static final long MAX_RENDER_CHARS = 64L << 20;
    private static final String VAULT = "vault_";

    private final Inventory inventory;
    /** The hosts by name, looked up once for every {@code hostvars['h']}: a hash, not the inventory's sorted map. */
    private final Map<String, Host> hosts;
    /** Values filled in or refused, as host/name; not those refused only for the depth they were reached at. */
    private final Map<String, Filled> done = new HashMap<>();
    /** The raw values seen, whether each holds Jinja and, when it does, its parts. */
    private final Map<String, List<Jinja.Part>> parsed = new HashMap<>();
    private final Map<String, Boolean> templates = new HashMap<>();
    /** The last refusal for depth: it depends on the way the value was reached, so it is not remembered. */
    private InvalidConfigException tooDeep;
    /** The variables being evaluated, outermost first, as host/name; a repeat is a cycle. */
    private final LinkedHashSet<String> evaluating = new LinkedHashSet<>();
    private long produced;
    private long lookups;
    private long filledIn;
    /** The problem of the value that crossed {@link #MAX_RENDER_CHARS}: every further value is refused with it. */
    private Problem overRender;

    InventoryVars(Inventory inventory) {
        this.inventory = inventory;
        this.hosts = new HashMap<>(inventory.hostMap());
    }

    /** A value filled in, or why it was refused: asked again, it is refused again the same way. */
    private record Filled(String filled, InvalidConfigException refused) {
        String value() {
            if (refused != null) {
                throw refused;
            }
            return filled;
        }
    }

    /** Thrown inside an evaluation for a name that is not defined, so that a default can take its place. */
    private static final class Undefined extends RuntimeException {
        final String what;
        final boolean secret;
        final boolean noHost;

        Undefined(String what, boolean secret, boolean noHost) {
            super(what, null, false, false);
            this.what = what;
            this.secret = secret;
            this.noHost = noHost;
        }
    }

    /** True once this render has used up its lookups: every further value would be refused the same way. */
    boolean exhausted() {
        return lookups > MAX_LOOKUPS || overRender != null;
    }

    /** Counts a template's value once filled in against {@link #MAX_RENDER_CHARS}; past it, refused where it crossed. */
    void filledIn(long chars, Location at) {
        if (overRender == null) {
            filledIn += chars;
            if (filledIn > MAX_RENDER_CHARS) {
                overRender = new Problem(at, "the tenant's values once filled in add up to more than " + MAX_RENDER_CHARS
                        + " characters (the limit of one render); refused here, where they crossed it");
            }
        }
        if (overRender != null) {
            throw new InvalidConfigException(List.of(overRender));
        }
    }

    /** The variable's value on the host, its Jinja filled in; null when the host does not define it. */
    String value(Host host, String name) {
        String raw = host.vars().get(name);
        if (raw == null || !templates.computeIfAbsent(raw, Jinja::isTemplate)) {
            return raw;
        }
        String key = host.name() + "\0" + name;
        Filled known = done.get(key);
        if (known != null) {
            return known.value();
        }
        Location at = host.origin(name);
        if (evaluating.contains(key)) {
            throw new InvalidConfigException(at, name + " refers to itself through " + cycle(key)
                    + "; Ansible would stop with a recursion error too: write a value somewhere in the cycle");
        }
        if (evaluating.size() >= MAX_DEPTH) {
            tooDeep = new InvalidConfigException(at, name + ": variables refer to each other more than " + MAX_DEPTH + " deep; write the value");
            throw tooDeep;
        }
        evaluating.add(key);
        try {
            String value = evaluate(host, name, raw, at);
            // What a literal value is checked for where it is written, this one is checked for once filled in.
            String problem = VarRules.problem(name, value);
            if (problem != null) {
                throw new InvalidConfigException(at, problem + " (its value " + Jinja.shorten(raw) + " once filled in for host "
                        + host.name() + ")");
            }
            done.put(key, new Filled(value, null));
            return value;
        } catch (InvalidConfigException e) {
            if (e != tooDeep) {
                done.put(key, new Filled(null, e));
            }
            throw e;
        } finally {
            evaluating.remove(key);
        }
    }

    private String evaluate(Host host, String name, String raw, Location at) {
        List<Jinja.Part> parts;
        try {
            parts = parsed.computeIfAbsent(raw, Jinja::parse);
        } catch (Jinja.Unsupported e) {
            throw new InvalidConfigException(at, name + ": " + e.getMessage());
        }
        StringBuilder out = new StringBuilder();
        for (Jinja.Part part : parts) {
            if (part instanceof Jinja.Text text) {
                append(out, text.text(), name, at);
                continue;
            }
            Jinja.Expression expression = (Jinja.Expression) part;
            try {
                for (Jinja.Term term : expression.terms()) {
                    append(out, term(host, term, name, at), name, at);
                }
            } catch (Undefined e) {
                throw new InvalidConfigException(at, e.noHost ? name + ": " + expression.source() + " names host " + e.what
                        + ", which is not in this inventory; its hosts are " + hosts() : e.secret
                        ? name + ": " + expression.source() + " names the secret " + e.what + ", which is not defined: put it in the tenant's"
                        + " secrets.yml.age (encrypted with age: `mooring secrets edit`; the deploy tool's vault cannot be read)"
                        : name + ": " + expression.source() + " refers to " + e.what + ", which is not defined; define it, or write "
                        + "| default(...)" + (e.what.equals("playbook_dir") ? " (playbook_dir is the deploy tool's folder; Mooring has none)" : ""));
            }
        }
        return out.toString();
    }

    /**
     * Adds a piece to a value being filled in, checked before it is added: the value's length, and everything
     * this render has filled in, reused values included, so that neither can grow past its limit first.
     */
    private void append(StringBuilder out, String piece, String name, Location at) {
        if (out.length() + (long) piece.length() > MAX_CHARS) {
            throw new InvalidConfigException(at, name + ": its value once filled in is longer than " + MAX_CHARS
                    + " characters (the limit of one value); refused");
        }
        produced += piece.length();
        if (produced > MAX_TOTAL_CHARS) {
            throw new InvalidConfigException(at, name + ": the inventory's values once filled in add up to more than "
                    + MAX_TOTAL_CHARS + " characters (the limit of one render); refused");
        }
        out.append(piece);
    }

    private String term(Host host, Jinja.Term term, String name, Location at) {
        if (term instanceof Jinja.Literal literal) {
            return literal.value();
        }
        if (++lookups > MAX_LOOKUPS) {
            throw new InvalidConfigException(at, name + ": filling in " + inventory.file() + "'s values looked up more than "
                    + MAX_LOOKUPS + " references ({{ var }}, {{ hostvars['host'].var }}) in one render; refused: write"
                    + " the values instead of joining many hosts' variables");
        }
        if (term instanceof Jinja.Var var) {
            String value = value(host, var.name());
            if (value == null) {
                throw new Undefined(var.name(), var.name().startsWith(VAULT), false);
            }
            return value;
        }
        if (term instanceof Jinja.HostVar hostVar) {
            Host other = hosts.get(hostVar.host());
            if (other == null) {
                throw new Undefined(hostVar.host(), false, true);
            }
            String value = value(other, hostVar.name());
            if (value == null) {
                throw new Undefined("hostvars['" + hostVar.host() + "']." + hostVar.name(), hostVar.name().startsWith(VAULT), false);
            }
            return value;
        }
        // The fallbacks in a loop, not one call per filter: the chain is as long as the file makes it.
        Jinja.Defaulted defaulted = (Jinja.Defaulted) term;
        String value;
        Undefined undefined = null;
        try {
            value = term(host, defaulted.value(), name, at);
        } catch (Undefined e) {
            value = null;
            undefined = e;
        }
        for (Jinja.Fallback fallback : defaulted.fallbacks()) {
            if (value == null || fallback.ifEmpty() && value.isEmpty()) {
                try {
                    value = term(host, fallback.term(), name, at);
                    undefined = null;
                } catch (Undefined e) {
                    value = null;
                    undefined = e;
                }
            }
        }
        if (value == null) {
            throw undefined;
        }
        return value;
    }

    /** The inventory's hosts for a message: the first twenty, and how many more. */
    private String hosts() {
        List<String> names = inventory.hostMap().keySet().stream().limit(20).toList();
        int more = inventory.hostMap().size() - names.size();
        return names + (more > 0 ? " and " + more + " more" : "");
    }

    private String cycle(String repeated) {
        List<String> names = new ArrayList<>();
        boolean in = false;
        for (String key : evaluating) {
            in = in || key.equals(repeated);
            if (in) {
                names.add(describe(key));
            }
        }
        names.add(describe(repeated));
        return String.join(" -> ", names);
    }

    private static String describe(String key) {
        int split = key.indexOf('\0');
        return key.substring(split + 1) + " (host " + key.substring(0, split) + ")";
    }
}
