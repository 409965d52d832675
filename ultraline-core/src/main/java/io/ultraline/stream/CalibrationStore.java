package io.ultraline.stream;

import io.ultraline.avro.SourceRef;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Running calibrations of a task's cameras, in two persistent changelogged stores so that progress
 * survives restarts: one small entry per profile key (who started it, how many frames it wants and
 * has), and one entry per collected frame holding that frame's patch tokens (N x D big-endian floats,
 * e.g. 588 KiB for 196 tokens of 768; the changelog topic and the producer's max.request.size must
 * allow one such record), and beside it the frame as the model saw it (8-bit RGB, 48 KiB at 128 px) for
 * the profile's raw-pixel channel. A camera calibrating on K frames therefore keeps 2K entries until
 * its profile is built, a few MB for typical K and models.
 */
final class CalibrationStore {

    private static final int FORMAT = 1;
    private static final char SEPARATOR = '\u0000';

    /**
     * One running calibration.
     *
     * @param key        profile key (cameraId or cameraId/productId)
     * @param cameraId   camera
     * @param productId  product, or null for any
     * @param commandId  the START command
     * @param target     frames to collect
     * @param collected  frames collected so far
     * @param lastSource the last collected frame, or null before the first
     */
    record Calibration(
            String key,
            String cameraId,
            String productId,
            String commandId,
            int target,
            int collected,
            SourceRef lastSource) {

        /** All its frames are collected: its profile is being built, and it takes no more frames. */
        boolean complete() {
            return collected >= target;
        }
    }

    private final KeyValueStore<String, byte[]> progress;
    private final KeyValueStore<String, byte[]> tokens;

    CalibrationStore(KeyValueStore<String, byte[]> progress, KeyValueStore<String, byte[]> tokens) {
        this.progress = progress;
        this.tokens = tokens;
    }

    /** The calibration a frame of this camera and product feeds: the product's own, else the camera's. */
    Optional<Calibration> find(String cameraId, String productId) {
        if (productId != null) {
            Optional<Calibration> specific = get(ProfileStore.key(cameraId, productId));
            if (specific.isPresent()) {
                return specific;
            }
        }
        return get(ProfileStore.key(cameraId, null));
    }

    Optional<Calibration> get(String key) {
        byte[] raw = progress.get(key);
        return raw == null ? Optional.empty() : Optional.of(decode(key, raw));
    }

    /** Starts (or restarts, dropping what was collected) a calibration. */
    Calibration start(String cameraId, String productId, String commandId, int target) {
        String key = ProfileStore.key(cameraId, productId);
        clear(key);
        Calibration c = new Calibration(key, cameraId, productId, commandId, target, 0, null);
        progress.put(key, encode(c));
        return c;
    }

    /** Adds one frame's tokens and model input; returns the updated calibration. */
    Calibration add(Calibration c, CalibrationFrame frame, SourceRef source) {
        float[] frameTokens = frame.tokens();
        ByteBuffer buffer = ByteBuffer.allocate(4 * frameTokens.length);
        buffer.asFloatBuffer().put(frameTokens);
        tokens.put(tokenKey(c.key(), c.collected()), buffer.array());
        if (frame.modelInput() != null) {
            tokens.put(inputKey(c.key(), c.collected()), frame.modelInput());
        }
        Calibration next = new Calibration(
                c.key(), c.cameraId(), c.productId(), c.commandId(), c.target(), c.collected() + 1, source);
        progress.put(c.key(), encode(next));
        return next;
    }

    /** Ends collection early (STOP): the calibration is complete with the frames it has. */
    Calibration complete(Calibration c) {
        Calibration done = new Calibration(
                c.key(), c.cameraId(), c.productId(), c.commandId(), c.collected(), c.collected(), c.lastSource());
        progress.put(c.key(), encode(done));
        return done;
    }

    /** Every complete calibration (after a restart: the builds to start again). */
    List<Calibration> complete() {
        List<Calibration> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = progress.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> next = all.next();
                Calibration c = decode(next.key, next.value);
                if (c.complete()) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** The collected frames in collection order. */
    List<CalibrationFrame> frames(Calibration c) {
        List<CalibrationFrame> out = new ArrayList<>(c.collected());
        for (int i = 0; i < c.collected(); i++) {
            byte[] raw = tokens.get(tokenKey(c.key(), i));
            if (raw == null) {
                throw new IllegalStateException("calibration " + c.key() + " lacks the tokens of frame " + i);
            }
            float[] values = new float[raw.length / 4];
            ByteBuffer.wrap(raw).asFloatBuffer().get(values);
            out.add(new CalibrationFrame(values, tokens.get(inputKey(c.key(), i))));
        }
        return out;
    }

    /** Ends the calibration under {@code key}, if any, and drops its tokens. */
    void clear(String key) {
        Optional<Calibration> running = get(key);
        if (running.isPresent()) {
            for (int i = 0; i < running.get().collected(); i++) {
                tokens.delete(tokenKey(key, i));
                tokens.delete(inputKey(key, i));
            }
            progress.delete(key);
        }
    }

    /** A progress entry as a status query shows it. */
    static CalibrationProgress progressOf(String key, byte[] raw) {
        Calibration c = decode(key, raw);
        return new CalibrationProgress(c.cameraId(), c.productId(), c.commandId(), c.target(), c.collected());
    }

    private static String tokenKey(String key, int index) {
        return key + SEPARATOR + String.format("%08d", index);
    }

    /** Where a frame's model input sits, next to its tokens. */
    private static String inputKey(String key, int index) {
        return tokenKey(key, index) + SEPARATOR + "input";
    }

    private static byte[] encode(Calibration c) {
        Codec.Writer w = new Codec.Writer(FORMAT)
                .string(c.cameraId())
                .string(c.productId())
                .string(c.commandId())
                .i32(c.target())
                .i32(c.collected())
                .bool(c.lastSource() != null);
        if (c.lastSource() != null) {
            w.string(c.lastSource().getTopic())
                    .i32(c.lastSource().getPartition())
                    .i64(c.lastSource().getOffset());
        }
        return w.toByteArray();
    }

    private static Calibration decode(String key, byte[] data) {
        Codec.Reader r = new Codec.Reader(data, "calibration progress", FORMAT);
        String camera = r.string();
        String product = r.string();
        String command = r.string();
        int target = r.i32();
        int collected = r.i32();
        SourceRef last = r.bool() ? new SourceRef(r.string(), r.i32(), r.i64()) : null;
        return new Calibration(key, camera, product, command, target, collected, last);
    }
}
