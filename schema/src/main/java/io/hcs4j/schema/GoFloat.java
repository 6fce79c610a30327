package io.hcs4j.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's float64 in JSON. Go writes the shortest digits that read back as the same double, in plain form unless
 * the magnitude is below 1e-6 or from 1e21 on, then as {@code d.ddde+XX} / {@code d.ddde-X} (encoding/json's
 * floatEncoder over strconv's 'f'/'e' shortest formats). Java's own {@code Double.toString} is neither (JDK 17
 * writes {@code 8.409999999999999E21} where Go writes {@code 8.41e+21}). Go refuses to read a number beyond the
 * float64 range, and has no NaN or infinity in JSON.
 */
public final class GoFloat {
    private GoFloat() {
    }

    /** The text Go's encoding/json writes for {@code value}. */
    public static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON has no " + value + " (Go refuses to write it)");
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        BigDecimal shortest = shortest(value).stripTrailingZeros();
        double abs = Math.abs(value);
        if (abs >= 1e-6 && abs < 1e21) {
            return shortest.toPlainString();
        }
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        return (value < 0 ? "-" : "") + digits.charAt(0) + (digits.length() > 1 ? "." + digits.substring(1) : "")
                + (exponent < 0 ? "e-" + -exponent : "e+" + exponent);
    }

    /** The decimal with the fewest digits that reads back as {@code value}; of two such, the nearer. */
    private static BigDecimal shortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; ; precision++) {
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
            boolean downFits = down.doubleValue() == value;
            boolean upFits = up.doubleValue() == value;
            if (downFits && upFits) {
                return exact.subtract(down).compareTo(up.subtract(exact)) <= 0 ? down : up;
            }
            if (downFits || upFits) {
                return downFits ? down : up;
            }
        }
    }

    /** Writes every double as Go does; installed on every generator of {@link Json}'s mapper. */
    static final class Generator extends JsonGeneratorDelegate {
        Generator(JsonGenerator delegate) {
            super(delegate, false);
        }

        @Override
        public void writeNumber(double value) throws IOException {
            delegate.writeNumber(format(value));
        }

    }

    /** Reads a float64: any JSON number within range; no strings, no infinity. */
    public static final class Deserializer extends JsonDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                return (Double) ctxt.handleUnexpectedToken(Double.class, p);
            }
            double v = p.getDoubleValue();
            if (!Double.isFinite(v)) {
                throw ctxt.weirdNumberException(p.getNumberValue(), Double.class, "out of range for float64");
            }
            return v;
        }
    }
}
