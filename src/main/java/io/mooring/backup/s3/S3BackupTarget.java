package io.mooring.backup.s3;

import io.mooring.backup.BackupFaults;
import io.mooring.backup.BackupTarget;
import io.mooring.backup.BucketSettings;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link BackupTarget} on an S3-compatible bucket with the AWS SDK. An upload holds at most
 * {@code uploadConcurrency} parts in memory, filling one while the others are sent: a stream shorter than a
 * part goes as one PUT, a longer one as a multipart upload that is completed only on commit and aborted
 * otherwise; uploads a killed process left are aborted by {@link #clean}.
 */
public final class S3BackupTarget implements BackupTarget {
    private final S3Client s3;
    /** How long one upload call may take when the agent's configuration does not say (backup.uploadTimeout). */
    public static final Duration DEFAULT_UPLOAD_TIMEOUT = Duration.ofMinutes(30);

    private final BucketSettings settings;
    private final AwsRequestOverrideConfiguration uploadCall;
    private ExecutorService senders;

    public S3BackupTarget(BucketSettings settings) {
        this(settings, DEFAULT_UPLOAD_TIMEOUT);
    }

    /**
     * {@code uploadTimeout}: how long one upload call (a part, a small object, starting or completing a multipart
     * upload) may take, so that a store that stalls fails the backup instead of holding it. Reads are not bound by it:
     * a restore streams a whole object through one call.
     */
    public S3BackupTarget(BucketSettings settings, Duration uploadTimeout) {
        this.settings = settings;
        this.s3 = S3Clients.client(settings);
        this.uploadCall = AwsRequestOverrideConfiguration.builder().apiCallTimeout(uploadTimeout).build();
    }

    @Override
    public ObjectUpload upload(String key) {
        return new PartUpload(key);
    }

    /**
     * At most {@code uploadConcurrency} part buffers exist, and as many parts are sent at once: the stream fills a
     * free buffer while the others are sent, and waits for one when all are in flight. A stream shorter than a part
     * is one PUT on commit; a longer one a multipart upload completed on commit, once every part is in.
     */
    private final class PartUpload extends ObjectUpload {
        private final String key;
        private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(settings.uploadConcurrency());
        private final List<Future<CompletedPart>> sent = new ArrayList<>();
        private int buffers;
        private byte[] part;
        private int filled;
        private String uploadId;
        private boolean done;

        PartUpload(String key) {
            this.key = key;
            this.part = buffer();
        }

        private byte[] buffer() {
            byte[] reused = free.poll();
            if (reused != null) {
                return reused;
            }
            if (buffers < settings.uploadConcurrency()) {
                buffers++;
                return new byte[settings.partSizeBytes()];
            }
            try {
                return free.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a part to be sent", e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                int n = Math.min(length, part.length - filled);
                System.arraycopy(bytes, offset, part, filled, n);
                filled += n;
                offset += n;
                length -= n;
                if (filled == part.length) {
                    send();
                }
            }
        }

        /** Hands the filled part to a sender and takes a free buffer, waiting for one when all are in flight. */
        private void send() throws IOException {
            failFast();
            try {
                if (uploadId == null) {
                    uploadId = s3.createMultipartUpload(b -> b.bucket(settings.bucket()).key(key).overrideConfiguration(uploadCall)).uploadId();
                }
            } catch (SdkException e) {
                throw new IOException("cannot start the upload of " + key + " to " + describe() + ": " + e.getMessage(), e);
            }
            int number = sent.size() + 1;
            if (number > 10_000) {
                throw new IOException("the object needs more than 10,000 parts; raise the part size");
            }
            byte[] full = part;
            int length = filled;
            String id = uploadId;
            sent.add(senders().submit(() -> {
                try {
                    String etag = s3.uploadPart(b -> b.bucket(settings.bucket()).key(key).uploadId(id).partNumber(number)
                            .contentLength((long) length).overrideConfiguration(uploadCall), body(full, length)).eTag();
                    BackupFaults.after("part-uploaded");
                    return CompletedPart.builder().partNumber(number).eTag(etag).build();
                } finally {
                    free.add(full);
                }
            }));
            part = buffer();
            filled = 0;
        }

        /** A part that failed stops the upload at the next write, not only at the commit. */
        private void failFast() throws IOException {
            for (Future<CompletedPart> future : sent) {
                if (future.isDone()) {
                    result(future);
                }
            }
        }

        private CompletedPart result(Future<CompletedPart> future) throws IOException {
            try {
                return future.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw new IOException("cannot upload a part of " + key + " to " + describe() + ": " + cause.getMessage(), cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while uploading " + key, e);
            }
        }

        private RequestBody body(byte[] bytes, int length) {
            return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length, "application/octet-stream");
        }

        @Override
        public void commit() throws IOException {
            try {
                if (uploadId == null) {
                    int length = filled;
                    byte[] only = part;
                    s3.putObject(b -> b.bucket(settings.bucket()).key(key).contentLength((long) length).overrideConfiguration(uploadCall),
                            body(only, length));
                } else {
                    if (filled > 0) {
                        send();
                    }
                    List<CompletedPart> parts = new ArrayList<>();
                    for (Future<CompletedPart> future : sent) {
                        parts.add(result(future));
                    }
                    s3.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId)
                            .multipartUpload(m -> m.parts(parts)).overrideConfiguration(uploadCall));
                }
                done = true;
            } catch (SdkException e) {
                throw new IOException("cannot store " + key + " in " + describe() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (!done) {
                sent.forEach(future -> future.cancel(true));
                if (uploadId != null) {
                    try {
                        s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId));
                    } catch (SdkException e) {
                        // left for clean() on the next run
                    }
                }
            }
            done = true;
        }
    }

    /** The threads that send parts, made on first use and ended when the target closes. */
    private synchronized ExecutorService senders() {
        if (senders == null) {
            senders = Executors.newFixedThreadPool(settings.uploadConcurrency(), r -> {
                Thread thread = new Thread(r, "mooring-upload");
                thread.setDaemon(true);
                return thread;
            });
        }
        return senders;
    }

    @Override
    public InputStream read(String key) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(settings.bucket()).key(key));
        } catch (NoSuchKeyException e) {
            throw new FileNotFoundException(key + " is not in " + describe());
        } catch (SdkException e) {
            throw new IOException("cannot read " + key + " from " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> keys(String prefix) throws IOException {
        try {
            List<String> keys = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(prefix)).contents().stream().map(S3Object::key).forEach(keys::add);
            keys.sort(null);
            return keys;
        } catch (SdkException e) {
            throw new IOException("cannot list " + prefix + " in " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(settings.bucket()).key(key));
        } catch (SdkException e) {
            throw new IOException("cannot delete " + key + " from " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int clean(String prefix) throws IOException {
        try {
            int aborted = 0;
            for (var upload : s3.listMultipartUploads(b -> b.bucket(settings.bucket()).prefix(prefix)).uploads()) {
                s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(upload.key()).uploadId(upload.uploadId()));
                aborted++;
            }
            return aborted;
        } catch (SdkException e) {
            throw new IOException("cannot clean interrupted uploads under " + prefix + " in " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "s3 bucket " + settings.bucket() + (settings.endpoint().isEmpty() ? "" : " at " + settings.endpoint());
    }

    @Override
    public void close() {
        synchronized (this) {
            if (senders != null) {
                senders.shutdownNow();
            }
        }
        s3.close();
    }
}
