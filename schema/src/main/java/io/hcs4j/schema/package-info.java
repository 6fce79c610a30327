/**
 * The one JSON configuration every layer shares: {@link io.hcs4j.schema.Json}, an ObjectMapper that reads
 * strictly and writes as Go's encoding/json does (omitempty, sorted map keys, Go's escapes, RFC 3339 times,
 * unsigned integers in their Go ranges, float64 text as {@link io.hcs4j.schema.GoFloat}), the
 * {@link io.hcs4j.schema.JsonInString} marker for documents nested as JSON strings, and
 * the one {@link io.hcs4j.schema.SchemaException} for bad input. The documents themselves live in the
 * subpackages: {@code .v2} and {@code .v1} (HCS), {@code .guest} (GCS bridge), {@code .oci} (runtime spec).
 */
package io.hcs4j.schema;
