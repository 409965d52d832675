package io.ultraline.stream;

import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.ReferenceProfile;
import io.ultraline.avro.RejectedFrame;

/** What the inference node emits; the topology routes each kind to its topic. */
sealed interface PipelineOutput {

    record Verdict(FrameVerdict verdict) implements PipelineOutput {}

    record Defect(DefectRegion region) implements PipelineOutput {}

    record Explanation(FrameExplanation explanation) implements PipelineOutput {}

    /** A dead letter, keyed on its topic by the original key bytes. */
    record DeadLetter(byte[] originalKey, RejectedFrame rejected) implements PipelineOutput {}

    /** A profile snapshot for line.profiles; {@code snapshot == null} is a tombstone (RESET). */
    record Profile(ReferenceProfile snapshot) implements PipelineOutput {}
}
