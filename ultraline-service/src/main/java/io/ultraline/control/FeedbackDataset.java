package io.ultraline.control;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FeedbackKind;
import io.ultraline.frame.FrameDecoder;
import io.ultraline.frame.FrameEncoding;
import io.ultraline.frame.FrameLimits;
import io.ultraline.frame.ImageFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes operator-labelled frames in the layout {@code ultraline evaluate} reads
 * ({@code io.ultraline.evaluation.LabelledDataset}): false alarms are good frames, alternately
 * calibration frames and good test frames (the first, third, ... calibrate; a frame the profile
 * was calibrated on would score near zero and flatter the test), and confirmed defects are
 * defective test frames without a mask (operators label frames, not pixels). Every image is written
 * as PNG, whatever its encoding on line.frames.
 */
public final class FeedbackDataset {

    /** One labelled frame. */
    public record Labelled(FeedbackKind kind, CameraFrame frame, String defectType) {}

    /** What was written. */
    public record Written(int calibration, int goodTest, int defectiveTest) {}

    private FeedbackDataset() {}

    /** Writes {@code frames} (in feedback order) under {@code out}, which must be empty or absent. */
    public static Written write(List<Labelled> frames, Path out) throws IOException {
        if (Files.exists(out)) {
            try (var listing = Files.list(out)) {
                if (listing.findAny().isPresent()) {
                    throw new IOException(out + " is not empty: an export writes a new dataset");
                }
            }
        }
        Path cal = Files.createDirectories(out.resolve("calibration"));
        Path test = Files.createDirectories(out.resolve("test"));
        List<String> labels = new ArrayList<>(List.of("image,mask,label"));
        List<String> types = new ArrayList<>(List.of("image,type"));
        int falseAlarms = 0;
        int calibration = 0;
        int defective = 0;
        FrameDecoder decoder = new FrameDecoder(FrameLimits.defaults());
        for (Labelled l : frames) {
            String name = safe(l.frame().getCameraId() + "_" + l.frame().getFrameId()) + ".png";
            if (l.kind() == FeedbackKind.FALSE_ALARM) {
                if (falseAlarms++ % 2 == 0) {
                    ImageFiles.writePng(png(decoder, l.frame()), cal.resolve(name));
                    calibration++;
                } else {
                    ImageFiles.writePng(png(decoder, l.frame()), test.resolve(name));
                    labels.add(name + ",,0");
                }
            } else if (l.kind() == FeedbackKind.CONFIRMED_DEFECT) {
                ImageFiles.writePng(png(decoder, l.frame()), test.resolve(name));
                labels.add(name + ",,1");
                types.add(name + "," + (l.defectType() == null ? "" : l.defectType()));
                defective++;
            }
        }
        Files.write(test.resolve("labels.csv"), labels);
        Files.write(test.resolve("defect-types.csv"), types);
        return new Written(calibration, falseAlarms - calibration, defective);
    }

    private static java.awt.image.BufferedImage png(FrameDecoder decoder, CameraFrame f) {
        ByteBuffer b = f.getImage().duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return decoder.decode(FrameEncoding.valueOf(f.getEncoding().name()), f.getWidth(), f.getHeight(), bytes)
                .toBufferedImage();
    }

    /** A file name from ids that may hold anything. */
    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
