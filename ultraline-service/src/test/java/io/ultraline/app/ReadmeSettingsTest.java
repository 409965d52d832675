package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's settings table and the configuration agree: every environment variable that
 * application.yml reads is documented, and every documented one is read (by application.yml, or
 * by the few places that read the environment directly).
 */
class ReadmeSettingsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):");
    private static final Pattern CODE_NAME = Pattern.compile("`((?:ULTRALINE|KAFKA|SCHEMA_REGISTRY)_[A-Z0-9_]*)`");
    /** Read outside application.yml: the log format by logback and the CLI, pass-through prefixes by ClientPassThrough. */
    private static final Set<String> READ_DIRECTLY =
            Set.of("ULTRALINE_LOG_FORMAT", "ULTRALINE_KAFKA_PROPERTIES_", "ULTRALINE_REGISTRY_PROPERTIES_");

    @Test
    void everyVariableOfTheConfigurationIsInTheReadmeAndNoOther() throws IOException {
        Set<String> configured = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("ultraline-service/src/main/resources/application.yml"))) {
            if (!line.stripLeading().startsWith("#")) {
                for (Matcher m = PLACEHOLDER.matcher(line); m.find(); ) {
                    configured.add(m.group(1));
                }
            }
        }
        String readme = Files.readString(Path.of("README.md"));
        String service = readme.substring(readme.indexOf("## The service"), readme.indexOf("## Commands"));
        Set<String> documented = new TreeSet<>();
        for (Matcher m = CODE_NAME.matcher(service); m.find(); ) {
            documented.add(m.group(1).replaceAll("<KEY>$", ""));
        }

        assertThat(configured).as("variables application.yml reads").hasSizeGreaterThan(40);
        assertThat(documented).as("README settings, section 'The service'").containsAll(configured);
        Set<String> unread = new TreeSet<>(documented);
        unread.removeAll(configured);
        unread.removeAll(READ_DIRECTLY);
        assertThat(unread).as("documented in the README but read nowhere").isEmpty();
    }
}
