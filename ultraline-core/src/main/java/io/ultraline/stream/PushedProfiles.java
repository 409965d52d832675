package io.ultraline.stream;

import io.ultraline.avro.CalibrationCommand;
import io.ultraline.defect.ProfileCodec;
import io.ultraline.defect.ReferenceProfile;
import java.nio.ByteBuffer;

/**
 * Checks a PUSH command's profile against the loaded model before it reaches a camera's state: the
 * bytes must be a profile ({@link ProfileCodec}), built with this model (weights digest) and with
 * tokens of its dimension. A profile of another model would score every frame against tokens of a
 * different space, so it is dead-lettered with the reason instead.
 */
final class PushedProfiles {

    private final String modelDigest;
    private final int tokenDim;

    PushedProfiles(String modelDigest, int tokenDim) {
        this.modelDigest = modelDigest;
        this.tokenDim = tokenDim;
    }

    /** Why the command's profile cannot be used, or null when it can. */
    String problem(CalibrationCommand command) {
        if (command.getProfile() == null || !command.getProfile().hasRemaining()) {
            return "no profile bytes";
        }
        if (command.getModelDigest() == null || !command.getModelDigest().equals(modelDigest)) {
            return "the profile was built with model " + command.getModelDigest() + ", the service runs " + modelDigest
                    + "; build it with this model (ultraline calibrate --model ...)";
        }
        ReferenceProfile profile;
        try {
            profile = decode(command);
        } catch (RuntimeException e) {
            return "not a profile: " + e.getMessage();
        }
        if (profile.tokenDim() != tokenDim) {
            return "the profile holds tokens of dimension " + profile.tokenDim() + ", the model scores tokens of "
                    + tokenDim;
        }
        return null;
    }

    /** The profile a (checked) PUSH carries. */
    static ReferenceProfile decode(CalibrationCommand command) {
        ByteBuffer b = command.getProfile().duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return ProfileCodec.decode(bytes);
    }
}
