import java.awt.image.*;
import java.io.*;
import java.nio.file.*;
import javax.imageio.*;
import javax.imageio.stream.*;

/** Writes an Adobe CMYK JPEG (transform 0, inverted samples as Photoshop stores them) from raw CMYK bytes. */
public class AdobeCmykJpeg {
    public static void main(String[] a) throws Exception {
        int w = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]);
        byte[] cmyk = Files.readAllBytes(Path.of(a[0]));
        WritableRaster r = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int i = 0; i < w * h * 4; i++) {
            r.getDataBuffer().setElem(i, 255 - (cmyk[i] & 0xff));
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = writer.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(0.95f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(r, null, null), p);
        }
        byte[] jpeg = bytes.toByteArray();
        boolean adobe = false;
        for (int i = 0; i + 1 < jpeg.length; i++) if ((jpeg[i] & 0xff) == 0xFF && (jpeg[i + 1] & 0xff) == 0xEE) adobe = true;
        System.out.println("JDK wrote an Adobe marker: " + adobe);
        if (!adobe) {
            byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
            byte[] out = new byte[jpeg.length + app14.length];
            System.arraycopy(jpeg, 0, out, 0, 2);
            System.arraycopy(app14, 0, out, 2, app14.length);
            System.arraycopy(jpeg, 2, out, 2 + app14.length, jpeg.length - 2);
            jpeg = out;
        }
        Files.write(Path.of(a[3]), jpeg);
    }
}
