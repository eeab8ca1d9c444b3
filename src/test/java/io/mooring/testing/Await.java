package io.mooring.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition that something running in the background will make true. */
public final class Await {
    private Await() {
    }

    /** Returns the last value seen once {@code done} holds, or fails with it after {@code timeout}. */
    public static <T> T until(Duration timeout, Supplier<T> value, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout + "; last seen: " + last);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            last = value.get();
        }
        return last;
    }
}
