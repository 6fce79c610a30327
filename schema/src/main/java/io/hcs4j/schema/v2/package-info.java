/**
 * HCS schema2 documents (computecore.dll and the v2 guest): compute systems, utility VM and container
 * configuration, devices, process parameters, property queries and properties, modify requests, named like
 * hcsshim's internal/hcs/schema2 types with their JSON names.
 */
package io.hcs4j.schema.v2;
