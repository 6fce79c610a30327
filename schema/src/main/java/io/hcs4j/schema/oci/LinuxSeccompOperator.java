package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** OCI runtime spec string type {@code specs.LinuxSeccompOperator}: open like Go's named string, so values a newer host adds survive a round trip. */
public record LinuxSeccompOperator(@JsonValue String value) {
    public static final LinuxSeccompOperator SCMP_CMP_NE = new LinuxSeccompOperator("SCMP_CMP_NE");
    public static final LinuxSeccompOperator SCMP_CMP_LT = new LinuxSeccompOperator("SCMP_CMP_LT");
    public static final LinuxSeccompOperator SCMP_CMP_LE = new LinuxSeccompOperator("SCMP_CMP_LE");
    public static final LinuxSeccompOperator SCMP_CMP_EQ = new LinuxSeccompOperator("SCMP_CMP_EQ");
    public static final LinuxSeccompOperator SCMP_CMP_GE = new LinuxSeccompOperator("SCMP_CMP_GE");
    public static final LinuxSeccompOperator SCMP_CMP_GT = new LinuxSeccompOperator("SCMP_CMP_GT");
    public static final LinuxSeccompOperator SCMP_CMP_MASKED_EQ = new LinuxSeccompOperator("SCMP_CMP_MASKED_EQ");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static LinuxSeccompOperator of(String value) {
        return new LinuxSeccompOperator(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
