package org.llmsim.scenario;

import java.io.IOException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.util.JsonParserDelegate;

/**
 * A parser that hands YAML's special floats ({@code .nan}, {@code .inf}, {@code -.Inf}, ...) on as text. The YAML
 * parser takes them for numbers it cannot decode and stops the whole document there; as text, the document parses,
 * and binding refuses each such value where it stands ("must be a finite number"), with the file's other problems.
 * No field of llmsim's files takes them as numbers.
 */
final class SpecialFloatsAsText extends JsonParserDelegate {
    private static final Pattern SPECIAL = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    SpecialFloatsAsText(JsonParser parser) {
        super(parser);
    }

    /** Whether {@code text} is one of YAML's special floats. */
    static boolean isSpecialFloat(Object text) {
        return text instanceof String s && SPECIAL.matcher(s.strip()).matches();
    }

    private JsonToken mapped(JsonToken t) throws IOException {
        return t == JsonToken.VALUE_NUMBER_FLOAT && isSpecialFloat(delegate.getText()) ? JsonToken.VALUE_STRING : t;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        return mapped(delegate.nextToken());
    }

    @Override
    public JsonToken nextValue() throws IOException {
        return mapped(delegate.nextValue());
    }

    @Override
    public JsonToken currentToken() {
        try {
            return mapped(delegate.currentToken());
        } catch (IOException e) {
            return delegate.currentToken();
        }
    }

    @Override
    @Deprecated
    public JsonToken getCurrentToken() {
        return currentToken();
    }

    @Override
    public int currentTokenId() {
        JsonToken t = currentToken();
        return t == null ? JsonTokenId.ID_NO_TOKEN : t.id();
    }

    @Override
    @Deprecated
    public int getCurrentTokenId() {
        return currentTokenId();
    }

    @Override
    public boolean hasToken(JsonToken t) {
        return currentToken() == t;
    }

    @Override
    public boolean hasTokenId(int id) {
        return currentTokenId() == id;
    }
}
