/**
 * HCS schema1 documents (vmcompute.dll on older hosts): container configuration, layers, mapped directories,
 * process configuration and the properties schema1 queries answer, named like hcsshim's schema1 types.
 */
package io.hcs4j.schema.v1;
