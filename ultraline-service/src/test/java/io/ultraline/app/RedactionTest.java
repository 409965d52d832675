package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void userInfoInAUrlIsReplacedAndTheRestKept() {
        assertThat(Redaction.urls("https://svc:s3cret@registry.example:8081/apis/ccompat/v7"))
                .isEqualTo("https://***@registry.example:8081/apis/ccompat/v7");
    }

    @Test
    void everyUrlOfAListOrSentenceIsRedacted() {
        assertThat(Redaction.urls("http://a:b@r1:8081,http://r2:8081, https://c:d@r3"))
                .isEqualTo("http://***@r1:8081,http://r2:8081, https://***@r3");
        assertThat(Redaction.urls(
                        "http://u:p@r:8081 unreachable: java.net.ConnectException http://u:p@r:8081/subjects"))
                .doesNotContain("u:p")
                .contains("http://***@r:8081/subjects");
    }

    @Test
    void aUserNameWithoutPasswordAndAnAtSignInThePathAreHandled() {
        assertThat(Redaction.urls("http://token@r:8081/x")).isEqualTo("http://***@r:8081/x");
        // an @ after the authority is part of the path, not user info
        assertThat(Redaction.urls("http://r:8081/subjects/a@b")).isEqualTo("http://r:8081/subjects/a@b");
        assertThat(Redaction.urls("http://r:8081?mail=a@b")).isEqualTo("http://r:8081?mail=a@b");
    }

    @Test
    void urlsWithoutUserInfoAndNullAreUnchanged() {
        assertThat(Redaction.urls("http://registry:8081")).isEqualTo("http://registry:8081");
        assertThat(Redaction.urls(null)).isNull();
    }

    @Test
    void basicAuthUserInfoKeepsOnlyTheUser() {
        assertThat(Redaction.userInfo("svc:s3cret:with:colons")).isEqualTo("svc:***");
        assertThat(Redaction.userInfo("no-colon")).isEqualTo("***");
        assertThat(Redaction.userInfo("")).isEmpty();
        assertThat(Redaction.userInfo(null)).isNull();
    }
}
