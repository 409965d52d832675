package io.ultraline.stream;

import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.InspectedFrame;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a batch through the model; when the model fails on a batch, the batch is split in halves,
 * recursively, so that the frames that break it are isolated and every other frame still gets its
 * result. A failing frame costs about 2 log2(batch) extra model calls.
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

    /** One outcome per image, in order. */
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
            if (images.size() == 1) {
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
}
