package io.ultraline.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hosts this instance forwards reads to (with its peer token). Any member of the Kafka Streams
 * group may advertise any host:port, so the advertised address alone is not trusted: it must match
 * {@code ultraline.security.peer-hosts}, a comma-separated list of exact names or IP addresses,
 * {@code *.suffix} (or {@code .suffix}) domains and CIDR blocks. Left empty, the list is this
 * instance's own network: the same IPv4 /24 (IPv6 /64) when it advertises an address, the same
 * parent domain when it advertises a name ({@code ultraline-0.ultraline-headless.ns.svc} allows
 * {@code *.ultraline-headless.ns.svc}), only itself for a single-label name, nothing without an
 * advertised endpoint. Names are compared as written, never resolved: what is checked is what the
 * HTTP client connects to.
 */
final class PeerHosts {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");
    private static final Pattern NAME =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?" + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    /** One allowed host, domain or address block. */
    interface Rule {
        boolean matches(String host);
    }

    private record Exact(String host) implements Rule {
        public boolean matches(String h) {
            return h.equalsIgnoreCase(host);
        }
    }

    private record Suffix(String suffix) implements Rule {
        public boolean matches(String h) {
            String lower = h.toLowerCase(Locale.ROOT);
            return lower.length() > suffix.length()
                    && lower.endsWith(suffix)
                    && NAME.matcher(lower).matches();
        }
    }

    private record Block(byte[] network, int bits) implements Rule {
        public boolean matches(String h) {
            byte[] address = literal(h);
            if (address == null || address.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Rule> rules;
    private final String description;

    private PeerHosts(List<Rule> rules, String description) {
        this.rules = rules;
        this.description = description;
    }

    /**
     * @param configured the peer-hosts setting, empty for the default
     * @param selfHost   the host this instance advertises, empty when it advertises none
     */
    static PeerHosts of(String configured, String selfHost) {
        List<Rule> explicit = rules(configured);
        if (!explicit.isEmpty()) {
            return new PeerHosts(explicit, "ULTRALINE_PEER_HOSTS=" + configured.trim());
        }
        String self = selfHost == null ? "" : selfHost.trim();
        if (self.isEmpty()) {
            return new PeerHosts(List.of(), "none: this instance advertises no endpoint");
        }
        byte[] address = literal(self);
        if (address != null) {
            int bits = address.length == 4 ? 24 : 64;
            return new PeerHosts(
                    List.of(new Block(address, bits)), "the default, this instance's network " + self + "/" + bits);
        }
        int dot = self.indexOf('.');
        if (dot < 0) {
            return new PeerHosts(List.of(new Exact(self)), "the default, this instance's own host " + self);
        }
        String suffix = self.substring(dot).toLowerCase(Locale.ROOT);
        return new PeerHosts(List.of(new Suffix(suffix)), "the default, this instance's domain *" + suffix);
    }

    /** The rules of a peer-hosts setting. @throws IllegalArgumentException naming an entry that is none */
    static List<Rule> rules(String configured) {
        List<Rule> out = new ArrayList<>();
        if (configured == null) {
            return out;
        }
        for (String raw : configured.split(",")) {
            String entry = raw.trim();
            if (!entry.isEmpty()) {
                out.add(rule(entry));
            }
        }
        return out;
    }

    /** Empty when {@code host} may receive forwarded reads, else why not. */
    Optional<String> refusal(String host) {
        for (Rule rule : rules) {
            if (rule.matches(host)) {
                return Optional.empty();
            }
        }
        return Optional.of("peer host " + host + " is not an allowed peer (allowed: " + description
                + "; set ultraline.security.peer-hosts, ULTRALINE_PEER_HOSTS)");
    }

    private static Rule rule(String entry) {
        int slash = entry.indexOf('/');
        if (slash >= 0) {
            byte[] network = literal(entry.substring(0, slash));
            int bits;
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (network == null || bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("'" + entry + "' is not a CIDR block (address/bits)");
            }
            return new Block(network, bits);
        }
        if (entry.startsWith("*.") || entry.startsWith(".")) {
            String suffix = entry.substring(entry.indexOf('.')).toLowerCase(Locale.ROOT);
            if (!NAME.matcher(suffix.substring(1)).matches()) {
                throw new IllegalArgumentException("'" + entry + "' is not a domain suffix (*.example.svc)");
            }
            return new Suffix(suffix);
        }
        if (literal(entry) == null && !NAME.matcher(entry).matches()) {
            throw new IllegalArgumentException("'" + entry + "' is not a host name, address, *.suffix or CIDR block");
        }
        return new Exact(entry);
    }

    /** The bytes of an IP address literal, null for anything else (never a DNS lookup). */
    static byte[] literal(String host) {
        if (IPV4.matcher(host).matches()) {
            String[] parts = host.split("\\.");
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    return null;
                }
                out[i] = (byte) v;
            }
            return out;
        }
        if (IPV6.matcher(host).matches()) {
            try {
                // a string with ':' is parsed as an IPv6 literal or refused, never looked up
                return InetAddress.getByName(host.replace("[", "").replace("]", ""))
                        .getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }
}
