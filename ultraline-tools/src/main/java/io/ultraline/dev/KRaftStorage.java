package io.ultraline.dev;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats KRaft log directories the way {@code kafka-storage.sh format} does, from Java, for a
 * combined broker+controller with a static voter set.
 */
final class KRaftStorage {

    private static final Logger LOG = LoggerFactory.getLogger(KRaftStorage.class);
    private static final String META_PROPERTIES = "meta.properties";

    private KRaftStorage() {}

    /** True when the directory already carries a {@code meta.properties} from an earlier format. */
    static boolean isFormatted(Path logDir) {
        return Files.isRegularFile(logDir.resolve(META_PROPERTIES));
    }

    /** Formats every log directory of the config with a fresh cluster id and returns that id. */
    static String format(KafkaConfig config) {
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(messages, true, StandardCharsets.UTF_8))
                .setNodeId(config.nodeId())
                .setClusterId(clusterId)
                .setControllerListenerName(config.controllerListenerNames().get(0))
                .setMetadataLogDirectory(config.metadataLogDir())
                // the voters come from controller.quorum.voters, not from the log
                .setHasDynamicQuorum(false)
                .setWriteBootstrapSnapshot(true);
        config.logDirs().forEach(formatter::addDirectory);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format KRaft storage " + config.logDirs(), e);
        }
        LOG.debug(
                "Formatted KRaft storage: {}",
                messages.toString(StandardCharsets.UTF_8).trim());
        return clusterId;
    }

    /** The cluster id recorded in a formatted directory. */
    static String clusterId(Path logDir) {
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(logDir.resolve(META_PROPERTIES))) {
            meta.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + logDir.resolve(META_PROPERTIES), e);
        }
        return meta.getProperty("cluster.id");
    }
}
