package io.hcs4j.schema.guest;

/**
 * GCS bridge type {@code prot.ContainerProperties}: upstream declares it as a copy of schema1's container
 * properties, field for field, so it is that type here.
 */
public class ContainerProperties extends io.hcs4j.schema.v1.ContainerProperties {
}
