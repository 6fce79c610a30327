package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** OCI runtime spec string type {@code specs.FreeBSDSharing}: open like Go's named string, so values a newer host adds survive a round trip. */
public record FreeBSDSharing(@JsonValue String value) {
    public static final FreeBSDSharing DISABLE = new FreeBSDSharing("disable");
    public static final FreeBSDSharing NEW = new FreeBSDSharing("new");
    public static final FreeBSDSharing INHERIT = new FreeBSDSharing("inherit");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static FreeBSDSharing of(String value) {
        return new FreeBSDSharing(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
