package io.mooring.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.backup.BackupTarget;
import io.mooring.backup.Backups;
import io.mooring.backup.BucketSettings;
import io.mooring.backup.Manifest;
import io.mooring.backup.PgConnection;
import io.mooring.backup.s3.S3BackupTarget;
import io.mooring.testing.TestPostgres;
import io.mooring.testing.TestS3;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.multipart.MultipartConfiguration;

/**
 * A 1 GiB dump streamed by Mooring (pg_dump → SHA-256 → multipart upload, 16 MiB parts, at most three buffers, all
 * three sent at once) to S3Proxy running as a process of its own, side by side with the same bytes uploaded from a file by the AWS SDK in the
 * same run: a warm-up on a sixteenth of the rows, then the medians of three rounds. It prints throughput, the ratio, where the CPU time went,
 * and the growth of this JVM's heap and resident memory during a backup. No timed assertion.
 */
class BackupBenchmark {
    private static final int PART = 16 << 20;
    private static final int CONCURRENCY = BucketSettings.DEFAULT_CONCURRENCY;
    private static final int ROWS = 1 << 20;
    private static final int WARM_UP_ROWS = ROWS / 16;
    private static final int ROUNDS = 3;

    @Test
    void aGibibyteDumpStreamedToABucket(@TempDir Path tmp) throws Exception {
        assertThat(org.slf4j.LoggerFactory.getLogger("org.apache.http.wire").isDebugEnabled())
                .as("the HTTP client's wire log is on in this JVM: it would format every byte uploaded").isFalse();
        String database = TestPostgres.newDatabaseName("bkbench");
        long fill = System.nanoTime();
        TestPostgres.execute("postgres", "CREATE DATABASE " + database);
        try (S3ProxyProcess s3 = new S3ProxyProcess(tmp)) {
            // 1 MiB rows of 1 KiB of hex: the dump, uncompressed (-Z0), is a little over 1 GiB.
            TestPostgres.execute(database, "CREATE TABLE items (id serial PRIMARY KEY, payload text NOT NULL)", insert(1, WARM_UP_ROWS));
            PgConnection connection = new PgConnection(TestPostgres.HOST, TestPostgres.PORT, database, TestPostgres.USER, "", false);
            BucketSettings bucket = new BucketSettings(s3.endpoint(), TestS3.BUCKET, "us-east-1", TestS3.ACCESS_KEY, TestS3.SECRET_KEY, true,
                    true, PART);
            // A warm-up round for both JVMs (this one and S3Proxy's), on a sixteenth of the rows: the same code paths, sooner.
            Path small = dump(database, tmp.resolve("warm-up"));
            Measured warm = backup(bucket, connection);
            double warmSdk = sdkMultipart(s3.endpoint(), small);
            System.out.printf("benchmark backup: warm-up on a sixteenth of the rows (%,d bytes): Mooring %.1f s, SDK %.1f s%n",
                    Files.size(small), warm.seconds, warmSdk);
            Files.delete(small);
            TestPostgres.execute(database, insert(WARM_UP_ROWS + 1, ROWS));
            System.out.printf("benchmark backup: a database of %,d rows made in %,d ms%n", ROWS, (System.nanoTime() - fill) / 1_000_000);
            Path file = dump(database, tmp.resolve("dump"));
            long fileBytes = Files.size(file);

            // Three rounds side by side: this machine's two cores are shared by PostgreSQL, S3Proxy and the uploader, so one
            // round can be off by 15%; medians compared.
            List<Double> mooringTimes = new ArrayList<>();
            List<Double> sdkTimes = new ArrayList<>();
            long liveGrowth = 0;
            long heapGrowth = 0;
            Measured first = null;
            for (int round = 1; round <= ROUNDS; round++) {
                Cpu cpu = Cpu.now(s3);
                Measured mooring = backup(bucket, connection);
                Cpu afterMooring = Cpu.now(s3);
                double sdkMultipartSeconds = sdkMultipart(s3.endpoint(), file);
                Cpu afterSdk = Cpu.now(s3);
                System.out.printf("benchmark backup: round %d: Mooring %.1f s, SDK %.1f s, Mooring/SDK %.0f%%; CPU during Mooring's backup: %s;"
                        + " during the SDK's upload: %s%n", round, mooring.seconds, sdkMultipartSeconds,
                        100 * (mooring.bytes / mooring.seconds) / (fileBytes / sdkMultipartSeconds), afterMooring.since(cpu),
                        afterSdk.since(afterMooring));
                first = first == null ? mooring : first;
                mooringTimes.add(mooring.seconds);
                sdkTimes.add(sdkMultipartSeconds);
                liveGrowth = Math.max(liveGrowth, mooring.liveGrowth);
                heapGrowth = Math.max(heapGrowth, mooring.heapGrowth);
            }
            double sdkSeconds = sdkSinglePut(s3.endpoint(), file);
            long bytes = first.bytes;
            double mooringRate = bytes / median(mooringTimes) / (1 << 20);
            double sdkRate = fileBytes / median(sdkTimes) / (1 << 20);
            double putRate = fileBytes / sdkSeconds / (1 << 20);
            System.out.printf("benchmark backup: Mooring streamed a %,d-byte dump (pg_dump -Fc -Z0 as it ran, hashed, %d MiB parts, %d in"
                    + " memory at most) in %.1f s (median of %d): %.0f MiB/s%n", bytes, PART >> 20, CONCURRENCY, median(mooringTimes), ROUNDS,
                    mooringRate);
            System.out.printf("benchmark backup: the AWS SDK uploaded the same dump from a file (%,d bytes) with its own multipart upload"
                    + " (%d MiB parts, %d at once) in %.1f s (median of %d): %.0f MiB/s; Mooring/SDK %.0f%% (goal: at least 70%%)%n", fileBytes,
                    PART >> 20, CONCURRENCY, median(sdkTimes), ROUNDS, sdkRate, 100 * mooringRate / sdkRate);
            System.out.printf("benchmark backup: and as one PUT in %.1f s: %.0f MiB/s; Mooring/SDK %.0f%% (S3Proxy joins the parts of a"
                    + " multipart upload on completion, in seconds: work a single PUT does not have)%n", sdkSeconds, putRate,
                    100 * mooringRate / putRate);
            System.out.printf("benchmark backup: heap growth during a backup, what survived collections: at most %.1f MiB (goal: at most part"
                    + " size x concurrency + 32 MiB = %d MiB); heap in use at its peak, garbage not yet collected included: at most %.1f MiB"
                    + " more than before%n", liveGrowth / 1048576.0, (PART >> 20) * CONCURRENCY + 32, heapGrowth / 1048576.0);
            System.out.printf("benchmark backup: resident memory of the whole test JVM during its first measured backup (after the warm-up): %.0f MiB before, peak %.0f MiB%n",
                    first.rssBefore / 1048576.0, first.rssPeak / 1048576.0);
        } finally {
            TestPostgres.drop(database);
        }
    }

    /** Rows of 1 KiB of hex, numbered from {@code from} to {@code to}. */
    private static String insert(int from, int to) {
        return "INSERT INTO items (payload) SELECT repeat(md5(g::text), 32) FROM generate_series(" + from + ", " + to + ") g";
    }

    /** pg_dump -Fc -Z0 of the database to {@code file}. */
    private static Path dump(String database, Path file) throws Exception {
        Process dump = new ProcessBuilder("pg_dump", "-Fc", "-Z0", "--no-password", "-h", TestPostgres.HOST, "-U", TestPostgres.USER,
                "-d", database).redirectOutput(file.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(dump.waitFor()).isZero();
        return file;
    }

    private record Measured(long bytes, double seconds, long liveGrowth, long heapGrowth, long rssBefore, long rssPeak) {
    }

    /** One Mooring backup of the database, with this JVM's heap and resident memory sampled while it runs. */
    private static Measured backup(BucketSettings bucket, PgConnection connection) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        long liveBefore = liveHeap();
        long rssBefore = resetPeakRss();
        AtomicLong heapPeak = new AtomicLong(heapBefore);
        AtomicLong livePeak = new AtomicLong(liveBefore);
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                livePeak.accumulateAndGet(liveHeap(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        Manifest backup;
        try (BackupTarget target = new S3BackupTarget(bucket); Backups backups = new Backups(target, "mooring", Clock.systemUTC())) {
            backup = backups.run(new Backups.Job("bench", "node-a", "rev", Optional.of(connection), List.of(), List.of(), 0));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampling.set(false);
        sampler.join();
        return new Measured(backup.bytes(), seconds, livePeak.get() - liveBefore, heapPeak.get() - heapBefore, rssBefore, peakRss());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** The SDK's own multipart upload of the file, with the same part size and as many parts at once as Mooring. */
    private static double sdkMultipart(String endpoint, Path file) {
        try (S3AsyncClient client = S3AsyncClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(TestS3.ACCESS_KEY, TestS3.SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // the SDK queues more parts than it has connections; they wait their turn rather than fail after 10 s
                .httpClient(NettyNioAsyncHttpClient.builder().maxConcurrency(CONCURRENCY)
                        .connectionAcquisitionTimeout(Duration.ofMinutes(10)).build())
                .multipartEnabled(true)
                .multipartConfiguration(MultipartConfiguration.builder().thresholdInBytes((long) PART).minimumPartSizeInBytes((long) PART)
                        .apiCallBufferSizeInBytes((long) PART * CONCURRENCY).build())
                .build()) {
            long start = System.nanoTime();
            client.putObject(b -> b.bucket(TestS3.BUCKET).key("sdk/dump-multipart"), AsyncRequestBody.fromFile(file)).join();
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** The SDK's single PUT of the file. */
    private static double sdkSinglePut(String endpoint, Path file) {
        try (S3Client client = S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(TestS3.ACCESS_KEY, TestS3.SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(ApacheHttpClient.builder().build()).build()) {
            long start = System.nanoTime();
            client.putObject(b -> b.bucket(TestS3.BUCKET).key("sdk/dump"), RequestBody.fromFile(file));
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** CPU time used so far: by the whole machine (/proc/stat), this JVM and S3Proxy's process, in seconds. */
    private record Cpu(double wall, double machine, double machineTotal, double jvm, double s3proxy) {
        static Cpu now(S3ProxyProcess s3) throws Exception {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
            // /proc/stat counts in USER_HZ, 100 a second on Linux
            return new Cpu(System.nanoTime() / 1e9, (total - idle) / 100.0, total / 100.0, jvm, s3.cpuSeconds());
        }

        String since(Cpu before) {
            double machineUsed = machine - before.machine;
            double jvmUsed = jvm - before.jvm;
            double s3Used = s3proxy - before.s3proxy;
            return String.format("%.1f s on %d cores busy %.0f%% of %.1f s (this JVM %.1f s, S3Proxy %.1f s, the rest, PostgreSQL and pg_dump"
                    + " included, %.1f s)", machineUsed, Runtime.getRuntime().availableProcessors(),
                    100 * machineUsed / Math.max(0.01, machineTotal - before.machineTotal), wall - before.wall, jvmUsed, s3Used,
                    machineUsed - jvmUsed - s3Used);
        }
    }

    /** The heap's pools as their last collections left them: the live data, without the garbage still waiting. */
    private static long liveHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP && p.getCollectionUsage() != null)
                .mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
    }

    /** Resets the kernel's peak resident size of this process and returns its resident size now, in bytes. */
    private static long resetPeakRss() throws Exception {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (java.io.IOException e) {
            // without it the peak is since the JVM started
        }
        return status("VmRSS:");
    }

    private static long peakRss() throws Exception {
        return status("VmHWM:");
    }

    private static long status(String field) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith(field))
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).findFirst().orElse(-1L);
    }
}
