package io.ultraline.evaluation;

import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.inspect.TransformCalibration;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.ultra.AverageLinkage;
import io.ultraline.ultra.Clustering;
import io.ultraline.ultra.ConceptResolution;
import io.ultraline.ultra.CosineDistances;
import io.ultraline.ultra.align.ConceptAlignment;
import io.ultraline.ultra.align.ConceptFeatures;
import io.ultraline.ultra.align.ConceptPrototypes;
import io.ultraline.ultra.eval.Assignment;
import io.ultraline.ultra.eval.ConceptIdConsistency;
import io.ultraline.ultra.transform.TokenTransform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The study behind the camera's concept ids (issue 19, part 4; docs/evaluation.md, "Concepts that
 * keep their identity"): on a scenes dataset it learns W as {@code evaluate --transform profile}
 * does, segments the calibration and test frames once, and scores several ways of naming a frame's
 * concepts by prototypes learned from the calibration concepts, by {@code concept_id_consistency}
 * at pixel resolution: the shipped token-mean prototypes at several cut heights, and prototypes of
 * each concept's colour statistics (RGB mean and spread of its patches' pixels), alone and joined
 * with the tokens, also with the concepts of one calibration frame kept apart (cannot-link); and how
 * many named concepts keep their id across a recalibration (prototypes of
 * the first half of the calibration frames against those of the second half, numbered afresh or
 * keeping the first half's ids). Not a test; run by hand after {@code mvn test-compile}:
 *
 * <pre>
 * java -cp "$(dev/test-classpath.sh ultraline-tools)" \
 *     io.ultraline.evaluation.ConceptIdStudy DATASET_DIR MODEL_DIR
 * </pre>
 */
public final class ConceptIdStudy {

    /** A frame's concepts as the study sees them. */
    private record Frame(InspectedFrame inspected, int[] truth, float[][] colour, ConceptFeatures tokens) {}

    public static void main(String[] args) throws Exception {
        LabelledDataset data = LabelledDataset.open(Path.of(args[0]));
        try (ModelRunner runner =
                ModelRunner.load(Path.of(args[1]), RunnerOptions.defaults().withIntraOpThreads(2))) {
            FrameInspector inspector = FrameInspector.standard(runner, FrameInspector.DEFAULT_MAX_RECORD_BYTES);
            List<RgbImage> good = data.calibrationImages();
            TokenTransform w = TransformCalibration.learn(inspector, good, ConceptScorecard.KMEANS_SEED)
                    .transform();
            List<Frame> calibration = new ArrayList<>();
            for (int from = 0; from < good.size(); from += 8) {
                for (InspectedFrame f :
                        inspector.inspect(good.subList(from, Math.min(good.size(), from + 8)), null, w)) {
                    calibration.add(frame(f, null));
                }
            }
            List<Frame> test = new ArrayList<>();
            for (LabelledDataset.TestFrame t : data.test()) {
                InspectedFrame f = inspector
                        .inspect(List.of(LabelledDataset.readImage(t.imagePath())), null, w)
                        .get(0);
                test.add(frame(f, LabelledDataset.readParts(t.partsPath(), f.width(), f.height())));
            }
            String set = Path.of(args[0]).getFileName().toString();
            if (args.length > 2) {
                dump(Path.of(args[2]), calibration, test);
                return;
            }
            for (double cut : new double[] {0.8, 0.9, 1.0}) {
                ConceptPrototypes p = ConceptPrototypes.learn(
                        calibration.stream().map(Frame::tokens).toList(), cut, ConceptPrototypes.MIN_PATCHES);
                report(set, "tokens cut " + cut, p.count(), test, f -> ConceptAlignment.ids(f.tokens(), p));
            }
            for (double cut : new double[] {1.0, 1.5, 2.0, 2.5}) {
                Generic g = Generic.learn(calibration, cut, ConceptIdStudy::colourDistance);
                report(set, "colour cut " + cut, g.count(), test, g::ids);
            }
            for (double cut : new double[] {0.8, 1.0, 1.2}) {
                Generic g = Generic.learn(calibration, cut, ConceptIdStudy::jointDistance);
                report(set, "tokens+colour cut " + cut, g.count(), test, g::ids);
            }
            for (double cut : new double[] {1.0, 1.5, 2.0}) {
                Generic g = Generic.learn(calibration, cut, ConceptIdStudy::colourDistance);
                report(set, "colour cut " + cut + ", nearest", g.count(), test, g::nearest);
            }
            for (double cut : new double[] {0.8, 0.9}) {
                Generic g = Generic.learn(calibration, cut, ConceptIdStudy::tokenDistance);
                report(set, "tokens cut " + cut + ", nearest", g.count(), test, g::nearest);
            }
            Generic colourKm = Generic.learn(calibration, 1.5, ConceptIdStudy::colourDistance)
                    .withKMeansPrototypes(calibration, false);
            report(set, "colour k-means, k by silhouette, nearest", colourKm.count(), test, colourKm::nearest);
            Generic jointKm = Generic.learn(calibration, 1.0, ConceptIdStudy::jointDistance)
                    .withKMeansPrototypes(calibration, true);
            report(set, "tokens+colour k-means, k by silhouette, nearest", jointKm.count(), test, jointKm::nearest);
            for (double cut : new double[] {0.9, 1.2}) {
                Generic g = Generic.learn(calibration, cut, ConceptIdStudy::tokenDistance, true);
                report(set, "tokens cut " + cut + ", apart in a frame", g.count(), test, g::ids);
            }
            for (double cut : new double[] {1.0, 1.2, 1.5}) {
                Generic g = Generic.learn(calibration, cut, ConceptIdStudy::jointDistance, true);
                report(set, "tokens+colour cut " + cut + ", apart in a frame", g.count(), test, g::ids);
            }
            for (double cut : new double[] {2.0, 3.0}) {
                Generic g = Generic.learn(calibration, cut, ConceptIdStudy::colourDistance, true);
                report(set, "colour cut " + cut + ", apart in a frame", g.count(), test, g::ids);
            }
            recalibration(set, calibration, test);
            // references that know the parts: one prototype a part, from the test concepts it holds most of
            Generic tokensByPart = Generic.learn(calibration, 0.9, ConceptIdStudy::tokenDistance);
            Generic coloursByPart = Generic.learn(calibration, 1.5, ConceptIdStudy::colourDistance);
            for (Generic g : new Generic[] {tokensByPart, coloursByPart}) {
                Generic oracle = g.withPrototypesOfParts(test);
                report(
                        set,
                        "oracle " + (g == tokensByPart ? "tokens" : "colour"),
                        oracle.count(),
                        test,
                        oracle::nearest);
            }
        }
    }

    /** One line per concept: kind, frame, label, patches, majority part (-1 for calibration), colour statistics. */
    private static void dump(Path out, List<Frame> calibration, List<Frame> test) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        for (String kind : new String[] {"cal", "test"}) {
            List<Frame> frames = kind.equals("cal") ? calibration : test;
            for (int i = 0; i < frames.size(); i++) {
                Frame f = frames.get(i);
                int[] parts = f.truth() == null ? null : majorityParts(f);
                for (int c = 0; c < f.tokens().count(); c++) {
                    b.append(kind)
                            .append(',')
                            .append(i)
                            .append(',')
                            .append(c)
                            .append(',')
                            .append(f.tokens().sizes()[c])
                            .append(',')
                            .append(parts == null ? -1 : parts[c]);
                    for (float v : f.colour()[c]) {
                        b.append(',').append(v);
                    }
                    b.append('\n');
                }
            }
        }
        java.nio.file.Files.writeString(out, b);
    }

    /**
     * Ids across a recalibration: prototypes from the first half of the calibration frames, then from
     * the second half alone (numbered afresh) and keeping the first half's ids; over the test
     * frames' concepts of two patches or more, the share whose id is the same under both profiles.
     */
    private static void recalibration(String set, List<Frame> calibration, List<Frame> test) {
        int half = calibration.size() / 2;
        ConceptPrototypes first = ConceptPrototypes.learn(
                calibration.subList(0, half).stream().map(Frame::tokens).toList(),
                ConceptPrototypes.DEFAULT_MAX_DISTANCE,
                ConceptPrototypes.MIN_PATCHES);
        ConceptPrototypes afresh = ConceptPrototypes.learn(
                calibration.subList(half, calibration.size()).stream()
                        .map(Frame::tokens)
                        .toList(),
                ConceptPrototypes.DEFAULT_MAX_DISTANCE,
                ConceptPrototypes.MIN_PATCHES);
        ConceptPrototypes kept = afresh.keepingIdsOf(first);
        long same = 0;
        long sameKept = 0;
        long concepts = 0;
        for (Frame f : test) {
            int[] a = ConceptAlignment.ids(f.tokens(), first);
            int[] b = ConceptAlignment.ids(f.tokens(), afresh);
            int[] k = ConceptAlignment.ids(f.tokens(), kept);
            for (int c = 0; c < a.length; c++) {
                if (f.tokens().sizes()[c] < ConceptPrototypes.MIN_PATCHES || a[c] > first.maxId()) {
                    continue; // a concept the first profile does not know has no id to keep
                }
                concepts++;
                same += a[c] == b[c] ? 1 : 0;
                sameKept += a[c] == k[c] ? 1 : 0;
            }
        }
        System.out.printf(
                "%s\trecalibration: same id, afresh / kept\t%d/%d\t%.3f / %.3f%n",
                set, first.count(), afresh.count(), (double) same / concepts, (double) sameKept / concepts);
    }

    private static void report(
            String set, String rule, int prototypes, List<Frame> test, java.util.function.Function<Frame, int[]> ids) {
        ConceptIdConsistency c = new ConceptIdConsistency();
        for (Frame f : test) {
            int[] named = ids.apply(f);
            int[] labels = f.inspected().segmentation().labels();
            int[] cells = new int[labels.length];
            for (int i = 0; i < labels.length; i++) {
                cells[i] = named[labels[i]];
            }
            var s = f.inspected().segmentation();
            c.add(
                    ConceptResolution.PIXEL.pixelLabels(
                            cells,
                            s.gridHeight(),
                            s.gridWidth(),
                            f.inspected().image().pixels(),
                            f.inspected().width(),
                            f.inspected().height()),
                    f.truth());
        }
        System.out.printf("%s\t%s\t%d\t%.3f%n", set, rule, prototypes, c.value());
    }

    private static Frame frame(InspectedFrame f, int[] truth) {
        var s = f.segmentation();
        int[] labels = s.labels();
        ConceptFeatures tokens = ConceptFeatures.of(
                labels, f.modelOutput().tokens(), f.modelOutput().dim());
        return new Frame(f, truth, colours(labels, s.gridHeight(), s.gridWidth(), f.image()), tokens);
    }

    /** Per concept label: RGB mean and standard deviation of the pixels of its patches. */
    private static float[][] colours(int[] labels, int gh, int gw, RgbImage image) {
        int concepts = Arrays.stream(labels).max().orElse(-1) + 1;
        double[][] sum = new double[concepts][3];
        double[][] sq = new double[concepts][3];
        long[] count = new long[concepts];
        int w = image.width();
        int h = image.height();
        float[] px = image.pixels();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = labels[(y * gh / h) * gw + x * gw / w];
                count[c]++;
                for (int k = 0; k < 3; k++) {
                    double v = px[3 * (y * w + x) + k];
                    sum[c][k] += v;
                    sq[c][k] += v * v;
                }
            }
        }
        float[][] out = new float[concepts][6];
        for (int c = 0; c < concepts; c++) {
            for (int k = 0; k < 3 && count[c] > 0; k++) {
                double m = sum[c][k] / count[c];
                out[c][k] = (float) m;
                out[c][3 + k] = (float) Math.sqrt(Math.max(0, sq[c][k] / count[c] - m * m));
            }
        }
        return out;
    }

    /** A concept: its colour statistics and its centred unit token mean, with its patch count. */
    private record Point(float[] colour, float[] token, int size) {}

    private interface Distance {
        double between(Point a, Point b, float[] scale);
    }

    /** Euclidean distance of colour statistics, each divided by its spread over the calibration concepts. */
    private static double colourDistance(Point a, Point b, float[] scale) {
        double s = 0;
        for (int k = 0; k < 6; k++) {
            double d = (a.colour()[k] - b.colour()[k]) / scale[k];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    private static double tokenDistance(Point a, Point b, float[] scale) {
        return CosineDistances.distance(a.token(), b.token());
    }

    /** The part that most of each concept's pixels show (token grid, nearest cell). */
    private static int[] majorityParts(Frame f) {
        var s = f.inspected().segmentation();
        int[] labels = s.labels();
        int w = f.inspected().width();
        int h = f.inspected().height();
        java.util.Map<Long, Integer> counts = new java.util.HashMap<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = labels[(y * s.gridHeight() / h) * s.gridWidth() + x * s.gridWidth() / w];
                counts.merge(((long) c << 32) | f.truth()[y * w + x], 1, Integer::sum);
            }
        }
        int[] best = new int[f.tokens().count()];
        int[] bestCount = new int[best.length];
        counts.forEach((key, n) -> {
            int c = (int) (key >> 32);
            if (n > bestCount[c]) {
                bestCount[c] = n;
                best[c] = (int) (key & 0xffffffffL);
            }
        });
        return best;
    }

    /** Token cosine distance over its 0.9 cut plus colour distance over a cut of 1.5: 1 is "at both cuts". */
    private static double jointDistance(Point a, Point b, float[] scale) {
        return 0.5 * (CosineDistances.distance(a.token(), b.token()) / 0.9 + colourDistance(a, b, scale) / 1.5);
    }

    /** Prototypes and alignment as {@link ConceptPrototypes} and {@link ConceptAlignment}, over any distance. */
    private record Generic(List<Point> prototypes, float[] centre, float[] scale, double cut, Distance distance) {

        static Generic learn(List<Frame> frames, double cut, Distance distance) {
            return learn(frames, cut, distance, false);
        }

        /**
         * @param apartInAFrame concepts of one calibration frame never share a group (cannot-link):
         *     the segmenter told them apart there
         */
        static Generic learn(List<Frame> frames, double cut, Distance distance, boolean apartInAFrame) {
            List<float[]> colours = new ArrayList<>();
            List<float[]> means = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            List<Integer> frameOf = new ArrayList<>();
            for (int fi = 0; fi < frames.size(); fi++) {
                Frame f = frames.get(fi);
                for (int c = 0; c < f.tokens().count(); c++) {
                    if (f.tokens().sizes()[c] >= ConceptPrototypes.MIN_PATCHES) {
                        colours.add(f.colour()[c]);
                        means.add(f.tokens().means()[c]);
                        sizes.add(f.tokens().sizes()[c]);
                        frameOf.add(fi);
                    }
                }
            }
            int dim = means.get(0).length;
            float[] centre = weighted(means, sizes, dim);
            float[] mc = weighted(colours, sizes, 6);
            float[] scale = new float[6];
            for (int k = 0; k < 6; k++) {
                double v = 0;
                for (float[] c : colours) {
                    v += (c[k] - mc[k]) * (c[k] - mc[k]);
                }
                scale[k] = (float) Math.max(1e-4, Math.sqrt(v / colours.size()));
            }
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < means.size(); i++) {
                points.add(new Point(colours.get(i), unitCentred(means.get(i), centre), sizes.get(i)));
            }
            double[][] d = new double[points.size()][points.size()];
            for (int i = 0; i < d.length; i++) {
                for (int j = i + 1; j < d.length; j++) {
                    d[i][j] = d[j][i] = distance.between(points.get(i), points.get(j), scale);
                }
            }
            List<int[]> groupList = apartInAFrame
                    ? constrainedGroups(d, frameOf, cut)
                    : groupsOf(AverageLinkage.build(d).cutAtHeight(cut));
            List<Point> prototypes = new ArrayList<>();
            List<Long> support = new ArrayList<>();
            for (int[] members : groupList) {
                List<float[]> cs = new ArrayList<>();
                List<float[]> ts = new ArrayList<>();
                List<Integer> ws = new ArrayList<>();
                long n = 0;
                for (int i : members) {
                    cs.add(points.get(i).colour());
                    ts.add(points.get(i).token());
                    ws.add(points.get(i).size());
                    n += points.get(i).size();
                }
                prototypes.add(new Point(weighted(cs, ws, 6), unit(weighted(ts, ws, dim)), (int) n));
                support.add(n);
            }
            prototypes.sort((a, b) -> Integer.compare(b.size(), a.size()));
            return new Generic(prototypes, centre, scale, cut, distance);
        }

        int count() {
            return prototypes.size();
        }

        private static List<int[]> groupsOf(Clustering c) {
            List<int[]> out = new ArrayList<>();
            for (int g = 0; g < c.clusterCount(); g++) {
                out.add(c.members(g));
            }
            return out;
        }

        /** Average linkage up to {@code cut} that never merges two groups holding concepts of one frame. */
        private static List<int[]> constrainedGroups(double[][] d, List<Integer> frameOf, double cut) {
            List<List<Integer>> groups = new ArrayList<>();
            for (int i = 0; i < d.length; i++) {
                groups.add(new ArrayList<>(List.of(i)));
            }
            while (true) {
                int bestA = -1;
                int bestB = -1;
                double best = Double.MAX_VALUE;
                for (int a = 0; a < groups.size(); a++) {
                    for (int b = a + 1; b < groups.size(); b++) {
                        if (shareAFrame(groups.get(a), groups.get(b), frameOf)) {
                            continue;
                        }
                        double sum = 0;
                        for (int i : groups.get(a)) {
                            for (int j : groups.get(b)) {
                                sum += d[i][j];
                            }
                        }
                        double avg = sum / (groups.get(a).size() * groups.get(b).size());
                        if (avg < best) {
                            best = avg;
                            bestA = a;
                            bestB = b;
                        }
                    }
                }
                if (bestA < 0 || best > cut) {
                    break;
                }
                groups.get(bestA).addAll(groups.remove(bestB));
            }
            return groups.stream()
                    .map(g -> g.stream().mapToInt(Integer::intValue).toArray())
                    .toList();
        }

        private static boolean shareAFrame(List<Integer> a, List<Integer> b, List<Integer> frameOf) {
            for (int i : a) {
                for (int j : b) {
                    if (frameOf.get(i).equals(frameOf.get(j))) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** The same scales and centre, one prototype a part: the concepts whose pixels are mostly that part. */
        Generic withPrototypesOfParts(List<Frame> frames) {
            java.util.Map<Integer, List<Point>> byPart = new java.util.TreeMap<>();
            for (Frame f : frames) {
                int[] majority = majorityParts(f);
                for (int c = 0; c < f.tokens().count(); c++) {
                    if (f.tokens().sizes()[c] >= ConceptPrototypes.MIN_PATCHES) {
                        byPart.computeIfAbsent(majority[c], k -> new ArrayList<>())
                                .add(new Point(
                                        f.colour()[c],
                                        unitCentred(f.tokens().means()[c], centre),
                                        f.tokens().sizes()[c]));
                    }
                }
            }
            List<Point> out = new ArrayList<>();
            for (List<Point> ps : byPart.values()) {
                List<float[]> cs = ps.stream().map(Point::colour).toList();
                List<float[]> ts = ps.stream().map(Point::token).toList();
                List<Integer> ws = ps.stream().map(Point::size).toList();
                out.add(new Point(weighted(cs, ws, 6), unit(weighted(ts, ws, centre.length)), 1));
            }
            return new Generic(out, centre, scale, cut, distance);
        }

        /**
         * Prototypes by k-means (k from 2 to 10, by the best silhouette) over the calibration
         * concepts' scaled colour statistics, joined with their centred unit token means when
         * {@code withTokens}; each concept weighs as one point.
         */
        Generic withKMeansPrototypes(List<Frame> frames, boolean withTokens) {
            List<Point> points = new ArrayList<>();
            for (Frame f : frames) {
                for (int c = 0; c < f.tokens().count(); c++) {
                    if (f.tokens().sizes()[c] >= ConceptPrototypes.MIN_PATCHES) {
                        points.add(new Point(
                                f.colour()[c],
                                unitCentred(f.tokens().means()[c], centre),
                                f.tokens().sizes()[c]));
                    }
                }
            }
            float[][] feats = new float[points.size()][];
            for (int i = 0; i < feats.length; i++) {
                feats[i] = features(points.get(i), withTokens);
            }
            double[][] d = ConceptCutStudy.euclid(feats);
            int[] best = null;
            int bestK = 0;
            double bestS = -2;
            for (int k = 2; k <= Math.min(10, feats.length - 1); k++) {
                int[] lab = io.ultraline.ultra.eval.KMeans.cluster(feats, k, 19);
                double sil = ConceptCutStudy.silhouette(d, lab);
                if (sil > bestS) {
                    bestS = sil;
                    best = lab;
                    bestK = k;
                }
            }
            List<Point> out = new ArrayList<>();
            for (int g = 0; g < bestK; g++) {
                List<float[]> cs = new ArrayList<>();
                List<float[]> ts = new ArrayList<>();
                List<Integer> ws = new ArrayList<>();
                for (int i = 0; i < best.length; i++) {
                    if (best[i] == g) {
                        cs.add(points.get(i).colour());
                        ts.add(points.get(i).token());
                        ws.add(points.get(i).size());
                    }
                }
                if (!cs.isEmpty()) {
                    out.add(new Point(weighted(cs, ws, 6), unit(weighted(ts, ws, centre.length)), 1));
                }
            }
            Distance inSpace = (a, b, sc) -> {
                float[] fa = features(a, withTokens);
                float[] fb = features(b, withTokens);
                double sum = 0;
                for (int k = 0; k < fa.length; k++) {
                    sum += (fa[k] - fb[k]) * (fa[k] - fb[k]);
                }
                return Math.sqrt(sum);
            };
            return new Generic(out, centre, scale, cut, inSpace);
        }

        /** Scaled colour statistics, then (with tokens) the unit token mean times 2, so both weigh alike. */
        private float[] features(Point p, boolean withTokens) {
            float[] out = new float[6 + (withTokens ? p.token().length : 0)];
            for (int k = 0; k < 6; k++) {
                out[k] = p.colour()[k] / scale[k];
            }
            for (int k = 6; k < out.length; k++) {
                out[k] = 2 * p.token()[k - 6];
            }
            return out;
        }

        /** Each concept named by its nearest prototype, no assignment, no distance limit. */
        int[] nearest(Frame f) {
            int[] ids = new int[f.tokens().count()];
            for (int i = 0; i < ids.length; i++) {
                Point q = new Point(f.colour()[i], unitCentred(f.tokens().means()[i], centre), 1);
                double best = Double.MAX_VALUE;
                for (int j = 0; j < prototypes.size(); j++) {
                    double d = distance.between(q, prototypes.get(j), scale);
                    if (d < best) {
                        best = d;
                        ids[i] = j;
                    }
                }
            }
            return ids;
        }

        int[] ids(Frame f) {
            int c = f.tokens().count();
            int p = prototypes.size();
            double[][] dist = new double[c][p];
            double[][] gain = new double[c][p];
            for (int i = 0; i < c; i++) {
                Point q = new Point(
                        f.colour()[i],
                        unitCentred(f.tokens().means()[i], centre),
                        f.tokens().sizes()[i]);
                for (int j = 0; j < p; j++) {
                    dist[i][j] = q.size() == 0 ? 1e9 : distance.between(q, prototypes.get(j), scale);
                    gain[i][j] = 1e3 - Math.min(dist[i][j], 1e3);
                }
            }
            int[] match = Assignment.maximise(gain);
            int[] ids = new int[c];
            int fresh = p;
            for (int i = 0; i < c; i++) {
                int j = match[i];
                if (j < 0 || dist[i][j] > cut) {
                    j = -1;
                    for (int k = 0; k < p; k++) {
                        if (j < 0 || dist[i][k] < dist[i][j]) {
                            j = k;
                        }
                    }
                }
                ids[i] = j >= 0 && dist[i][j] <= cut ? j : fresh++;
            }
            return ids;
        }
    }

    private static float[] weighted(List<float[]> rows, List<Integer> weights, int dim) {
        double[] s = new double[dim];
        double t = 0;
        for (int i = 0; i < rows.size(); i++) {
            for (int d = 0; d < dim; d++) {
                s[d] += weights.get(i) * (double) rows.get(i)[d];
            }
            t += weights.get(i);
        }
        float[] out = new float[dim];
        for (int d = 0; d < dim; d++) {
            out[d] = (float) (s[d] / t);
        }
        return out;
    }

    private static float[] unitCentred(float[] v, float[] centre) {
        float[] out = new float[v.length];
        for (int d = 0; d < v.length; d++) {
            out[d] = v[d] - centre[d];
        }
        return unit(out);
    }

    private static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += (double) x * x;
        }
        float[] out = v.clone();
        if (n > 0) {
            for (int d = 0; d < out.length; d++) {
                out[d] /= (float) Math.sqrt(n);
            }
        }
        return out;
    }
}
