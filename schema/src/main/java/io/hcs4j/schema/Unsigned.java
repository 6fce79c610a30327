package io.hcs4j.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Go's unsigned integers. Java has none, so uint8/16/32 live in wider signed types and are range-checked on
 * the way in (Go rejects an out-of-range number, so do we); uint64 lives in a {@code long} holding the same
 * 64 bits, written back as the unsigned decimal.
 */
public final class Unsigned {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Unsigned() {
    }

    private abstract static class Ranged<T> extends JsonDeserializer<T> {
        private final long max;
        private final String name;

        Ranged(long max, String name) {
            this.max = max;
            this.name = name;
        }

        long read(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                ctxt.handleUnexpectedToken(Long.class, p);
            }
            BigInteger v = p.getBigIntegerValue();
            if (v.signum() < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
                throw ctxt.weirdNumberException(v, Long.class, "out of range for " + name);
            }
            return v.longValue();
        }
    }

    public static final class U8 extends Ranged<Integer> {
        public U8() {
            super(0xFF, "uint8");
        }

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return (int) read(p, ctxt);
        }
    }

    public static final class U16 extends Ranged<Integer> {
        public U16() {
            super(0xFFFF, "uint16");
        }

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return (int) read(p, ctxt);
        }
    }

    public static final class U32 extends Ranged<Long> {
        public U32() {
            super(0xFFFF_FFFFL, "uint32");
        }

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return read(p, ctxt);
        }
    }

    /** uint64 (and Go's uint, 64-bit on every hcsshim target): 0 to 2^64-1, kept as the same 64 bits in a long. */
    public static final class U64 extends JsonDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return readU64(p, ctxt);
        }
    }

    private static long readU64(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            return (Long) ctxt.handleUnexpectedToken(Long.class, p);
        }
        BigInteger v = p.getBigIntegerValue();
        if (v.signum() < 0 || v.compareTo(U64_MAX) > 0) {
            throw ctxt.weirdNumberException(v, Long.class, "out of range for uint64");
        }
        return v.longValue();
    }

    /**
     * Go's {@code [2]uint}: two uint64s. As in Go, a shorter JSON array leaves zeros, a longer one's extra
     * elements are dropped, and null leaves the zero value.
     */
    public static final class U64Pair extends JsonDeserializer<long[]> {
        @Override
        public long[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                return (long[]) ctxt.handleUnexpectedToken(long[].class, p);
            }
            long[] pair = new long[2];
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                long v = readU64(p, ctxt);
                if (i < pair.length) {
                    pair[i] = v;
                }
            }
            return pair;
        }

        @Override
        public long[] getNullValue(DeserializationContext ctxt) {
            return new long[2];
        }
    }

    /** Writes a long[] of uint64s as their unsigned decimals. */
    public static final class U64ArraySerializer extends JsonSerializer<long[]> {
        @Override
        public void serialize(long[] values, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeStartArray(values, values.length);
            for (long v : values) {
                writeU64(v, gen);
            }
            gen.writeEndArray();
        }
    }

    public static final class U64Serializer extends JsonSerializer<Long> {
        @Override
        public void serialize(Long value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            writeU64(value, gen);
        }
    }

    private static void writeU64(long value, JsonGenerator gen) throws IOException {
        if (value >= 0) {
            gen.writeNumber(value);
        } else {
            gen.writeNumber(new BigInteger(Long.toUnsignedString(value)));
        }
    }
}
