package io.hcs4j.schema.guest;

/** GCS bridge type {@code prot.DumpStacksRequest}. */
public class DumpStacksRequest extends RequestBase {
}
