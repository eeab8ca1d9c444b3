package io.mooring.wiring;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.DefaultConfigurationFactoryFactory;
import io.dropwizard.configuration.YamlConfigurationFactory;
import jakarta.validation.Validator;

/**
 * Dropwizard's YAML factory for the agent file, the same parsing, binding, validation and error wording, without the
 * metadata it gathers at construction for {@code -Ddw.} overrides: a walk of the whole configuration's serializers, a
 * third of a second of every start. When a {@code -Ddw.} override is given, that walk is made as before.
 */
public final class AgentFileFactory<T> extends DefaultConfigurationFactoryFactory<T> {
    private final Validator prepared;

    /** The file validated by the validator Dropwizard's bootstrap hands over. */
    public AgentFileFactory() {
        this(null);
    }

    /** The file validated by {@code prepared} ({@link ValidationAside#validator()}) instead. */
    public AgentFileFactory(Validator prepared) {
        this.prepared = prepared;
    }

    @Override
    public ConfigurationFactory<T> create(Class<T> type, Validator bootstrapValidator, ObjectMapper mapper, String prefix) {
        Validator validator = prepared == null ? bootstrapValidator : prepared;
        if (overridden(prefix)) {
            return super.create(type, validator, mapper, prefix);
        }
        // Dropwizard's own mapper settings for the file (an unknown field refused), on a copy, as it makes them.
        return new YamlConfigurationFactory<>(type, validator, configureObjectMapper(new Unwalked(mapper)), prefix);
    }

    private static boolean overridden(String prefix) {
        String dotted = prefix.endsWith(".") ? prefix : prefix + ".";
        return System.getProperties().stringPropertyNames().stream().anyMatch(name -> name.startsWith(dotted));
    }

    /** The application's mapper whose type walk (schema visiting), used only by the overrides' metadata, finds nothing. */
    private static final class Unwalked extends ObjectMapper {
        private static final long serialVersionUID = 1L;

        Unwalked(ObjectMapper mapper) {
            super(mapper);
        }

        @Override
        public void acceptJsonFormatVisitor(Class<?> type, JsonFormatVisitorWrapper visitor) {
        }

        @Override
        public void acceptJsonFormatVisitor(JavaType type, JsonFormatVisitorWrapper visitor) {
        }

        @Override
        public ObjectMapper copy() {
            return new Unwalked(this);
        }
    }
}
