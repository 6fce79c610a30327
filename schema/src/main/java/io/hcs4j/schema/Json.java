package io.hcs4j.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.nio.charset.StandardCharsets;

/**
 * The one configured {@link ObjectMapper} every module uses, and strict read/write helpers.
 *
 * <p>It writes JSON the way Go's {@code encoding/json} does (map keys sorted; {@code <>&}, U+2028/2029 and
 * control characters escaped as lowercase hex escapes), so documents match the reference byte for byte
 * where field order allows; doubles as Go writes them ({@link GoFloat}). One per-writer switch turns HTML
 * escaping off ({@link #writer(boolean)}), for peers that write with Go's {@code SetEscapeHTML(false)}. It
 * reads leniently about unknown fields (newer Windows builds add them) and strictly about everything else: no
 * scalar coercion, no trailing tokens, bounded nesting and size, no null document.
 */
public final class Json {
    /** Deepest nesting accepted; real documents are under 20 levels. */
    public static final int MAX_NESTING_DEPTH = 256;
    /** Largest document accepted, in characters. */
    public static final long MAX_DOCUMENT_LENGTH = 32L << 20;

    private static final ObjectMapper MAPPER = build();
    private static final ObjectWriter WITHOUT_HTML_ESCAPING = MAPPER.writer().with(new GoEscapes(false));

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper build() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                        .maxNumberLength(100)
                        .build())
                .addDecorator((f, generator) -> new GoFloat.Generator(generator))
                .build();
        factory.setCharacterEscapes(new GoEscapes(true));
        JsonMapper mapper = JsonMapper.builder(factory)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .addModule(new SimpleModule("go-float64")
                        .addDeserializer(Double.class, new GoFloat.Deserializer())
                        .addDeserializer(Double.TYPE, new GoFloat.Deserializer()))
                .build();
        for (LogicalType target : new LogicalType[] {LogicalType.Textual, LogicalType.Boolean,
                LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(target)
                    .setCoercion(CoercionInputShape.Integer, target == LogicalType.Integer
                            || target == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, target == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, target == LogicalType.Boolean
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, target == LogicalType.Textual
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, target == LogicalType.Textual
                            ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        return mapper;
    }

    /**
     * The mapper's writer, or the same writer with Go's {@code SetEscapeHTML(false)}: {@code <>&} written as they
     * are, everything else escaped as Go does.
     */
    public static ObjectWriter writer(boolean escapeHtml) {
        return escapeHtml ? MAPPER.writer() : WITHOUT_HTML_ESCAPING;
    }

    /** Encodes a document; failures here are programming errors (a value Jackson cannot write). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    public static byte[] writeBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    public static <T> T read(String json, Class<T> type) {
        return read(json, MAPPER.constructType(type));
    }

    public static <T> T read(byte[] json, Class<T> type) {
        return read(new String(json, StandardCharsets.UTF_8), MAPPER.constructType(type));
    }

    /**
     * Decodes a whole document into {@code type}, or throws {@link SchemaException} naming where it is bad. Never
     * returns null: the document {@code null} is not a value of any schema type.
     */
    public static <T> T read(String json, JavaType type) {
        if (json == null) {
            throw new SchemaException("$", "no document", null);
        }
        try {
            return notNull(MAPPER.readValue(json, type), type);
        } catch (JsonMappingException e) {
            throw new SchemaException(pathOf(e), e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new SchemaException("$", e.getOriginalMessage(), e);
        } catch (NumberFormatException e) {
            // Jackson's parser throws this, unwrapped, for a number it cannot hold (found by JsonFuzzTest).
            throw new SchemaException("$", e.getMessage(), e);
        } catch (StackOverflowError e) {
            // The nesting limit makes this unreachable; kept so no input can take the thread down.
            throw new SchemaException("$", "nesting too deep", null);
        }
    }

    /** Parses into a tree (for comparisons and untyped access), with the same limits. */
    public static JsonNode tree(String json) {
        return read(json, MAPPER.constructType(JsonNode.class));
    }

    /** Re-types a value (e.g. an {@code Object} field read as maps) into a schema type; never returns null. */
    public static <T> T convert(Object value, Class<T> type) {
        if (value == null) {
            throw new SchemaException("$", "no document", null);
        }
        try {
            return notNull(MAPPER.convertValue(value, type), MAPPER.constructType(type));
        } catch (IllegalArgumentException e) {
            Throwable cause = e.getCause();
            if (cause instanceof JsonMappingException m) {
                throw new SchemaException(pathOf(m), m.getOriginalMessage(), e);
            }
            throw new SchemaException("$", e.getMessage(), e);
        }
    }

    private static <T> T notNull(T value, JavaType type) {
        if (value == null) {
            throw new SchemaException("$", "null is not a " + type.getRawClass().getSimpleName(), null);
        }
        return value;
    }

    /** The JSON path ({@code $.A.B[0]}) of a mapping failure. */
    static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * Go's string escaping: lowercase hex escapes for control characters, U+2028/2029 always (Go escapes them
     * unconditionally), and {@code <>&} unless HTML escaping is off.
     */
    private static final class GoEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        GoEscapes(boolean html) {
            for (int c = 0; c < 0x20; c++) {
                if (c != '\n' && c != '\r' && c != '\t') {
                    ascii[c] = ESCAPE_CUSTOM;
                }
            }
            if (html) {
                ascii['<'] = ESCAPE_CUSTOM;
                ascii['>'] = ESCAPE_CUSTOM;
                ascii['&'] = ESCAPE_CUSTOM;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch < 0x80 || ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
