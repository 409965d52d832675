package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DashboardConfigTest {

    @Test
    void aHistoryOutsideItsBoundsIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new DashboardConfig(0, 10)).hasMessageContaining("ULTRALINE_DASHBOARD_HISTORY_FRAMES");
        assertThatThrownBy(() -> new DashboardConfig(DashboardConfig.MAX_HISTORY_FRAMES + 1, 10))
                .hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> new DashboardConfig(10, 0)).hasMessageContaining("ULTRALINE_DASHBOARD_READ_BACK_MAX");
    }
}
