package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PeerHostsTest {

    @Test
    void byDefaultAnAdvertisedAddressAllowsItsSlash24() {
        PeerHosts hosts = PeerHosts.of("", "10.1.2.3");
        assertThat(hosts.refusal("10.1.2.200")).isEmpty();
        assertThat(hosts.refusal("10.1.3.3"))
                .get()
                .asString()
                .contains("10.1.3.3")
                .contains("ULTRALINE_PEER_HOSTS");
        assertThat(hosts.refusal("attacker.example")).isPresent();
        assertThat(PeerHosts.of(null, "127.0.0.1").refusal("127.0.0.1")).isEmpty();
    }

    @Test
    void byDefaultAnAdvertisedNameAllowsItsParentDomainOnly() {
        PeerHosts hosts = PeerHosts.of("", "ultraline-0.ultraline-headless.prod.svc");
        assertThat(hosts.refusal("ultraline-3.ultraline-headless.prod.svc")).isEmpty();
        assertThat(hosts.refusal("ULTRALINE-3.ultraline-headless.prod.svc")).isEmpty();
        assertThat(hosts.refusal("ultraline-headless.prod.svc"))
                .as("the domain itself")
                .isPresent();
        assertThat(hosts.refusal("x.evilultraline-headless.prod.svc")).isPresent();
        assertThat(hosts.refusal("ultraline-1.ultraline-headless.prod.svc.attacker.example"))
                .isPresent();
        assertThat(hosts.refusal("10.0.0.1")).isPresent();
    }

    @Test
    void byDefaultASingleLabelAllowsItselfAndNoEndpointAllowsNothing() {
        assertThat(PeerHosts.of("", "node-a").refusal("node-a")).isEmpty();
        assertThat(PeerHosts.of("", "node-a").refusal("node-b")).isPresent();
        assertThat(PeerHosts.of("", "").refusal("127.0.0.1")).get().asString().contains("advertises no endpoint");
    }

    @Test
    void aConfiguredListOfNamesSuffixesAndBlocksReplacesTheDefault() {
        PeerHosts hosts =
                PeerHosts.of(" a.example , *.pods.local, .svc.cluster, 192.168.0.0/16, fd00::/8 ", "10.0.0.1");
        assertThat(hosts.refusal("A.EXAMPLE")).isEmpty();
        assertThat(hosts.refusal("x.pods.local")).isEmpty();
        assertThat(hosts.refusal("y.z.svc.cluster")).isEmpty();
        assertThat(hosts.refusal("192.168.44.5")).isEmpty();
        assertThat(hosts.refusal("fd12::1")).isEmpty();
        assertThat(hosts.refusal("10.0.0.2")).as("the default is replaced").isPresent();
        assertThat(hosts.refusal("b.example")).isPresent();
        assertThat(hosts.refusal("192.169.0.1")).isPresent();
        assertThat(hosts.refusal("192.168.0.1.nip.io")).isPresent();
        assertThat(hosts.refusal("999.168.0.1")).isPresent();
    }

    @Test
    void entriesThatAreNoHostSuffixOrBlockAreNamed() {
        for (String bad : new String[] {
            "10.0.0.0/33", "10.0.0.0/x", "300.0.0.0/8", "*.", "*.bad_name", "a b", "http://host", "host:8080"
        }) {
            assertThatThrownBy(() -> PeerHosts.rules(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad);
        }
        assertThat(PeerHosts.rules(" , ")).isEmpty();
    }
}
