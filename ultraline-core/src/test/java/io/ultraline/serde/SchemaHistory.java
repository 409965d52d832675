package io.ultraline.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.specific.SpecificData;

/**
 * The current contract schemas and their released versions, and the check that the one can read
 * the others.
 *
 * <p>Current schemas are the generated classes' {@code SCHEMA$}, found from the record files in
 * {@code schemas/}; a record is top-level when no other record uses it as a field type. Released
 * versions are {@code schemas/history/<Record>/v<N>.avsc}, each a self-contained schema.
 */
final class SchemaHistory {

    static final Path SCHEMAS = Path.of("schemas");
    static final Path HISTORY = SCHEMAS.resolve("history");
    private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]*)\\.avsc");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaHistory() {}

    /** The current top-level record schemas by simple name, from the generated classes. */
    static Map<String, Schema> currentTopLevelRecords() {
        Map<String, Schema> records = new TreeMap<>();
        for (Path file : files(SCHEMAS, ".avsc")) {
            JsonNode tree = readJson(file);
            if ("record".equals(tree.path("type").asText())) {
                String fullName = tree.path("namespace").asText() + "."
                        + tree.path("name").asText();
                records.put(tree.path("name").asText(), generatedSchema(fullName, file));
            }
        }
        Set<String> nested = new HashSet<>();
        for (Schema record : records.values()) {
            for (Schema.Field field : record.getFields()) {
                collectNamedTypes(field.schema(), nested);
            }
        }
        records.values().removeIf(schema -> nested.contains(schema.getFullName()));
        return records;
    }

    /** Released versions of {@code record} by version number; empty when it has none. */
    static NavigableMap<Integer, Schema> releasedVersions(String record) {
        NavigableMap<Integer, Schema> versions = new TreeMap<>();
        Path dir = HISTORY.resolve(record);
        if (!Files.isDirectory(dir)) {
            return versions;
        }
        for (Path file : files(dir, "")) {
            Matcher name = VERSION_FILE.matcher(file.getFileName().toString());
            if (!name.matches()) {
                throw new IllegalStateException(file + ": history files are named v<N>.avsc");
            }
            try {
                // a fresh parser per file: every released version must stand on its own
                versions.put(Integer.parseInt(name.group(1)), new Schema.Parser().parse(file.toFile()));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(file + " is not a self-contained Avro schema: " + e.getMessage(), e);
            }
        }
        return versions;
    }

    /** The record names that have a folder under {@code schemas/history}. */
    static Set<String> recordsWithHistory() {
        Set<String> names = new HashSet<>();
        if (Files.isDirectory(HISTORY)) {
            try (Stream<Path> dirs = Files.list(HISTORY)) {
                dirs.filter(Files::isDirectory)
                        .forEach(dir -> names.add(dir.getFileName().toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    /**
     * Why {@code reader} cannot read data written with the released {@code versions} of
     * {@code record}, one line per problem; empty when it can read them all.
     */
    static List<String> backwardProblems(String record, Schema reader, Map<Integer, Schema> versions) {
        List<String> problems = new ArrayList<>();
        versions.forEach((version, writer) -> {
            if (!writer.getFullName().equals(reader.getFullName())) {
                problems.add(record + " v" + version + " is record " + writer.getFullName() + ", the current schema is "
                        + reader.getFullName());
                return;
            }
            SchemaPairCompatibility check = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
            if (check.getType() != SchemaCompatibilityType.COMPATIBLE) {
                for (Incompatibility incompatibility : check.getResult().getIncompatibilities()) {
                    problems.add(record + ": the current schema cannot read v" + version + ": "
                            + incompatibility.getType() + " at " + fieldPath(reader, incompatibility.getLocation())
                            + " (" + incompatibility.getMessage() + ")");
                }
            }
        });
        return problems;
    }

    /**
     * Avro names the place by a JSON pointer into the reader ({@code /fields/9/type}); people
     * want the field ({@code regionCount}). Falls back to the pointer where the walk gets lost.
     */
    static String fieldPath(Schema reader, String location) {
        List<String> names = new ArrayList<>();
        Schema at = reader;
        String[] steps = location.split("/");
        for (int i = 1; i < steps.length; i++) {
            String step = steps[i];
            if ("fields".equals(step)
                    && at.getType() == Schema.Type.RECORD
                    && i + 1 < steps.length
                    && steps[i + 1].matches("[0-9]+")
                    && Integer.parseInt(steps[i + 1]) < at.getFields().size()) {
                Schema.Field field = at.getFields().get(Integer.parseInt(steps[++i]));
                names.add(field.name());
                at = field.schema();
            } else if ("type".equals(step) || "name".equals(step) || "symbols".equals(step) || "size".equals(step)) {
                continue;
            } else if ("items".equals(step) && at.getType() == Schema.Type.ARRAY) {
                at = at.getElementType();
            } else if ("values".equals(step) && at.getType() == Schema.Type.MAP) {
                at = at.getValueType();
            } else if (step.matches("[0-9]+")
                    && at.getType() == Schema.Type.UNION
                    && Integer.parseInt(step) < at.getTypes().size()) {
                at = at.getTypes().get(Integer.parseInt(step));
            } else {
                return location;
            }
        }
        return names.isEmpty() ? location : "field " + String.join(".", names) + " (" + location + ")";
    }

    private static Schema generatedSchema(String fullName, Path file) {
        try {
            return SpecificData.get().getSchema(Class.forName(fullName));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(file + " declares " + fullName + " but no generated class exists", e);
        }
    }

    private static void collectNamedTypes(Schema schema, Set<String> names) {
        switch (schema.getType()) {
            case RECORD -> {
                if (names.add(schema.getFullName())) {
                    schema.getFields().forEach(field -> collectNamedTypes(field.schema(), names));
                }
            }
            case ENUM, FIXED -> names.add(schema.getFullName());
            case ARRAY -> collectNamedTypes(schema.getElementType(), names);
            case MAP -> collectNamedTypes(schema.getValueType(), names);
            case UNION -> schema.getTypes().forEach(branch -> collectNamedTypes(branch, names));
            default -> {
                // primitives name nothing
            }
        }
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir.toAbsolutePath(), e);
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
