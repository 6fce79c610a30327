package io.hcs4j.schema;

/**
 * A JSON document that does not fit its schema type: malformed JSON, a value of the wrong type or out of
 * range, nesting or size beyond the limits. {@link #path()} names where, as a JSON path ({@code $.A.B[0]}).
 */
public final class SchemaException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public SchemaException(String path, String message, Throwable cause) {
        super("invalid JSON at " + path + ": " + message, cause);
        this.path = path;
    }

    /** The JSON path of the bad value, {@code $} for the document itself. */
    public String path() {
        return path;
    }
}
