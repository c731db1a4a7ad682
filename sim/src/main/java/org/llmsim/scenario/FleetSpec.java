package org.llmsim.scenario;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A fleet: the scenario's cluster repeated as independent router domains, each a set of pools behind its own router,
 * fed its share of the traffic, sharing nothing with the others (no requests cross between domains). Either
 * {@code copies: N} identical domains, each with a share of 1/N, or a list of {@code domains}, each with its share
 * and its own {@code --set}-style assignments on top of the scenario (more replicas here, another GPU there).
 *
 * <pre>
 * fleet:
 *   copies: 16
 * # or
 * fleet:
 *   domains:
 *     - {name: us-east, share: 0.5}
 *     - {name: eu-west, share: 0.3, set: ["cluster.pools[0].replicas=3"]}
 *     - {name: ap-south, share: 0.2, set: ["cluster.pools[0].replicas=2"]}
 * </pre>
 *
 * @param copies  number of identical domains, named {@code d01}, {@code d02}, ... (or null with {@code domains})
 * @param domains the domains, in order (or null with {@code copies})
 */
public record FleetSpec(Integer copies, List<DomainSpec> domains) {
    /** More domains than this is almost certainly a typo (each is a full cluster). */
    public static final int MAX_DOMAINS = 100_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /**
     * One router domain of a listed fleet.
     *
     * @param name  a unique name (letters, digits, {@code . _ -})
     * @param share share of the fleet's traffic, in (0, 1]; every domain gives one, or none does (equal shares)
     * @param set   assignments ({@code PATH=VALUE}, as {@code --set} takes them) applied to this domain only
     */
    public record DomainSpec(String name, Double share, List<String> set) {
        public DomainSpec {
            if (set == null) {
                set = List.of();
            }
        }
    }

    public void validate(String path, Problems p) {
        if ((copies == null) == (domains == null)) {
            p.add(path, "give either copies (N identical domains) or domains (a list), not "
                    + (copies == null ? "neither" : "both"));
            return;
        }
        if (copies != null) {
            if (copies < 1 || copies > MAX_DOMAINS) {
                p.add(path + ".copies", "must be between 1 and " + MAX_DOMAINS + ", got " + copies);
            }
            return;
        }
        if (domains.isEmpty()) {
            p.add(path + ".domains", "must list at least one domain");
            return;
        }
        Set<String> names = new HashSet<>();
        int withShare = 0;
        double sum = 0;
        for (int i = 0; i < domains.size(); i++) {
            String at = path + ".domains[" + i + "]";
            DomainSpec d = domains.get(i);
            if (d == null) {
                p.add(at, "is empty");
                continue;
            }
            if (p.required(at + ".name", d.name())) {
                if (!NAME.matcher(d.name()).matches()) {
                    p.add(at + ".name", "use letters, digits, '.', '_' and '-' (starting with a letter or digit), got '"
                            + d.name() + "'");
                } else if (!names.add(d.name())) {
                    p.add(at + ".name", "'" + d.name() + "' names two domains");
                }
            }
            if (d.share() != null) {
                withShare++;
                sum += d.share();
                p.fraction(at + ".share", d.share());
            }
            for (int j = 0; j < d.set().size(); j++) {
                String a = d.set().get(j);
                if (a == null || a.indexOf('=') <= 0) {
                    p.add(at + ".set[" + j + "]", "must be PATH=VALUE, as --set takes it, got '" + a + "'");
                } else if (a.startsWith("fleet") || a.startsWith("seed=")) {
                    p.add(at + ".set[" + j + "]", "a domain cannot set '" + a.substring(0, a.indexOf('='))
                            + "' (the fleet gives each domain its seed)");
                }
            }
        }
        if (withShare != 0 && withShare != domains.size()) {
            p.add(path + ".domains", "give every domain a share or none (equal shares); " + withShare + " of "
                    + domains.size() + " have one");
        } else if (withShare != 0 && Math.abs(sum - 1) > 1e-6) {
            p.add(path + ".domains", "shares must add up to 1, got " + Problems.format(sum));
        }
    }

    /** The number of domains. */
    public int size() {
        return copies != null ? copies : domains.size();
    }

    /** The name of domain {@code i}: the listed name, or {@code d01}, {@code d02}, ... for copies. */
    public String name(int i) {
        if (domains != null) {
            return domains.get(i).name();
        }
        int width = Math.max(2, Integer.toString(copies).length());
        return "d" + String.format("%0" + width + "d", i + 1);
    }

    /** The share of the traffic of domain {@code i}. */
    public double share(int i) {
        if (domains != null && domains.get(i).share() != null) {
            return domains.get(i).share();
        }
        return 1.0 / size();
    }

    /** The assignments of domain {@code i} (none for copies). */
    public List<String> assignments(int i) {
        return domains != null ? domains.get(i).set() : List.of();
    }
}
