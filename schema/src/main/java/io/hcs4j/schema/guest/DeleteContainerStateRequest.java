package io.hcs4j.schema.guest;

/** GCS bridge type {@code prot.DeleteContainerStateRequest}. */
public class DeleteContainerStateRequest extends RequestBase {
}
