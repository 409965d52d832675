package io.ultraline.app;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.stream.PipelineObserver;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last few frames of every camera this instance processes, with their verdict, defects and
 * explanation, for the overlay images and the dashboard; plus a longer score history per camera
 * for its sparkline. In memory only: the topics are the record, this is a live view.
 */
@Singleton
public final class RecentFrames implements PipelineObserver {

    static final int FRAMES_PER_CAMERA = 8;
    static final int SCORES_PER_CAMERA = 60;

    private final Map<String, CameraHistory> cameras = new ConcurrentHashMap<>();

    /** One frame and what the pipeline said about it so far. */
    public static final class Entry {
        private final CameraFrame frame;
        private final byte[] image;
        private volatile FrameVerdict verdict;
        private final List<DefectRegion> defects = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile FrameExplanation explanation;

        Entry(CameraFrame frame, byte[] image) {
            this.frame = frame;
            this.image = image;
        }

        public CameraFrame frame() {
            return frame;
        }

        /** The encoded image as received. */
        public byte[] image() {
            return image.clone();
        }

        public Optional<FrameVerdict> verdict() {
            return Optional.ofNullable(verdict);
        }

        public List<DefectRegion> defects() {
            return List.copyOf(defects);
        }

        public Optional<FrameExplanation> explanation() {
            return Optional.ofNullable(explanation);
        }
    }

    /** Score history point for the sparkline. */
    public record ScorePoint(long captureMillis, float score, Float threshold, String status) {
    }

    private static final class CameraHistory {
        final Deque<Entry> frames = new ArrayDeque<>();
        final Deque<ScorePoint> scores = new ArrayDeque<>();
    }

    @Override
    public void frameAccepted(CameraFrame frame) {
        ByteBuffer buffer = frame.getImage().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        CameraHistory h = cameras.computeIfAbsent(frame.getCameraId(), c -> new CameraHistory());
        synchronized (h) {
            h.frames.addLast(new Entry(frame, bytes));
            while (h.frames.size() > FRAMES_PER_CAMERA) {
                h.frames.removeFirst();
            }
        }
    }

    @Override
    public void verdict(FrameVerdict verdict) {
        CameraHistory h = cameras.computeIfAbsent(verdict.getCameraId(), c -> new CameraHistory());
        synchronized (h) {
            find(h, verdict.getFrameId()).ifPresent(e -> e.verdict = verdict);
            h.scores.addLast(new ScorePoint(verdict.getCaptureTimestamp().toEpochMilli(), verdict.getFrameScore(),
                    verdict.getThreshold(), verdict.getStatus().name()));
            while (h.scores.size() > SCORES_PER_CAMERA) {
                h.scores.removeFirst();
            }
        }
    }

    @Override
    public void defect(DefectRegion region) {
        CameraHistory h = cameras.get(region.getCameraId());
        if (h != null) {
            synchronized (h) {
                find(h, region.getFrameId()).ifPresent(e -> e.defects.add(region));
            }
        }
    }

    @Override
    public void explanation(FrameExplanation explanation) {
        CameraHistory h = cameras.get(explanation.getCameraId());
        if (h != null) {
            synchronized (h) {
                find(h, explanation.getFrameId()).ifPresent(e -> e.explanation = explanation);
            }
        }
    }

    /** The frame, if it is still among the camera's recent ones. */
    public Optional<Entry> frame(String cameraId, String frameId) {
        CameraHistory h = cameras.get(cameraId);
        if (h == null) {
            return Optional.empty();
        }
        synchronized (h) {
            return find(h, frameId);
        }
    }

    /** The newest frame of the camera that has its verdict. */
    public Optional<Entry> latestWithVerdict(String cameraId) {
        CameraHistory h = cameras.get(cameraId);
        if (h == null) {
            return Optional.empty();
        }
        synchronized (h) {
            for (Iterator<Entry> it = h.frames.descendingIterator(); it.hasNext(); ) {
                Entry e = it.next();
                if (e.verdict != null) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }
    }

    /** The camera's recent scores, oldest first. */
    public List<ScorePoint> scores(String cameraId) {
        CameraHistory h = cameras.get(cameraId);
        if (h == null) {
            return List.of();
        }
        synchronized (h) {
            return new ArrayList<>(h.scores);
        }
    }

    private static Optional<Entry> find(CameraHistory h, String frameId) {
        for (Iterator<Entry> it = h.frames.descendingIterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.frame.getFrameId().equals(frameId)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
