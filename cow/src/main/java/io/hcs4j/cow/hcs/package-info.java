/**
 * The HCS-backed cow implementations: Windows containers ({@code HcsContainer}) and compute systems as
 * process hosts, their processes ({@code HcsCowProcess}), and the schema1/schema2 container and process
 * documents built from an OCI spec.
 */
package io.hcs4j.cow.hcs;
