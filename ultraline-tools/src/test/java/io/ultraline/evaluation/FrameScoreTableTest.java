package io.ultraline.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameScoreTableTest {

    @TempDir
    Path tmp;

    @Test
    void writesTypesSortedScoresExactlyAndLeavesAMissingChannelEmpty() throws Exception {
        FrameScoreTable t = new FrameScoreTable();
        t.add(new FrameScoreTable.Row(
                "images/0001.png", true, Set.of("STAIN", "CRACK"), 0.1f + 0.2f, 30.75f, false, 12.5f, 20f));
        t.add(new FrameScoreTable.Row("images/0002.png", false, Set.of(), 1e-7f, 30.75f, false, Float.NaN, Float.NaN));
        Path file = tmp.resolve("f.csv");
        t.write(file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(FrameScoreTable.HEADER);
        String[] a = lines.get(1).split(",", -1);
        assertThat(a[0]).isEqualTo("images/0001.png");
        assertThat(a[1]).isEqualTo("1");
        assertThat(a[2]).isEqualTo("CRACK;STAIN");
        // nine significant digits give the float back bit for bit
        assertThat(Float.parseFloat(a[3])).isEqualTo(0.1f + 0.2f);
        assertThat(a[5]).isEqualTo("0");
        assertThat(Float.parseFloat(a[6])).isEqualTo(12.5f);
        String[] b = lines.get(2).split(",", -1);
        assertThat(b[2]).isEmpty();
        assertThat(Float.parseFloat(b[3])).isEqualTo(1e-7f);
        assertThat(b[6]).isEmpty();
        assertThat(b[7]).isEmpty();
    }

    @Test
    void quotesImageNamesThatHoldACommaOrAQuote() {
        assertThat(FrameScoreTable.quoted("a.png")).isEqualTo("a.png");
        assertThat(FrameScoreTable.quoted("line 3, cam 2.png")).isEqualTo("\"line 3, cam 2.png\"");
        assertThat(FrameScoreTable.quoted("say \"hi\".png")).isEqualTo("\"say \"\"hi\"\".png\"");
    }
}
