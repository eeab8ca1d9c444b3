package io.mooring.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Where backups are kept: a bucket or a folder. An object becomes visible under its key only once its upload
 * is committed; an upload closed without a commit leaves nothing behind.
 */
public interface BackupTarget extends AutoCloseable {
    /** Starts writing an object; write, then {@link ObjectUpload#commit()}; {@code close()} alone abandons it. */
    ObjectUpload upload(String key) throws IOException;

    /** The object's bytes; a missing object is a {@link java.io.FileNotFoundException}. */
    InputStream read(String key) throws IOException;

    /** The keys of the committed objects under {@code prefix}, sorted. */
    List<String> keys(String prefix) throws IOException;

    /** Removes the object; one that is gone already is no error. */
    void delete(String key) throws IOException;

    /** Removes what interrupted uploads under {@code prefix} left (incomplete multipart uploads, partial files); how many. */
    int clean(String prefix) throws IOException;

    /** Where this is, for messages: never a secret. */
    String describe();

    @Override
    void close();

    /** An object being written. */
    abstract class ObjectUpload extends OutputStream {
        /** Makes the object visible under its key, whole. */
        public abstract void commit() throws IOException;
    }
}
