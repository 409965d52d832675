package io.ultraline.ultra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ultraline.ultra.eval.SparseAgreement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Sparse-target agreement without the model (issue 21): reads the frames that {@code ultraline bench
 * sparse --dump F} wrote (tokens and all N maps of each frame), and prints, per dump, the mean ARI
 * of the segmentation from T representative targets' rows against the one from all N. Takes
 * seconds where the bench takes minutes, so the concept step can be tried on the same maps:
 *
 * <pre>
 * java -cp "$(dev/test-classpath.sh ultraline-core)" io.ultraline.ultra.SparseDumpStudy 8 /tmp/sparse-mosaic.jsonl ...
 * </pre>
 *
 * <p>{@code -Dstrategy=} picks the targets: a {@link TargetStrategy} name (default
 * {@code representatives}), {@code medoids} ({@link TokenMedoids}) or {@code hybrid} (T/2 medoids,
 * filled up by farthest-point sampling).
 */
public final class SparseDumpStudy {

    private SparseDumpStudy() {}

    private static int[] sorted(int[] a) {
        int[] out = a.clone();
        java.util.Arrays.sort(out);
        return out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SparseDumpStudy T DUMP.jsonl...");
            System.exit(2);
        }
        int t = Integer.parseInt(args[0]);
        ObjectMapper json = new ObjectMapper();
        UltraSegmenter segmenter = new UltraSegmenter(SegmenterConfig.defaults());
        for (int a = 1; a < args.length; a++) {
            List<String> lines = Files.readAllLines(Path.of(args[a]));
            double sum = 0;
            for (String line : lines) {
                JsonNode frame = json.readTree(line);
                int grid = frame.get("grid").asInt();
                int dim = frame.get("dim").asInt();
                int n = grid * grid;
                float[] tokens = new float[n * dim];
                for (int i = 0; i < tokens.length; i++) {
                    tokens[i] = (float) frame.get("tokens").get(i).asDouble();
                }
                float[][] maps = new float[n][n];
                int[] all = new int[n];
                for (int i = 0; i < n; i++) {
                    all[i] = i;
                    for (int j = 0; j < n; j++) {
                        maps[i][j] = (float) frame.get("maps").get(i).get(j).asDouble();
                    }
                }
                Segmentation full = segmenter.segment(maps, all, tokens, grid, grid);
                String strategy = System.getProperty("strategy", "representatives");
                int[] targets = strategy.equals("medoids")
                        ? sorted(TokenMedoids.choose(tokens, n, dim, t))
                        : strategy.equals("hybrid")
                                ? sorted(FarthestPoints.extend(
                                        tokens, n, dim, TokenMedoids.choose(tokens, n, dim, Math.max(1, t / 2)), t))
                                : TargetStrategy.parse(strategy).choose(tokens, n, dim, t, null);
                Segmentation sparse = SparseAgreement.sparse(segmenter, maps, tokens, targets, grid, grid);
                sum += SparseAgreement.ari(full, sparse);
            }
            System.out.printf("%s  T=%d  ari_vs_all=%.3f  (%d frames)%n", args[a], t, sum / lines.size(), lines.size());
        }
    }
}
