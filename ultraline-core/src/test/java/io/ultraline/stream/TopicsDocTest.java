package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code topology-docs/topics.md} and the code's topic names in step. The code's names are
 * the constants of {@link Topics} and every string literal in the modules' {@code src/main/java}
 * that looks like a topic, so a name typed straight into some class is caught too.
 */
class TopicsDocTest {

    private static final Path DOC = Paths.get("topology-docs", "topics.md");
    private static final List<Path> MAIN_SOURCES = Stream.of("ultraline-core", "ultraline-service", "ultraline-tools")
            .map(module -> Paths.get(module, "src", "main", "java"))
            .toList();
    /** A topic name as a whole Java string literal. */
    private static final Pattern TOPIC_LITERAL = Pattern.compile("\"(line\\.[a-z.]+)\"");
    /** A section heading of the document: one per topic. */
    private static final Pattern SECTION = Pattern.compile("(?m)^## (\\S+)\\s*$");
    /** A topic name anywhere in the prose; not part of a longer identifier such as a package name. */
    private static final Pattern TOPIC_MENTION = Pattern.compile("(?<![\\w.])line(?:\\.[a-z]+)+");

    private static final Pattern SCHEMA_LINK = Pattern.compile("\\]\\((\\.\\./schemas/[^)]+\\.avsc)\\)");

    @Test
    void topicsConstantsAndAllAgree() throws IllegalAccessException {
        assertThat(Topics.all()).containsExactlyInAnyOrderElementsOf(constantValues());
        assertThat(Topics.all()).doesNotHaveDuplicates();
    }

    @Test
    void everyTopicInCodeHasASectionInTopicsMd() throws IOException, IllegalAccessException {
        Set<String> documented = sections(doc());
        Map<String, Set<String>> named = literalsInMainSources();
        constantValues()
                .forEach(topic ->
                        named.computeIfAbsent(topic, t -> new TreeSet<>()).add("Topics constant"));
        named.keySet().removeAll(documented);
        assertThat(named)
                .as("topics named in code (topic -> where) without a '## <topic>' section in %s", DOC)
                .isEmpty();
    }

    @Test
    void topicsMdDocumentsNoTopicTheCodeDoesNotKnow() throws IOException, IllegalAccessException {
        Set<String> known = new TreeSet<>(constantValues());
        known.addAll(literalsInMainSources().keySet());
        String doc = doc();

        Set<String> unknownSections = new TreeSet<>(sections(doc));
        unknownSections.removeAll(known);
        assertThat(unknownSections)
                .as("sections of %s for topics the code does not name; add them to Topics " + "or remove them", DOC)
                .isEmpty();

        Set<String> unknownMentions = new TreeSet<>();
        Matcher mention = TOPIC_MENTION.matcher(doc);
        while (mention.find()) {
            unknownMentions.add(mention.group());
        }
        unknownMentions.removeAll(known);
        assertThat(unknownMentions)
                .as("topic names mentioned in %s that the code does not know", DOC)
                .isEmpty();
    }

    @Test
    void schemaLinksInTopicsMdPointAtExistingFiles() throws IOException {
        Matcher link = SCHEMA_LINK.matcher(doc());
        List<String> broken = new ArrayList<>();
        int links = 0;
        while (link.find()) {
            links++;
            if (!Files.isRegularFile(DOC.getParent().resolve(link.group(1)).normalize())) {
                broken.add(link.group(1));
            }
        }
        assertThat(links)
                .as("links to value schemas in %s", DOC)
                .isGreaterThanOrEqualTo(Topics.all().size());
        assertThat(broken)
                .as("links in %s to schema files that do not exist", DOC)
                .isEmpty();
    }

    @Test
    void literalScanSeesTheTopicsClass() throws IOException, IllegalAccessException {
        // guards the scan itself: if it found nothing, the checks above would pass vacuously
        assertThat(literalsInMainSources()).containsKeys(constantValues().toArray(String[]::new));
    }

    private static Set<String> constantValues() throws IllegalAccessException {
        Set<String> values = new TreeSet<>();
        for (Field field : Topics.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers)
                    && Modifier.isStatic(modifiers)
                    && Modifier.isFinal(modifiers)
                    && field.getType() == String.class) {
                values.add((String) field.get(null));
            }
        }
        return values;
    }

    /** Topic-like literals in main sources, each with the files it appears in. */
    private static Map<String, Set<String>> literalsInMainSources() throws IOException {
        Map<String, Set<String>> found = new TreeMap<>();
        for (Path sources : MAIN_SOURCES) {
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file :
                        files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher literal = TOPIC_LITERAL.matcher(Files.readString(file, StandardCharsets.UTF_8));
                    while (literal.find()) {
                        found.computeIfAbsent(literal.group(1), name -> new TreeSet<>())
                                .add(sources.relativize(file).toString());
                    }
                }
            }
        }
        return found;
    }

    private static Set<String> sections(String doc) {
        Set<String> names = new TreeSet<>();
        Matcher heading = SECTION.matcher(doc);
        while (heading.find()) {
            if (heading.group(1).startsWith("line.")) {
                names.add(heading.group(1));
            }
        }
        return names;
    }

    private static String doc() throws IOException {
        assertThat(DOC).as("run from the repository root").isRegularFile();
        return Files.readString(DOC, StandardCharsets.UTF_8);
    }
}
