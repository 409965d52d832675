package io.ultraline.app;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.SourceRef;
import io.ultraline.stream.PipelineObserver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The last few frames of the cameras this instance processes, with their verdict, defects,
 * explanation and rendered overlay, for the dashboard; plus a longer score history per camera for
 * its sparkline. In memory only: the topics are the record, this is a live view.
 *
 * <p>Bounded whatever producers send: at most {@link RecentFramesConfig#maxCameras()} cameras
 * (past it the least recently updated camera goes), {@link #FRAMES_PER_CAMERA} frames a camera,
 * and {@link RecentFramesConfig#maxBytes()} of images and overlays in all (past it the oldest
 * frames go, whatever their camera; a frame larger than the whole budget is not kept). Cameras
 * whose input partition this instance no longer owns go at the next rebalance
 * ({@link #retainPartitions}). Whoever keeps per-camera state elsewhere (the metrics) hears of
 * every camera that goes ({@link #onCameraEvicted}).
 *
 * <p>Thread-safe: stream threads write, HTTP threads read, all under one lock whose work is a
 * few deque operations; image copies and overlay renders happen outside it.
 */
@Singleton
public final class RecentFrames implements PipelineObserver {

    static final int FRAMES_PER_CAMERA = 8;
    static final int SCORES_PER_CAMERA = 60;

    private final int maxCameras;
    private final long maxBytes;
    /** Least recently updated first. Guarded by this. */
    private final LinkedHashMap<String, CameraHistory> cameras = new LinkedHashMap<>();
    /** Every frame held, oldest first: what the byte budget drops. Guarded by this. */
    private final LinkedHashSet<Entry> byAge = new LinkedHashSet<>();

    private long bytes;
    private final List<Consumer<String>> evictionListeners = new CopyOnWriteArrayList<>();

    @Inject
    RecentFrames(RecentFramesConfig config) {
        this.maxCameras = config.maxCameras();
        this.maxBytes = config.maxBytes();
    }

    RecentFrames() {
        this(RecentFramesConfig.defaults());
    }

    /** One frame and what the pipeline said about it so far. */
    public static final class Entry {
        private final CameraFrame frame;
        private final int imageBytes;
        private volatile FrameVerdict verdict;
        private final List<DefectRegion> defects = new CopyOnWriteArrayList<>();
        private volatile FrameExplanation explanation;
        /** Guarded by the owning RecentFrames: bumped whenever something the overlay shows changes. */
        private int version;

        private byte[] overlay;
        private int overlayVersion = -1;
        private boolean held = true;
        private final Object rendering = new Object();

        private Entry(CameraFrame frame, int imageBytes) {
            this.frame = frame;
            this.imageBytes = imageBytes;
        }

        /**
         * A frame read back from line.frames, for one overlay render: never held here, so it counts
         * against no budget and is gone after the request.
         */
        static Entry readBack(CameraFrame frame) {
            Entry e = new Entry(frame, frame.getImage().remaining());
            e.held = false;
            return e;
        }

        /** The frame as received, image included (a read-only buffer: the one copy held). */
        public CameraFrame frame() {
            return frame;
        }

        /** A copy of the encoded image as received. */
        public byte[] image() {
            ByteBuffer b = frame.getImage().duplicate();
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
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

        private long size() {
            return imageBytes + (overlay == null ? 0 : overlay.length);
        }
    }

    /** Score history point for the sparkline. */
    public record ScorePoint(long captureMillis, float score, Float threshold, String status) {}

    private static final class CameraHistory {
        final String cameraId;
        final Deque<Entry> frames = new ArrayDeque<>();
        final Deque<ScorePoint> scores = new ArrayDeque<>();
        /** The input partition its last verdict came from, null before the first verdict. */
        SourceRef source;

        CameraHistory(String cameraId) {
            this.cameraId = cameraId;
        }
    }

    /** Calls {@code listener} with the id of every camera that is dropped, after the drop. */
    void onCameraEvicted(Consumer<String> listener) {
        evictionListeners.add(listener);
    }

    @Override
    public void frameAccepted(CameraFrame frame) {
        // one copy of exactly the image, outside the lock; the record's own buffer may be a view
        // of a larger one, and holding the record would hold the image a second time
        ByteBuffer buffer = frame.getImage().duplicate();
        byte[] image = new byte[buffer.remaining()];
        buffer.get(image);
        CameraFrame held = new CameraFrame();
        for (int field = 0; field < frame.getSchema().getFields().size(); field++) {
            held.put(field, frame.get(field));
        }
        held.setImage(ByteBuffer.wrap(image).asReadOnlyBuffer());
        Entry entry = new Entry(held, image.length);
        List<String> evicted = new ArrayList<>();
        synchronized (this) {
            CameraHistory h = touch(frame.getCameraId().toString(), evicted);
            // a frame over the whole budget is not kept: it would push out every other frame, then itself
            if (entry.size() <= maxBytes) {
                h.frames.addLast(entry);
                byAge.add(entry);
                bytes += entry.size();
                while (h.frames.size() > FRAMES_PER_CAMERA) {
                    drop(h.frames.removeFirst());
                }
                keepWithinBudget();
            }
        }
        notifyEvicted(evicted);
    }

    @Override
    public void verdict(FrameVerdict verdict) {
        List<String> evicted = new ArrayList<>();
        synchronized (this) {
            CameraHistory h = touch(verdict.getCameraId().toString(), evicted);
            find(h, verdict.getFrameId().toString()).ifPresent(e -> {
                e.verdict = verdict;
                e.version++;
            });
            if (verdict.getSource() != null) {
                h.source = verdict.getSource();
            }
            h.scores.addLast(new ScorePoint(
                    verdict.getCaptureTimestamp().toEpochMilli(),
                    verdict.getFrameScore(),
                    verdict.getThreshold(),
                    verdict.getStatus().name()));
            while (h.scores.size() > SCORES_PER_CAMERA) {
                h.scores.removeFirst();
            }
        }
        notifyEvicted(evicted);
    }

    @Override
    public void defect(DefectRegion region) {
        List<String> evicted = new ArrayList<>();
        synchronized (this) {
            CameraHistory h = touch(region.getCameraId().toString(), evicted);
            find(h, region.getFrameId().toString()).ifPresent(e -> {
                e.defects.add(region);
                e.version++;
            });
        }
        notifyEvicted(evicted);
    }

    @Override
    public void explanation(FrameExplanation explanation) {
        List<String> evicted = new ArrayList<>();
        synchronized (this) {
            CameraHistory h = touch(explanation.getCameraId().toString(), evicted);
            find(h, explanation.getFrameId().toString()).ifPresent(e -> {
                e.explanation = explanation;
                e.version++;
            });
        }
        notifyEvicted(evicted);
    }

    /**
     * Drops every camera whose last verdict came from a partition of {@code topic} that is not in
     * {@code owned}: after a rebalance, another instance shows those cameras. Cameras without a
     * verdict yet stay (their partition is not known); the camera cap bounds them.
     *
     * @return the cameras dropped
     */
    public List<String> retainPartitions(String topic, Set<Integer> owned) {
        List<String> evicted = new ArrayList<>();
        synchronized (this) {
            for (Iterator<CameraHistory> it = cameras.values().iterator(); it.hasNext(); ) {
                CameraHistory h = it.next();
                if (h.source != null
                        && topic.equals(h.source.getTopic().toString())
                        && !owned.contains(h.source.getPartition())) {
                    it.remove();
                    h.frames.forEach(this::drop);
                    evicted.add(h.cameraId);
                }
            }
        }
        notifyEvicted(evicted);
        return evicted;
    }

    /**
     * The overlay of {@code entry}, rendered by {@code render} at most once for each state of the
     * entry (a verdict, defect or explanation arriving is a new state), so a dashboard polling
     * every second costs one render per frame. Concurrent requests for one entry wait for one
     * render. The PNG counts against the byte budget while the entry is held.
     */
    public byte[] overlay(Entry entry, Function<Entry, byte[]> render) {
        synchronized (entry.rendering) {
            int version;
            synchronized (this) {
                if (entry.overlay != null && entry.overlayVersion == entry.version) {
                    return entry.overlay;
                }
                version = entry.version;
            }
            byte[] png = render.apply(entry);
            synchronized (this) {
                if (entry.held) {
                    bytes -= entry.size();
                    entry.overlay = png;
                    entry.overlayVersion = version;
                    bytes += entry.size();
                    keepWithinBudget();
                }
            }
            return png;
        }
    }

    /** The frame, if it is still among the camera's recent ones. */
    public synchronized Optional<Entry> frame(String cameraId, String frameId) {
        CameraHistory h = cameras.get(cameraId);
        return h == null ? Optional.empty() : find(h, frameId);
    }

    /** The newest frame of the camera that has its verdict. */
    public synchronized Optional<Entry> latestWithVerdict(String cameraId) {
        CameraHistory h = cameras.get(cameraId);
        if (h == null) {
            return Optional.empty();
        }
        for (Iterator<Entry> it = h.frames.descendingIterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.verdict != null) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The camera's recent scores, oldest first. */
    public synchronized List<ScorePoint> scores(String cameraId) {
        CameraHistory h = cameras.get(cameraId);
        return h == null ? List.of() : new ArrayList<>(h.scores);
    }

    /** The cameras held, least recently updated first. */
    public synchronized List<String> cameras() {
        return new ArrayList<>(cameras.keySet());
    }

    /** Image and overlay bytes held now. */
    public synchronized long heldBytes() {
        return bytes;
    }

    /** The camera's history, created if new, moved to most recently updated; the cap enforced. */
    private CameraHistory touch(String cameraId, List<String> evicted) {
        CameraHistory h = cameras.remove(cameraId);
        if (h == null) {
            h = new CameraHistory(cameraId);
        }
        cameras.put(cameraId, h);
        while (cameras.size() > maxCameras) {
            Iterator<CameraHistory> oldest = cameras.values().iterator();
            CameraHistory gone = oldest.next();
            oldest.remove();
            gone.frames.forEach(this::drop);
            evicted.add(gone.cameraId);
        }
        return h;
    }

    /** Drops the oldest frames, of any camera, until the held bytes fit the budget. */
    private void keepWithinBudget() {
        while (bytes > maxBytes && !byAge.isEmpty()) {
            Entry oldest = byAge.iterator().next();
            CameraHistory h = cameras.get(oldest.frame.getCameraId().toString());
            if (h != null) {
                h.frames.remove(oldest);
            }
            drop(oldest);
        }
    }

    /** Forgets one frame's bytes; the caller has taken it out of its camera's deque. */
    private void drop(Entry e) {
        if (byAge.remove(e)) {
            bytes -= e.size();
        }
        e.held = false;
        e.overlay = null;
    }

    private void notifyEvicted(List<String> evicted) {
        for (String camera : evicted) {
            for (Consumer<String> listener : evictionListeners) {
                listener.accept(camera);
            }
        }
    }

    private static Optional<Entry> find(CameraHistory h, String frameId) {
        for (Iterator<Entry> it = h.frames.descendingIterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.frame.getFrameId().toString().equals(frameId)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
