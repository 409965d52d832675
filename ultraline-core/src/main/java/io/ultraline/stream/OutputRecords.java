package io.ultraline.stream;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.ConceptPixels;
import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.Heatmap;
import io.ultraline.avro.PixelBox;
import io.ultraline.avro.PixelMask;
import io.ultraline.avro.RejectReason;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.avro.SourceRef;
import io.ultraline.avro.TokenMask;
import io.ultraline.avro.VerdictStatus;
import io.ultraline.defect.DefectRegionResult;
import io.ultraline.defect.FrameAssessment;
import io.ultraline.defect.ProfileCodec;
import io.ultraline.defect.QuantisedHeatmap;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.ultra.ConceptPixelImage;
import io.ultraline.ultra.Segmentation;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Avro output records from inspection results, each stamped with its source, the model,
 * the profile version and the pipeline version.
 */
final class OutputRecords {

    private final ModelIdentity model;
    private final String pipelineVersion;

    private final int maxDeadLetterBytes;

    OutputRecords(ModelIdentity model, String pipelineVersion) {
        this(model, pipelineVersion, OutputLimits.defaults().maxDeadLetterBytes());
    }

    OutputRecords(ModelIdentity model, String pipelineVersion, int maxDeadLetterBytes) {
        this.model = model;
        this.pipelineVersion = pipelineVersion;
        this.maxDeadLetterBytes = maxDeadLetterBytes;
    }

    FrameVerdict verdict(
            CameraFrame f,
            OriginalRecord source,
            VerdictStatus status,
            FrameAssessment assessment,
            int conceptCount,
            Long profileVersion,
            long now) {
        return FrameVerdict.newBuilder()
                .setCameraId(f.getCameraId())
                .setLineId(f.getLineId())
                .setFrameId(f.getFrameId())
                .setProductId(f.getProductId())
                .setCaptureTimestamp(f.getCaptureTimestamp())
                .setProcessedTimestamp(Instant.ofEpochMilli(now))
                .setStatus(status)
                .setFrameScore(assessment == null ? 0f : assessment.frameScore())
                .setThreshold(assessment == null ? null : assessment.threshold())
                .setRegionCount(assessment == null ? 0 : assessment.regions().size())
                .setConceptCount(conceptCount)
                .setSource(source.sourceRef())
                .setModel(model.stamp())
                .setProfileVersion(profileVersion)
                .setPipelineVersion(pipelineVersion)
                .setAttributes(attributes(f))
                .build();
    }

    List<DefectRegion> defects(CameraFrame f, OriginalRecord source, FrameAssessment a, long profileVersion) {
        List<DefectRegion> out = new ArrayList<>(a.regions().size());
        int index = 0;
        for (DefectRegionResult r : a.regions()) {
            out.add(DefectRegion.newBuilder()
                    .setCameraId(f.getCameraId())
                    .setLineId(f.getLineId())
                    .setFrameId(f.getFrameId())
                    .setCaptureTimestamp(f.getCaptureTimestamp())
                    .setRegionIndex(index++)
                    .setRegionCount(a.regions().size())
                    .setConceptId(r.conceptId())
                    .setScore(r.score())
                    .setThreshold(a.threshold())
                    .setTokenArea(r.tokenArea())
                    .setPixelArea(r.pixelArea())
                    .setMask(new TokenMask(
                            r.mask().gridHeight(),
                            r.mask().gridWidth(),
                            ints(r.mask().runs())))
                    .setBox(new PixelBox(
                            r.box().x(), r.box().y(), r.box().width(), r.box().height()))
                    .setExplanation(heatmap(r.explanation()))
                    .setSource(source.sourceRef())
                    .setModel(model.stamp())
                    .setProfileVersion(profileVersion)
                    .setPipelineVersion(pipelineVersion)
                    .setPixelMask(
                            r.pixelMask() == null
                                    ? null
                                    : new PixelMask(
                                            r.pixelMask().gridWidth(),
                                            r.pixelMask().gridHeight(),
                                            f.getWidth(),
                                            f.getHeight(),
                                            ints(r.pixelMask().runs())))
                    .setAttributes(attributes(f))
                    .build());
        }
        return out;
    }

    /** The explanation of a frame without a profile: the segmenter's own concept labels only. */
    FrameExplanation explanation(CameraFrame f, OriginalRecord source, InspectedFrame inspected) {
        return explanation(f, source, inspected, null, null, ExplainSelection.Reason.EVERY_FRAME, null);
    }

    /**
     * @param a       the frame's assessment against {@code profile}, null without one
     * @param profile the camera's profile in use, null without one; its concept prototypes name the concepts
     * @param reason  why the frame was explained
     * @param targets the tokens whose maps were computed, null for all
     */
    FrameExplanation explanation(
            CameraFrame f,
            OriginalRecord source,
            InspectedFrame inspected,
            FrameAssessment a,
            ProfileStore.Active profile,
            ExplainSelection.Reason reason,
            int[] targets) {
        return explanation(f, source.sourceRef(), inspected, a, profile, reason, targets);
    }

    /** As above, for a frame that is not the input record at hand (explain on demand names its own source). */
    FrameExplanation explanation(
            CameraFrame f,
            SourceRef source,
            InspectedFrame inspected,
            FrameAssessment a,
            ProfileStore.Active profile,
            ExplainSelection.Reason reason,
            int[] targets) {
        Segmentation s = inspected.segmentation();
        List<Heatmap> concepts = new ArrayList<>(s.conceptCount());
        for (int c = 0; c < s.conceptCount(); c++) {
            concepts.add(heatmap(QuantisedHeatmap.quantise(s.conceptMap(c), s.gridHeight(), s.gridWidth())));
        }
        return FrameExplanation.newBuilder()
                .setCameraId(f.getCameraId())
                .setLineId(f.getLineId())
                .setFrameId(f.getFrameId())
                .setCaptureTimestamp(f.getCaptureTimestamp())
                .setFrameWidth(f.getWidth())
                .setFrameHeight(f.getHeight())
                .setGridHeight(s.gridHeight())
                .setGridWidth(s.gridWidth())
                .setConceptCount(s.conceptCount())
                .setTokenLabels(ints(s.labels()))
                .setConceptHeatmaps(concepts)
                .setTokenScores(
                        a == null
                                ? null
                                : heatmap(QuantisedHeatmap.quantise(a.tokenScores(), a.gridHeight(), a.gridWidth())))
                .setThreshold(a == null ? null : a.threshold())
                .setSource(source)
                .setModel(model.stamp())
                .setProfileVersion(profile == null ? null : profile.version())
                .setPipelineVersion(pipelineVersion)
                .setAttributes(attributes(f))
                .setTargets(targets == null ? null : ints(targets))
                .setReason(reason.name())
                .setConceptPixels(conceptPixels(inspected))
                .setConceptIds(conceptIds(inspected, profile))
                .build();
    }

    /** The camera's id of each of the frame's concept labels; null without a profile or prototypes. */
    private static List<Integer> conceptIds(InspectedFrame inspected, ProfileStore.Active profile) {
        int[] ids = profile == null
                ? null
                : inspected.cameraConceptIds(profile.profile().conceptPrototypes());
        return ids == null ? null : ints(ids);
    }

    /** The frame's concepts refined to pixels (at most 256 x 256), run-length coded; null without its pixels. */
    private static ConceptPixels conceptPixels(InspectedFrame inspected) {
        if (inspected.image() == null) {
            return null;
        }
        Segmentation s = inspected.segmentation();
        ConceptPixelImage image = ConceptPixelImage.refined(
                s.labels(),
                s.gridHeight(),
                s.gridWidth(),
                inspected.image().pixels(),
                inspected.image().width(),
                inspected.image().height(),
                ConceptPixelImage.DEFAULT_MAX_PIXELS);
        return new ConceptPixels(image.width(), image.height(), ints(image.runs()));
    }

    io.ultraline.avro.ReferenceProfile snapshot(
            String cameraId, String productId, ReferenceProfile p, SourceRef lastFrame) {
        return io.ultraline.avro.ReferenceProfile.newBuilder()
                .setCameraId(cameraId)
                .setProductId(productId)
                .setVersion(p.version())
                .setCreatedTimestamp(p.created())
                .setFrameCount(p.frameCount())
                .setThreshold(p.threshold())
                .setThresholdQuantile(p.thresholdQuantile())
                .setThresholdMargin(p.thresholdMargin())
                .setTokenDim(p.tokenDim())
                .setBankSize(p.bankSize())
                .setBank(ByteBuffer.wrap(ProfileCodec.encode(p)))
                .setModel(model.stamp())
                .setSource(
                        lastFrame == null
                                ? null
                                : new SourceRef(lastFrame.getTopic(), lastFrame.getPartition(), lastFrame.getOffset()))
                .setPipelineVersion(pipelineVersion)
                .build();
    }

    RejectedFrame rejected(
            OriginalRecord original,
            RejectReason reason,
            String message,
            String cameraId,
            String frameId,
            Long profileVersion,
            long now) {
        return DeadLetters.of(
                original,
                reason,
                message,
                cameraId,
                frameId,
                model.stamp(),
                profileVersion,
                pipelineVersion,
                now,
                maxDeadLetterBytes);
    }

    static Heatmap heatmap(QuantisedHeatmap q) {
        return new Heatmap(q.gridHeight(), q.gridWidth(), q.min(), q.max(), ByteBuffer.wrap(q.values()));
    }

    /** A copy per output: the records must not share one mutable map with the input frame. */
    private static Map<String, String> attributes(CameraFrame f) {
        return f.getAttributes() == null ? new HashMap<>() : new HashMap<>(f.getAttributes());
    }

    private static List<Integer> ints(int[] values) {
        List<Integer> out = new ArrayList<>(values.length);
        for (int v : values) {
            out.add(v);
        }
        return out;
    }
}
