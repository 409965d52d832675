package io.ultraline.serde.probe;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A hand-written specific record outside io.ultraline.avro, so outside the packages the test JVM
 * trusts through org.apache.avro.SERIALIZABLE_PACKAGES.
 */
public class Probe extends SpecificRecordBase {

    public static final Schema SCHEMA$ = new Schema.Parser()
            .parse(
                    "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"io.ultraline.serde.probe\","
                            + "\"fields\":[{\"name\":\"name\",\"type\":{\"type\":\"string\",\"avro.java.string\":\"String\"}}]}");
    private static final SpecificData MODEL$ = new SpecificData();

    private String name;

    public Probe() {}

    public Probe(String name) {
        this.name = name;
    }

    public static Schema getClassSchema() {
        return SCHEMA$;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public SpecificData getSpecificData() {
        return MODEL$;
    }

    @Override
    public Object get(int field) {
        if (field == 0) {
            return name;
        }
        throw new IndexOutOfBoundsException("Invalid index: " + field);
    }

    @Override
    public void put(int field, Object value) {
        if (field != 0) {
            throw new IndexOutOfBoundsException("Invalid index: " + field);
        }
        name = value == null ? null : value.toString();
    }

    public String name() {
        return name;
    }
}
