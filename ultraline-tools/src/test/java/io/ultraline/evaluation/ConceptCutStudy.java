package io.ultraline.evaluation;

import io.ultraline.defect.ReferenceProfile;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.inspect.TransformCalibration;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.ultra.AverageLinkage;
import io.ultraline.ultra.Clustering;
import io.ultraline.ultra.ConceptAggregation;
import io.ultraline.ultra.CosineDistances;
import io.ultraline.ultra.Dendrogram;
import io.ultraline.ultra.MaskUpsampling;
import io.ultraline.ultra.PatchLabelling;
import io.ultraline.ultra.eval.KMeans;
import io.ultraline.ultra.eval.SegmentationScores;
import io.ultraline.ultra.transform.TokenTransform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The study behind the joint concept step (issue 19; docs/evaluation.md, "A concept step that
 * adapts to the frame"): on a scenes dataset it calibrates the shipped profile and a token
 * transform W, explains every test frame with and without W, and scores many label-free concept
 * steps against the part ids (mIoU, ARI, concepts per frame): the paper's average-linkage cut,
 * k-means over the maps, over the tokens and over both, with k told or chosen by the silhouette,
 * labelling by membership or by the argmax of the aggregated maps, and camera prototypes. Lines
 * starting with {@code k } give the share of frames whose chosen k equals the true one, the mean
 * error and the mean k. With a third argument it prints instead a histogram of the best
 * silhouette on the test frames of a dataset without parts (plain surfaces). Not a test; run by
 * hand after {@code mvn test-compile}:
 *
 * <pre>
 * java -cp "$(dev/test-classpath.sh ultraline-tools)" \
 *     io.ultraline.evaluation.ConceptCutStudy DATASET_DIR MODEL_DIR [uniform]
 * </pre>
 */
public final class ConceptCutStudy {

    public static void main(String[] args) throws Exception {
        LabelledDataset data = LabelledDataset.open(Path.of(args[0]));
        try (ModelRunner runner =
                ModelRunner.load(Path.of(args[1]), RunnerOptions.defaults().withIntraOpThreads(2))) {
            FrameInspector inspector = FrameInspector.standard(runner, FrameInspector.DEFAULT_MAX_RECORD_BYTES);
            List<RgbImage> good = data.calibrationImages();
            ReferenceProfile profile = inspector.calibrate(good, 1, 8);
            if (args.length > 2) {
                int n0 = runner.config().gridSize() * runner.config().gridSize();
                List<InspectedFrame> fr = new ArrayList<>();
                for (LabelledDataset.TestFrame f : data.test()) {
                    fr.add(inspector
                            .inspect(List.of(LabelledDataset.readImage(f.imagePath())), profile, null)
                            .get(0));
                }
                double[] hist = new double[12];
                for (InspectedFrame c : fr) {
                    float[][] tok = rows(c.modelOutput().tokens(), n0);
                    float[][] feat =
                            concat(unit(c.segmentation().fixedMaps()), unit(centre(tok, mean(Arrays.asList(tok)))));
                    double[][] df = euclid(feat);
                    double bs = -1;
                    for (int kk = 2; kk <= 8; kk++) {
                        bs = Math.max(bs, silhouette(df, KMeans.cluster(feat, kk, 19)));
                    }
                    hist[(int) Math.min(11, Math.max(0, bs * 20))]++;
                }
                System.out.println(args[0] + " best silhouette histogram (bins of 0.05): " + Arrays.toString(hist));
                return;
            }
            TokenTransform w = TransformCalibration.learn(inspector, good, 19).transform();
            List<float[]> calTokens = new ArrayList<>();
            int n = runner.config().gridSize() * runner.config().gridSize();
            for (InspectedFrame c : inspector.inspect(good, profile, null)) {
                calTokens.add(c.modelOutput().tokens());
            }
            for (TokenTransform t : new TokenTransform[] {null, w}) {
                Map<String, double[]> sums = new LinkedHashMap<>();
                List<float[]> pooled = new ArrayList<>();
                for (float[] ct : calTokens) {
                    pooled.addAll(Arrays.asList(rows(t == null ? ct : t.apply(ct, n), n)));
                }
                float[] mean = mean(pooled);
                float[][] pooledC = unit(centre(pooled.toArray(new float[0][]), mean));
                float[][] pooledU = unit(pooled.toArray(new float[0][]));
                Map<String, float[][]> protos = new LinkedHashMap<>();
                for (String kind : new String[] {"plain", "centred"}) {
                    float[][] pts = kind.equals("plain") ? pooledU : pooledC;
                    double[][] pd = euclid(pts);
                    double bestS = -2;
                    float[][] best = null;
                    int bestP = 0;
                    for (int p = 2; p <= 8; p++) {
                        int[] lab = KMeans.cluster(pts, p, 19);
                        double sil = silhouette(pd, lab);
                        System.out.printf("  prototypes %s P=%d silhouette %.3f%n", kind, p, sil);
                        if (sil > bestS) {
                            bestS = sil;
                            best = centroids(pts, lab, p);
                            bestP = p;
                        }
                    }
                    System.out.println("  chosen " + kind + " P=" + bestP);
                    protos.put(kind, best);
                }
                int frames = 0;
                for (LabelledDataset.TestFrame f : data.test()) {
                    RgbImage img = LabelledDataset.readImage(f.imagePath());
                    InspectedFrame r =
                            inspector.inspect(List.of(img), profile, t).get(0);
                    int wd = r.width();
                    int ht = r.height();
                    int g = r.segmentation().gridHeight();
                    int[] truth = LabelledDataset.readParts(f.partsPath(), wd, ht);
                    int k = (int) Arrays.stream(truth).distinct().count();
                    float[][] maps = r.segmentation().fixedMaps();
                    double[][] dist = CosineDistances.matrix(maps);
                    float[][] unit = unit(maps);
                    Map<String, int[]> rules = new LinkedHashMap<>();
                    rules.put("default", r.segmentation().labels());
                    float[][] tok = rows(
                            t == null
                                    ? r.modelOutput().tokens()
                                    : t.apply(r.modelOutput().tokens(), n),
                            n);
                    float[][] tokU = unit(tok);
                    float[][] tokC = unit(centre(tok, mean));
                    rules.put("tokens KM true k", KMeans.cluster(tokU, k, 19));
                    rules.put("tokensC KM true k", KMeans.cluster(tokC, k, 19));
                    rules.put("proto plain", nearest(tokU, protos.get("plain")));
                    rules.put("proto centred", nearest(tokC, protos.get("centred")));
                    float[][] both = concat(unit(maps), tokC);
                    rules.put("maps+tokC KM true k", KMeans.cluster(both, k, 19));
                    double[][] db = euclid(both);
                    double[][] dt = euclid(tokC);
                    int[] bb = null, bt = null;
                    double sb = -2, st = -2;
                    for (int kk = 2; kk <= 6; kk++) {
                        int[] lb = KMeans.cluster(both, kk, 19);
                        double s1 = silhouette(db, lb);
                        if (s1 > sb) {
                            sb = s1;
                            bb = lb;
                        }
                        int[] lt = KMeans.cluster(tokC, kk, 19);
                        double s2 = silhouette(dt, lt);
                        if (s2 > st) {
                            st = s2;
                            bt = lt;
                        }
                    }
                    rules.put("maps+tokC KM sil", bb);
                    float[] fm = mean(Arrays.asList(tok));
                    float[][] tokF = unit(centre(tok, fm));
                    float[][] um = unit(maps);
                    for (double alpha : new double[] {0.0, 0.5, 1.0, 2.0}) {
                        float[][] feat = concat(scale(um, alpha), tokF);
                        double[][] df = euclid(feat);
                        int[] bl = null;
                        double bs = -2;
                        int bk = 0;
                        for (int kk = 2; kk <= 8; kk++) {
                            int[] l = KMeans.cluster(feat, kk, 19);
                            double s1 = silhouette(df, l);
                            if (s1 > bs) {
                                bs = s1;
                                bl = l;
                                bk = kk;
                            }
                        }
                        rules.put("frameC a=" + alpha + " sil<=8", bl);
                        add(sums, "k frameC a=" + alpha, bk, k);
                    }
                    rules.put("tokC KM sil", bt);
                    Dendrogram tree = AverageLinkage.build(dist);
                    rules.put("AL true k", ultraLabels(maps, tree.cutToMaxClusters(k)));
                    rules.put("KM true k", ultraLabels(maps, Clustering.ofGroups(KMeans.cluster(unit, k, 19))));
                    rules.put("KM true k member", KMeans.cluster(unit, k, 19));
                    for (double s0 : new double[] {0.0, 0.15, 0.25}) {
                        int[] alBest = null;
                        int[] kmBest = null;
                        double alS = s0;
                        double kmS = s0;
                        int alK = 1;
                        int kmK = 1;
                        for (int kk = 2; kk <= 6; kk++) {
                            int[] al = tree.cutToMaxClusters(kk).labels();
                            double sa = silhouette(dist, al);
                            if (sa > alS) {
                                alS = sa;
                                alBest = al;
                                alK = kk;
                            }
                            int[] km = KMeans.cluster(unit, kk, 19);
                            double sk = silhouette(dist, km);
                            if (sk > kmS) {
                                kmS = sk;
                                kmBest = km;
                                kmK = kk;
                            }
                        }
                        int[] one = new int[maps.length];
                        rules.put(
                                "AL sil>" + s0, ultraLabels(maps, Clustering.ofGroups(alBest == null ? one : alBest)));
                        rules.put(
                                "KM sil>" + s0, ultraLabels(maps, Clustering.ofGroups(kmBest == null ? one : kmBest)));
                        rules.put("KM sil>" + s0 + " member", kmBest == null ? one : kmBest);
                        add(sums, "k AL sil>" + s0, alK, k);
                        add(sums, "k KM sil>" + s0, kmK, k);
                    }
                    for (var e : rules.entrySet()) {
                        SegmentationScores s =
                                SegmentationScores.of(MaskUpsampling.upsample(e.getValue(), g, g, wd, ht), truth);
                        double[] a = sums.computeIfAbsent(e.getKey(), x -> new double[3]);
                        a[0] += s.miou();
                        a[1] += s.ari();
                        a[2] += Arrays.stream(e.getValue()).distinct().count();
                    }
                    frames++;
                }
                System.out.println("== " + args[0] + (t == null ? " without W" : " with W"));
                for (var e : sums.entrySet()) {
                    double[] a = e.getValue();
                    System.out.printf(
                            "%-24s %.3f %.3f %.2f%n", e.getKey(), a[0] / frames, a[1] / frames, a[2] / frames);
                }
            }
        }
    }

    private static void add(Map<String, double[]> sums, String key, int chosen, int truth) {
        double[] a = sums.computeIfAbsent(key, x -> new double[3]);
        a[0] += chosen == truth ? 1 : 0;
        a[1] += chosen - truth;
        a[2] += chosen;
    }

    static int[] ultraLabels(float[][] maps, Clustering c) {
        return PatchLabelling.label(ConceptAggregation.conceptMaps(maps, c)).labels();
    }

    static double silhouette(double[][] d, int[] labels) {
        int n = labels.length;
        int c = Arrays.stream(labels).max().getAsInt() + 1;
        int[] size = new int[c];
        for (int l : labels) {
            size[l]++;
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            double[] sum = new double[c];
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sum[labels[j]] += d[i][j];
                }
            }
            int own = labels[i];
            if (size[own] <= 1) {
                continue;
            }
            double a = sum[own] / (size[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int q = 0; q < c; q++) {
                if (q != own && size[q] > 0) {
                    b = Math.min(b, sum[q] / size[q]);
                }
            }
            if (b == Double.POSITIVE_INFINITY) {
                continue;
            }
            total += (b - a) / Math.max(a, b);
        }
        return total / n;
    }

    static float[][] rows(float[] flat, int n) {
        int d = flat.length / n;
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return out;
    }

    static float[] mean(List<float[]> pts) {
        float[] m = new float[pts.get(0).length];
        for (float[] p : pts) {
            for (int j = 0; j < m.length; j++) {
                m[j] += p[j] / pts.size();
            }
        }
        return m;
    }

    static float[][] centre(float[][] pts, float[] m) {
        float[][] out = new float[pts.length][];
        for (int i = 0; i < pts.length; i++) {
            out[i] = new float[m.length];
            for (int j = 0; j < m.length; j++) {
                out[i][j] = pts[i][j] - m[j];
            }
        }
        return out;
    }

    static float[][] scale(float[][] a, double f) {
        float[][] out = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new float[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                out[i][j] = (float) (a[i][j] * f);
            }
        }
        return out;
    }

    static float[][] concat(float[][] a, float[][] b) {
        float[][] out = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new float[a[i].length + b[i].length];
            System.arraycopy(a[i], 0, out[i], 0, a[i].length);
            System.arraycopy(b[i], 0, out[i], a[i].length, b[i].length);
        }
        return out;
    }

    static double[][] euclid(float[][] p) {
        double[][] d = new double[p.length][p.length];
        for (int i = 0; i < p.length; i++) {
            for (int j = i + 1; j < p.length; j++) {
                double s = 0;
                for (int q = 0; q < p[i].length; q++) {
                    double t = p[i][q] - p[j][q];
                    s += t * t;
                }
                d[i][j] = d[j][i] = Math.sqrt(s);
            }
        }
        return d;
    }

    static float[][] centroids(float[][] pts, int[] lab, int k) {
        float[][] c = new float[k][pts[0].length];
        int[] size = new int[k];
        for (int i = 0; i < pts.length; i++) {
            size[lab[i]]++;
            for (int j = 0; j < pts[i].length; j++) {
                c[lab[i]][j] += pts[i][j];
            }
        }
        return unit(c);
    }

    static int[] nearest(float[][] pts, float[][] protos) {
        int[] out = new int[pts.length];
        for (int i = 0; i < pts.length; i++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < protos.length; c++) {
                double dot = 0;
                for (int j = 0; j < pts[i].length; j++) {
                    dot += pts[i][j] * protos[c][j];
                }
                if (dot > best) {
                    best = dot;
                    out[i] = c;
                }
            }
        }
        return out;
    }

    static float[][] unit(float[][] maps) {
        float[][] out = new float[maps.length][];
        for (int i = 0; i < maps.length; i++) {
            double norm = 0;
            for (float v : maps[i]) {
                norm += v * v;
            }
            float s = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
            out[i] = new float[maps[i].length];
            for (int j = 0; j < maps[i].length; j++) {
                out[i][j] = maps[i][j] * s;
            }
        }
        return out;
    }
}
