package org.llmsim.scenario;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Lets a plain number stand for a fixed distribution: {@code turns: 5} is {@code {dist: fixed, value: 5}} and
 * {@code think_time_s: 2.5} is {@code {dist: fixed, value: 2.5}}. Mappings are read as before, by {@code dist:}.
 */
final class ScalarShorthand extends DelegatingDeserializer {
    private final Class<?> type;

    private ScalarShorthand(JsonDeserializer<?> delegate, Class<?> type) {
        super(delegate);
        this.type = type;
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("llmsim-scalar-shorthand");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                Class<?> c = description.getBeanClass();
                return c == LengthSpec.class || c == TimeSpec.class ? new ScalarShorthand(deserializer, c)
                        : deserializer;
            }
        });
        return module;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
        return new ScalarShorthand(delegate, type);
    }

    @Override
    public Object deserializeWithType(JsonParser p, DeserializationContext context, TypeDeserializer types)
            throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            if (type == TimeSpec.class) {
                return new TimeSpec.Fixed(p.getDoubleValue());
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                throw InvalidFormatException.from(p, "a token count is a whole number", p.getText(), Integer.class);
            }
            return new LengthSpec.Fixed(p.getIntValue());
        }
        return super.deserializeWithType(p, context, types);
    }
}
