package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PeerClient against a real HTTP server on loopback that records what it was sent. */
class PeerClientTest {

    private static final String TOKEN = "api-token-0123456789";
    private static final String PEER_TOKEN = "peer-token-0123456789";

    private HttpServer peer;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    @BeforeEach
    void startPeer() throws Exception {
        peer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        peer.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            queries.add(exchange.getRequestURI().getRawQuery());
            byte[] body = "{\"cameras\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        peer.start();
    }

    @AfterEach
    void stopPeer() {
        peer.stop(0);
    }

    private HostInfo peerInfo() {
        return new HostInfo("127.0.0.1", peer.getAddress().getPort());
    }

    private static SecurityConfig security(String peerToken, String peerHosts) {
        return new SecurityConfig(true, TOKEN, peerToken, peerHosts, Duration.ofHours(1));
    }

    @Test
    void anAllowedPeerGetsThePeerTokenAndNeverTheApiToken() {
        PeerClient.Reply reply = new PeerClient(security(PEER_TOKEN, ""), "127.0.0.1").get(peerInfo(), "/api/cameras");
        assertThat(reply).isInstanceOf(PeerClient.Answer.class);
        assertThat(((PeerClient.Answer) reply).status()).isEqualTo(200);
        assertThat(authorizations).containsExactly("Bearer " + PEER_TOKEN);
        assertThat(queries).containsExactly("local=true");
    }

    @Test
    void aPeerOutsideTheAllowedHostsIsNotAskedAndTheReasonSaysWhy() {
        PeerClient.Reply reply =
                new PeerClient(security(PEER_TOKEN, "10.0.0.0/8"), "10.1.1.1").get(peerInfo(), "/api/cameras");
        assertThat(reply).isInstanceOfSatisfying(PeerClient.Failure.class, f -> {
            assertThat(f.status()).isEqualTo(503);
            assertThat(f.reason()).contains("127.0.0.1").contains("ULTRALINE_PEER_HOSTS");
        });
        reply = new PeerClient(security(PEER_TOKEN, ""), "ultraline-0.headless.ns.svc").get(peerInfo(), "/api/cameras");
        assertThat(reply).isInstanceOf(PeerClient.Failure.class);
        assertThat(authorizations).as("nothing was sent").isEmpty();
    }

    @Test
    void withSecurityOnAndNoPeerTokenNothingIsForwarded() {
        PeerClient.Reply reply = new PeerClient(security("", ""), "127.0.0.1").get(peerInfo(), "/api/cameras");
        assertThat(reply).isInstanceOfSatisfying(PeerClient.Failure.class, f -> {
            assertThat(f.status()).isEqualTo(503);
            assertThat(f.reason()).contains("ULTRALINE_PEER_TOKEN");
        });
        assertThat(authorizations).isEmpty();
    }

    @Test
    void aPeerThatRefusesTheTokenIsA502WithTheReason() {
        status = 401;
        PeerClient.Reply reply = new PeerClient(security(PEER_TOKEN, ""), "127.0.0.1").get(peerInfo(), "/api/x?a=b");
        assertThat(reply).isInstanceOfSatisfying(PeerClient.Failure.class, f -> {
            assertThat(f.status()).isEqualTo(502);
            assertThat(f.reason()).contains("refused this instance's peer token");
        });
        assertThat(queries).containsExactly("a=b&local=true");
    }

    @Test
    void withSecurityOffNoAuthorizationIsSentButTheHostsStillApply() {
        SecurityConfig off = new SecurityConfig(false, "", "", "", null);
        assertThat(new PeerClient(off, "127.0.0.1").get(peerInfo(), "/api/cameras"))
                .isInstanceOf(PeerClient.Answer.class);
        assertThat(authorizations).containsExactly("null");
        assertThat(new PeerClient(off, "192.168.1.1").get(peerInfo(), "/api/cameras"))
                .isInstanceOf(PeerClient.Failure.class);
    }
}
