package io.ultraline.stream;

import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.model.ModelUnavailableException;
import io.ultraline.ultra.transform.TokenTransform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a batch through the model, and tells a frame's own failure from the model's. When the model
 * fails on a batch, the batch is split in halves, recursively, so that the frames that break it are
 * isolated and every other frame still gets its result (a failing frame costs about 2 log2(batch)
 * extra model calls). A frame that fails alone is only blamed when a neutral grey frame then runs:
 * if that fails too, the model itself is down (a device lost, a closed session), and the batch is
 * not the frames' fault. Such failures, and those the model reports as
 * {@link ModelUnavailableException}, are thrown as {@link ModelUnavailableException} so that the
 * caller retries the frames instead of dead-lettering them. The same holds for both stages of
 * two-stage inference ({@link #scan}, {@link #explain}).
 */
final class BatchInference {

    private static final Logger LOG = LoggerFactory.getLogger(BatchInference.class);

    /** The result for one frame: inspected, or failed in the model. */
    sealed interface Outcome {
        record Inspected(InspectedFrame frame) implements Outcome {}

        record Failed(String message) implements Outcome {}
    }

    private BatchInference() {}

    /**
     * One outcome per image, in order: tokens, all maps and concepts (mode all), one call per
     * distinct token transform W.
     *
     * @param transforms per image its camera's W (null: the plain ULTra target)
     * @throws ModelUnavailableException when the failure is the model's, not a frame's
     */
    static List<Outcome> run(ModelStep inspection, List<RgbImage> images, List<TokenTransform> transforms) {
        if (transforms.size() != images.size()) {
            throw new IllegalArgumentException(
                    images.size() + " images need as many transforms, got " + transforms.size());
        }
        List<Integer> indices =
                java.util.stream.IntStream.range(0, images.size()).boxed().toList();
        return run(
                inspection,
                indices,
                batch -> inspection.inspect(
                        batch.stream().map(images::get).toList(),
                        batch.stream().map(transforms::get).toList()),
                false);
    }

    /**
     * One outcome per image, in order: the first stage of two-stage inference, tokens only.
     *
     * @throws ModelUnavailableException when the failure is the model's, not a frame's
     */
    static List<Outcome> scan(ModelStep inspection, List<RgbImage> images) {
        return run(inspection, images, inspection::scan, true);
    }

    /**
     * One outcome per image, in order: stage 1 on the plain view alone
     * ({@link ModelStep#scanPlainView}).
     *
     * @throws ModelUnavailableException when the failure is the model's, not a frame's
     */
    static List<Outcome> scanPlainView(ModelStep inspection, List<RgbImage> images) {
        return run(inspection, images, inspection::scanPlainView, true);
    }

    /**
     * One outcome per frame, in order: the frames with their shifted views' tokens
     * ({@link ModelStep#withShiftedViews}).
     *
     * @throws ModelUnavailableException when the failure is the model's, not a frame's
     */
    static List<Outcome> withShiftedViews(ModelStep inspection, List<InspectedFrame> frames) {
        return run(inspection, frames, inspection::withShiftedViews, true);
    }

    /**
     * A scanned frame, the tokens whose maps it needs (null: all) and its camera's token transform W
     * (null: the plain ULTra target).
     */
    record Request(InspectedFrame frame, int[] targets, TokenTransform transform) {}

    /**
     * One outcome per request, in order: the second stage, maps and concepts of scanned frames.
     *
     * @throws ModelUnavailableException when the failure is the model's, not a frame's
     */
    static List<Outcome> explain(ModelStep inspection, List<Request> requests) {
        return run(
                inspection,
                requests,
                batch -> inspection.explain(
                        batch.stream().map(Request::frame).toList(),
                        batch.stream().map(Request::targets).toList(),
                        batch.stream().map(Request::transform).toList()),
                true);
    }

    private static <I> List<Outcome> run(
            ModelStep inspection, List<I> inputs, Function<List<I>, List<InspectedFrame>> model, boolean twoStage) {
        List<Outcome> out = new ArrayList<>(inputs.size());
        run(inspection, inputs, model, twoStage, out);
        return out;
    }

    private static <I> void run(
            ModelStep inspection,
            List<I> inputs,
            Function<List<I>, List<InspectedFrame>> model,
            boolean twoStage,
            List<Outcome> out) {
        if (inputs.isEmpty()) {
            return;
        }
        try {
            List<InspectedFrame> results = model.apply(inputs);
            if (results.size() != inputs.size()) {
                throw new IllegalStateException(
                        "the model returned " + results.size() + " results for " + inputs.size() + " frames");
            }
            results.forEach(r -> out.add(new Outcome.Inspected(r)));
        } catch (RuntimeException e) {
            if (isModelDown(e)) {
                throw e instanceof ModelUnavailableException u
                        ? u
                        : new ModelUnavailableException("the model is unavailable: " + e, e);
            }
            if (inputs.size() == 1) {
                blameOrRethrow(inspection, twoStage, e);
                LOG.warn("Model failed on a single frame", e);
                out.add(new Outcome.Failed("model failed on this frame: " + e));
                return;
            }
            int half = inputs.size() / 2;
            LOG.warn(
                    "Model failed on a batch of {}; splitting it into {} + {} to isolate the failing frame",
                    inputs.size(),
                    half,
                    inputs.size() - half,
                    e);
            run(inspection, inputs.subList(0, half), model, twoStage, out);
            run(inspection, inputs.subList(half, inputs.size()), model, twoStage, out);
        }
    }

    /** Returns when a neutral frame runs (so the failure was the frame's); throws when it fails too. */
    private static void blameOrRethrow(ModelStep inspection, boolean twoStage, RuntimeException frameFailure) {
        try {
            List<RgbImage> neutral = List.of(neutral(inspection.imageSize()));
            if (twoStage) {
                // both stages, since either may be the one that failed
                inspection.explain(inspection.scan(neutral), Collections.singletonList(null));
            } else {
                inspection.inspect(neutral);
            }
        } catch (RuntimeException e) {
            if (e != frameFailure) {
                e.addSuppressed(frameFailure);
            }
            throw new ModelUnavailableException(
                    "the model fails on a neutral grey frame as well, so the failure is " + "not the frame's: " + e, e);
        }
    }

    private static boolean isModelDown(Throwable failure) {
        return CauseChain.find(failure, ModelUnavailableException.class).isPresent()
                || CauseChain.find(failure, InterruptedException.class).isPresent();
    }

    private static RgbImage neutral(int size) {
        float[] pixels = new float[size * size * 3];
        Arrays.fill(pixels, 0.5f);
        return new RgbImage(size, size, pixels);
    }
}
