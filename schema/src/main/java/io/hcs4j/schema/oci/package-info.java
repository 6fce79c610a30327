/**
 * The OCI runtime spec (config.json) as containerd hands it to the shim and the shim hands it to the guest.
 * Unlike the HCS and guest documents these types keep the fields they do not know ({@code unknownFields()})
 * and write them back, so nothing a user wrote is dropped on its way to the guest.
 */
package io.hcs4j.schema.oci;
