package io.ultraline.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ultraline.avro.FrameVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Every current contract schema must read every released version of itself (transitive BACKWARD
 * compatibility), so a consumer deployed with today's classes can read everything still on the
 * topics, and every top-level record must have been released at least once.
 *
 * <p>Releasing a changed schema: add {@code schemas/history/<Record>/v<N+1>.avsc} holding
 * {@code <Record>.SCHEMA$.toString(true)} of the new generated class.
 */
class SchemaCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void findsTheTopLevelRecordsButNotTheSharedTypes() {
        // guards the discovery, which the checks below rely on to see a newly added record
        assertThat(SchemaHistory.currentTopLevelRecords())
                .containsKeys(
                        "CalibrationCommand",
                        "CameraFrame",
                        "DefectRegion",
                        "FrameExplanation",
                        "FrameVerdict",
                        "LineAlert",
                        "ReferenceProfile",
                        "RejectedFrame")
                .doesNotContainKeys("SourceRef", "ModelStamp", "TokenMask", "PixelBox", "Heatmap");
    }

    @Test
    void everyCurrentRecordHasAReleasedVersion() {
        List<String> missing = new ArrayList<>();
        SchemaHistory.currentTopLevelRecords().forEach((record, schema) -> {
            if (SchemaHistory.releasedVersions(record).isEmpty()) {
                missing.add(record);
            }
        });
        assertThat(missing)
                .as("records without schemas/history/<Record>/v1.avsc; add Schema.toString(true) of the "
                        + "generated class's SCHEMA$ there when the record is first released")
                .isEmpty();
    }

    @Test
    void everyHistoryBelongsToACurrentRecord() {
        Set<String> orphans = new TreeSet<>(SchemaHistory.recordsWithHistory());
        orphans.removeAll(SchemaHistory.currentTopLevelRecords().keySet());
        assertThat(orphans)
                .as("schemas/history folders for records that no longer exist: removing a record type "
                        + "breaks the consumers of its topic")
                .isEmpty();
    }

    @Test
    void currentSchemasReadEveryReleasedVersion() {
        List<String> problems = new ArrayList<>();
        SchemaHistory.currentTopLevelRecords()
                .forEach((record, current) -> problems.addAll(
                        SchemaHistory.backwardProblems(record, current, SchemaHistory.releasedVersions(record))));
        assertThat(problems)
                .as("BACKWARD-incompatible changes against schemas/history")
                .isEmpty();
    }

    @Test
    void everyCurrentRecordIsItsLatestRelease() {
        // a changed schema that is not released would reach the topics unchecked by the test above
        List<String> unreleased = new ArrayList<>();
        SchemaHistory.currentTopLevelRecords().forEach((record, current) -> {
            NavigableMap<Integer, Schema> versions = SchemaHistory.releasedVersions(record);
            if (!versions.isEmpty() && !versions.lastEntry().getValue().equals(current)) {
                unreleased.add(record + " differs from v" + versions.lastKey());
            }
        });
        assertThat(unreleased)
                .as("changed records without a new schemas/history/<Record>/v<N+1>.avsc (Schema.toString(true) "
                        + "of the generated class's SCHEMA$)")
                .isEmpty();
    }

    @Test
    void releasedVersionsIncludeTheFrameAttributes() {
        // the attributes field of part 6 is a released change: its versions must stay checked
        for (String record : List.of("FrameVerdict", "DefectRegion", "FrameExplanation", "LineAlert")) {
            NavigableMap<Integer, Schema> versions = SchemaHistory.releasedVersions(record);
            assertThat(versions).as(record).hasSizeGreaterThan(1);
            assertThat(versions.get(1).getField("attributes"))
                    .as(record + " v1")
                    .isNull();
            assertThat(versions.lastEntry().getValue().getField("attributes"))
                    .as(record + " latest")
                    .isNotNull();
        }
    }

    @Test
    void checkerRejectsAFieldAddedWithoutDefault() throws Exception {
        Map<Integer, Schema> released = SchemaHistory.releasedVersions("FrameVerdict");
        Schema broken = withExtraField(FrameVerdict.getClassSchema(), "inspectorId", "string", false);

        List<String> problems = SchemaHistory.backwardProblems("FrameVerdict", broken, Map.of(1, released.get(1)));

        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith("FrameVerdict: the current schema cannot read v1")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("inspectorId");
        assertThat(SchemaHistory.backwardProblems("FrameVerdict", broken, released))
                .as("one problem per released version")
                .hasSize(released.size());
    }

    @Test
    void checkerRejectsAChangedFieldTypeAndAnotherRecordName() throws Exception {
        Map<Integer, Schema> released =
                Map.of(1, SchemaHistory.releasedVersions("FrameVerdict").get(1));
        ObjectNode tree =
                (ObjectNode) JSON.readTree(FrameVerdict.getClassSchema().toString());
        for (var field : tree.withArray("fields")) {
            if ("regionCount".equals(field.path("name").asText())) {
                ((ObjectNode) field).put("type", "string");
            }
        }
        Schema retyped = new Schema.Parser().parse(tree.toString());
        assertThat(SchemaHistory.backwardProblems("FrameVerdict", retyped, released))
                .singleElement()
                .asString()
                .contains("TYPE_MISMATCH")
                .contains("regionCount");

        tree.put("name", "FrameDecision");
        Schema renamed = new Schema.Parser().parse(tree.toString());
        assertThat(SchemaHistory.backwardProblems("FrameVerdict", renamed, released))
                .singleElement()
                .asString()
                .contains("is record io.ultraline.avro.FrameVerdict");
    }

    @Test
    void checkerAcceptsAFieldAddedWithDefault() throws Exception {
        Map<Integer, Schema> released = SchemaHistory.releasedVersions("FrameVerdict");
        Schema evolved = withExtraField(FrameVerdict.getClassSchema(), "inspectorId", "string", true);

        assertThat(SchemaHistory.backwardProblems("FrameVerdict", evolved, released))
                .isEmpty();
    }

    private static Schema withExtraField(Schema schema, String name, String type, boolean withDefault)
            throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(schema.toString());
        ArrayNode fields = tree.withArray("fields");
        ObjectNode field = fields.addObject().put("name", name).put("type", type);
        if (withDefault) {
            field.put("default", "");
        }
        return new Schema.Parser().parse(tree.toString());
    }
}
