package io.hcs4j.schema.v2;

/** HCS schema2 type {@code hcsschema.Keyboard}. */
public class Keyboard {
}
