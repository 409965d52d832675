package io.ultraline.audit;

/** Told how many frames of the range have been replayed, out of an estimate of the total. */
@FunctionalInterface
public interface AuditProgress {

    void update(int done, int total);

    AuditProgress NONE = (done, total) -> {};
}
