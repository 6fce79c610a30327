package io.hcs4j.schema;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field that upstream nests as a JSON document inside a JSON string (the GCS bridge's
 * {@code AnyInString}, container properties and property queries): a typed value in Java, a string on the
 * wire. An {@code Object} field reads the string {@code "null"} as {@link NullNode} so it is written back as
 * it came.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonSerialize(using = JsonInString.Serializer.class)
@JsonDeserialize(using = JsonInString.Deserializer.class)
public @interface JsonInString {

    final class Serializer extends JsonSerializer<Object> {
        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(Json.mapper().writeValueAsString(value));
        }
    }

    final class Deserializer extends JsonDeserializer<Object> implements ContextualDeserializer {
        private final JavaType type;

        public Deserializer() {
            this(null);
        }

        private Deserializer(JavaType type) {
            this.type = type;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            return new Deserializer(property.getType());
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return ctxt.handleUnexpectedToken(type, p);
            }
            String text = p.getText();
            boolean untyped = type == null || type.getRawClass() == Object.class;
            if ("null".equals(text) && untyped) {
                return NullNode.instance;
            }
            try {
                return Json.mapper().readValue(text, untyped ? ctxt.constructType(Object.class) : type);
            } catch (JsonMappingException e) {
                throw JsonMappingException.from(p, "in the JSON inside this string at "
                        + Json.pathOf(e) + ": " + e.getOriginalMessage(), e);
            } catch (JsonProcessingException e) {
                throw JsonMappingException.from(p, "the JSON inside this string is malformed: "
                        + e.getOriginalMessage(), e);
            }
        }
    }
}
