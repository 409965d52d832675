package io.ultraline.stream;

import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.model.ModelUnavailableException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * caller retries the frames instead of dead-lettering them.
 */
final class BatchInference {

    private static final Logger LOG = LoggerFactory.getLogger(BatchInference.class);

    /** The result for one frame: inspected, or failed in the model. */
    sealed interface Outcome {
        record Inspected(InspectedFrame frame) implements Outcome {
        }

        record Failed(String message) implements Outcome {
        }
    }

    private BatchInference() {
    }

    /**
     * One outcome per image, in order.
     *
     * @throws ModelUnavailableException when the failure is the model's, not a frame's
     */
    static List<Outcome> run(FrameInspection inspection, List<RgbImage> images) {
        List<Outcome> out = new ArrayList<>(images.size());
        run(inspection, images, out);
        return out;
    }

    private static void run(FrameInspection inspection, List<RgbImage> images, List<Outcome> out) {
        if (images.isEmpty()) {
            return;
        }
        try {
            List<InspectedFrame> results = inspection.inspect(images);
            if (results.size() != images.size()) {
                throw new IllegalStateException("the model returned " + results.size() + " results for "
                        + images.size() + " frames");
            }
            results.forEach(r -> out.add(new Outcome.Inspected(r)));
        } catch (RuntimeException e) {
            if (isModelDown(e)) {
                throw e instanceof ModelUnavailableException u ? u
                        : new ModelUnavailableException("the model is unavailable: " + e, e);
            }
            if (images.size() == 1) {
                blameOrRethrow(inspection, e);
                LOG.warn("Model failed on a single frame", e);
                out.add(new Outcome.Failed("model failed on this frame: " + e));
                return;
            }
            int half = images.size() / 2;
            LOG.warn("Model failed on a batch of {}; splitting it into {} + {} to isolate the failing frame",
                    images.size(), half, images.size() - half, e);
            run(inspection, images.subList(0, half), out);
            run(inspection, images.subList(half, images.size()), out);
        }
    }

    /** Returns when a neutral frame runs (so the failure was the frame's); throws when it fails too. */
    private static void blameOrRethrow(FrameInspection inspection, RuntimeException frameFailure) {
        try {
            inspection.inspect(List.of(neutral(inspection.imageSize())));
        } catch (RuntimeException e) {
            if (e != frameFailure) {
                e.addSuppressed(frameFailure);
            }
            throw new ModelUnavailableException("the model fails on a neutral grey frame as well, so the failure is "
                    + "not the frame's: " + e, e);
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
