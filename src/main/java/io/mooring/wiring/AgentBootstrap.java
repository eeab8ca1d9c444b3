package io.mooring.wiring;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jvm.ClassLoadingGaugeSet;
import com.codahale.metrics.jvm.FileDescriptorRatioGauge;
import com.codahale.metrics.jvm.GarbageCollectorMetricSet;
import com.codahale.metrics.jvm.JvmAttributeGaugeSet;
import com.codahale.metrics.jvm.MemoryUsageGaugeSet;
import com.codahale.metrics.jvm.ThreadStatesGaugeSet;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.guava.GuavaModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import io.dropwizard.jackson.AnnotationSensitivePropertyNamingStrategy;
import io.dropwizard.jackson.CaffeineModule;
import io.dropwizard.jackson.DiscoverableSubtypeResolver;
import io.dropwizard.jackson.FuzzyEnumModule;
import io.dropwizard.jackson.GuavaExtrasModule;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.text.SimpleDateFormat;
import java.util.Locale;

/**
 * What the agent's bootstrap holds beside Dropwizard's, for a start that spends nothing on what an agent never uses:
 * <ul>
 * <li>the object mapper (the agent file, the API's JSON): Dropwizard's modules and settings without Blackbird, which
 * generates a class per property of every type the mapper reads or writes (a quarter of a second of each start, for a
 * speed an agent answering a few requests a minute never needs);</li>
 * <li>the JVM's metrics, the same series under the same names, without the JMX reporter and the platform MBean server
 * it starts (a tenth of a second of each start, and an MBean per metric): they are served at {@code /metrics}.</li>
 * </ul>
 */
public final class AgentBootstrap {
    private AgentBootstrap() {
    }

    /** Dropwizard's {@code Jackson.newObjectMapper()} without Blackbird, ISO dates written as text. */
    public static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new GuavaModule()).registerModule(new GuavaExtrasModule()).registerModule(new CaffeineModule())
                .registerModule(new FuzzyEnumModule()).registerModule(new ParameterNamesModule()).registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule()).setPropertyNamingStrategy(new AnnotationSensitivePropertyNamingStrategy())
                .setSubtypeResolver(new DiscoverableSubtypeResolver()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** The JVM's metrics as Dropwizard's bootstrap registers them, the buffer pools read from their MXBeans. */
    public static void jvmMetrics(MetricRegistry registry) {
        registry.register("jvm.attribute", new JvmAttributeGaugeSet());
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct") || pool.getName().equals("mapped")) {
                String name = "jvm.buffers." + pool.getName();
                registry.register(name + ".count", (Gauge<Long>) pool::getCount);
                registry.register(name + ".used", (Gauge<Long>) pool::getMemoryUsed);
                registry.register(name + ".capacity", (Gauge<Long>) pool::getTotalCapacity);
            }
        }
        registry.register("jvm.classloader", new ClassLoadingGaugeSet());
        registry.register("jvm.filedescriptor", new FirstReadGauge<>(FileDescriptorRatioGauge::new));
        registry.register("jvm.gc", new GarbageCollectorMetricSet());
        registry.register("jvm.memory", new MemoryUsageGaugeSet());
        registry.register("jvm.threads", new ThreadStatesGaugeSet());
    }

    /**
     * Starts reading the JVM's calendar and locale data on a thread of its own, while the agent's logging and bootstrap
     * are made: the JSON mapper's date format needs the calendar's at its first making, and the web server's MIME types
     * list every locale at theirs (30-60 ms each on the agent's start otherwise).
     */
    public static void prepareLocales() {
        Thread thread = new Thread(() -> {
            new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSX", Locale.US).getCalendar();
            Locale.getAvailableLocales();
        }, "mooring-locales");
        thread.setDaemon(true);
        thread.start();
        // Java's own logging, which Dropwizard's bootstrap hands to SLF4J: its first making reads its configuration and
        // looks for a logger finder in the jar (40-60 ms of the start's thread otherwise).
        Thread logging = new Thread(java.util.logging.LogManager::getLogManager, "mooring-jul");
        logging.setDaemon(true);
        logging.start();
    }
}
