package io.hcs4j.shim.task;

import java.util.Map;

/**
 * How many idle shim daemons the node keeps ready for the next pods (0, the default: none; a shim exits after its
 * last task as hcsshim's does). Set node-wide by the annotation {@value #ANNOTATION} (containerd's
 * {@code default_container_annotations}, seen at Create) or the environment variable {@value #ENV} (containerd's
 * environment, seen by start and the daemon); the annotation wins.
 */
public final class ShimPoolSize {
    public static final String ANNOTATION = "io.hcs4j.shim.pool-size";
    public static final String ENV = "HCS4J_SHIM_POOL_SIZE";
    /** The largest set: each ready daemon holds a JVM's memory until it is claimed. */
    public static final int MAX = 64;

    private ShimPoolSize() {
    }

    /** The annotation's size, or null when the annotations do not set it; InvalidArgument naming a bad value. */
    static Integer fromAnnotations(Map<String, String> annotations) {
        String v = annotations.get(ANNOTATION);
        if (v == null) {
            return null;
        }
        try {
            return parse(ANNOTATION, v);
        } catch (IllegalArgumentException e) {
            throw TaskException.invalid(e.getMessage());
        }
    }

    /**
     * A size named {@code name} (annotation or variable): 0..{@value #MAX}.
     *
     * @throws IllegalArgumentException naming the setting and the value
     */
    public static int parse(String name, String value) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not a number (0.." + MAX + ")");
        }
        if (n < 0 || n > MAX) {
            throw new IllegalArgumentException(name + ": " + n + " is out of range (0.." + MAX + ")");
        }
        return n;
    }
}
