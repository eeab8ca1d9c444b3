package io.mooring.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Another Mooring process, as far as the engine's lock goes: {@code hold FOLDER HOST} takes the lock, says
 * "held" and keeps it until killed; {@code try FOLDER HOST} says "free" or "busy HOLDER" and exits.
 */
public final class EngineLockChild {
    private EngineLockChild() {
    }

    public static void main(String[] args) throws Exception {
        EngineLock lock = EngineLock.forEngine(args[2], Path.of(args[1]));
        if (args[0].equals("hold")) {
            lock.acquire(Duration.ofSeconds(30));
            System.out.println("held");
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(10).toMillis());
        } else {
            Optional<EngineLock.Held> held = lock.tryAcquire();
            System.out.println(held.isPresent() ? "free" : "busy " + lock.holder());
        }
    }
}
