package io.mooring.engine.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PullResponseItem;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows a pull to its end and keeps the first error, in the engine's words; unlike docker-java's own
 * callbacks it does not log the error itself, since the caller reports it once, with its context.
 */
final class PullCallback implements ResultCallback<PullResponseItem> {
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Closeable stream;
    private volatile String error;

    @Override
    public void onStart(Closeable closeable) {
        this.stream = closeable;
    }

    @Override
    public void onNext(PullResponseItem item) {
        if (item.isErrorIndicated() && error == null) {
            error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage() : item.getError();
        }
    }

    @Override
    public void onError(Throwable throwable) {
        if (error == null) {
            error = DockerEngine.message(throwable);
        }
        finished.countDown();
    }

    @Override
    public void onComplete() {
        finished.countDown();
    }

    @Override
    public void close() throws IOException {
        Closeable open = stream;
        if (open != null) {
            open.close();
        }
        finished.countDown();
    }

    /** Waits for the end of the pull; false when it did not end in time. */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    /** The engine's or the registry's error, or null when the pull went through. */
    String error() {
        return error;
    }
}
