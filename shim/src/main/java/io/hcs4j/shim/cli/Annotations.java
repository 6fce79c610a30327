package io.hcs4j.shim.cli;

/**
 * Reads one string annotation out of config.json without a JSON library: {@code start} runs on every
 * container start and must stay light. Finds {@code "key"}, a colon, and decodes the JSON string after it.
 */
final class Annotations {
    private Annotations() {
    }

    static String find(String json, String key) {
        String quoted = "\"" + key + "\"";
        int at = json.indexOf(quoted);
        while (at >= 0) {
            int i = skipSpace(json, at + quoted.length());
            if (i < json.length() && json.charAt(i) == ':') {
                i = skipSpace(json, i + 1);
                if (i < json.length() && json.charAt(i) == '"') {
                    return decode(json, i + 1);
                }
                return null;
            }
            at = json.indexOf(quoted, at + 1);
        }
        return null;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String decode(String s, int i) {
        StringBuilder out = new StringBuilder();
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\' && i < s.length()) {
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            return null;
                        }
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        return null;
    }
}
