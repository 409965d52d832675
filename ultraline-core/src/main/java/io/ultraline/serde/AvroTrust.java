package io.ultraline.serde;

import java.util.HashSet;
import java.util.Set;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Avro trust the package of a generated class the application asked to read. Avro refuses
 * to load classes named by a schema unless they are trusted, and reads the
 * {@code org.apache.avro.SERIALIZABLE_PACKAGES} system property only once, when its validator
 * class loads; so setting that property late does nothing, and the global predicate is extended
 * instead. Packages already trusted are left alone.
 */
final class AvroTrust {

    private static final Logger LOG = LoggerFactory.getLogger(AvroTrust.class);
    private static final Set<String> ADDED = new HashSet<>();

    private AvroTrust() {}

    static synchronized void trustPackageOf(Class<?> type) {
        ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        String packageName = type.getPackageName();
        if (current.isTrusted(type) || !ADDED.add(packageName)) {
            return;
        }
        ClassSecurityPredicate samePackage =
                candidate -> candidate.getPackageName().equals(packageName);
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(current, samePackage));
        LOG.info(
                "Avro now trusts generated classes in package {} (set org.apache.avro.SERIALIZABLE_PACKAGES "
                        + "to manage this yourself)",
                packageName);
    }
}
