package io.ultraline.evaluation;

import io.ultraline.defect.ReferenceProfile;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.inspect.TransformCalibration;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.ultra.transform.TokenTransform;
import java.nio.file.Path;
import java.util.List;

/**
 * Why W over-splits the conveyor's belt (issue 19): for every test frame of a scenes set, without
 * and with the W that {@code evaluate --transform profile} learns, the number of concepts, into how
 * many concepts the background part (id 0, the belt) falls (concepts holding at least 10 % of its
 * cells), and how far apart the frame-centred unit tokens lie within the belt, within the other
 * parts and between the belt and the other parts (mean Euclidean distance), with the tokens scaled to
 * unit length each (as {@code JointConcepts} does) and with one scale for the whole frame (its RMS
 * length). Not a test; run by
 * hand after {@code mvn test-compile}:
 *
 * <pre>
 * java -cp "$(dev/test-classpath.sh ultraline-tools)" io.ultraline.evaluation.OverSplitStudy DATASET_DIR MODEL_DIR
 * </pre>
 */
public final class OverSplitStudy {

    public static void main(String[] args) throws Exception {
        LabelledDataset data = LabelledDataset.open(Path.of(args[0]));
        try (ModelRunner runner =
                ModelRunner.load(Path.of(args[1]), RunnerOptions.defaults().withIntraOpThreads(2))) {
            FrameInspector inspector = FrameInspector.standard(runner, FrameInspector.DEFAULT_MAX_RECORD_BYTES);
            List<RgbImage> good = data.calibrationImages();
            ReferenceProfile profile = inspector.calibrate(good, 1, 8);
            TokenTransform w = TransformCalibration.learn(inspector, good, TransformCalibration.SEED)
                    .transform();
            int g = runner.config().gridSize();
            int n = g * g;
            for (boolean perToken : new boolean[] {true, false}) {
                for (TokenTransform t : new TokenTransform[] {null, w}) {
                    double concepts = 0, pieces = 0, withinBelt = 0, withinParts = 0, between = 0;
                    int frames = 0;
                    for (LabelledDataset.TestFrame f : data.test()) {
                        InspectedFrame r = inspector
                                .inspect(List.of(LabelledDataset.readImage(f.imagePath())), profile, t)
                                .get(0);
                        int[] cellPart = ConceptScorecard.majorityPerCell(
                                LabelledDataset.readParts(f.partsPath(), r.width(), r.height()),
                                r.width(),
                                r.height(),
                                g,
                                g);
                        float[] tok = t == null
                                ? r.modelOutput().tokens()
                                : t.apply(r.modelOutput().tokens(), n);
                        double[][] u = unitCentred(tok, n, perToken);
                        int[] labels = r.segmentation().labels();
                        int[] beltIn = new int[r.segmentation().conceptCount()];
                        int belt = 0;
                        for (int i = 0; i < n; i++) {
                            if (cellPart[i] == 0) {
                                beltIn[labels[i]]++;
                                belt++;
                            }
                        }
                        for (int c : beltIn) {
                            pieces += belt > 0 && c >= 0.1 * belt ? 1 : 0;
                        }
                        double[] sum = new double[3];
                        long[] count = new long[3];
                        for (int i = 0; i < n; i++) {
                            for (int j = i + 1; j < n; j++) {
                                int kind = cellPart[i] == 0 && cellPart[j] == 0
                                        ? 0
                                        : cellPart[i] != 0 && cellPart[i] == cellPart[j]
                                                ? 1
                                                : (cellPart[i] == 0) != (cellPart[j] == 0) ? 2 : -1;
                                if (kind >= 0) {
                                    sum[kind] += distance(u[i], u[j]);
                                    count[kind]++;
                                }
                            }
                        }
                        withinBelt += count[0] == 0 ? 0 : sum[0] / count[0];
                        withinParts += count[1] == 0 ? 0 : sum[1] / count[1];
                        between += count[2] == 0 ? 0 : sum[2] / count[2];
                        concepts += r.segmentation().conceptCount();
                        frames++;
                    }
                    System.out.printf(
                            "%s %s: concepts %.2f, belt pieces %.2f, distance within belt %.3f, within other parts %.3f,"
                                    + " belt to others %.3f (ratio within belt / between %.3f)%n",
                            args[0] + (perToken ? " unit tokens" : " one scale a frame"),
                            t == null ? "without W" : "with W",
                            concepts / frames,
                            pieces / frames,
                            withinBelt / frames,
                            withinParts / frames,
                            between / frames,
                            withinBelt / between);
                }
            }
        }
    }

    private static double[][] unitCentred(float[] tokens, int n, boolean perToken) {
        int d = tokens.length / n;
        double[] mean = new double[d];
        for (int i = 0; i < n * d; i++) {
            mean[i % d] += tokens[i] / (double) n;
        }
        double[][] u = new double[n][d];
        double[] norm = new double[n];
        double meanSquare = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                u[i][j] = tokens[i * d + j] - mean[j];
                norm[i] += u[i][j] * u[i][j];
            }
            meanSquare += norm[i] / n;
        }
        for (int i = 0; i < n; i++) {
            // per token: unit length, as JointConcepts does; per frame: one scale, the RMS length
            double scale = Math.sqrt(perToken ? norm[i] : meanSquare);
            for (int j = 0; j < d; j++) {
                u[i][j] /= Math.max(1e-12, scale);
            }
        }
        return u;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(s);
    }
}
