package io.mooring.crypto;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * age (age-encryption.org/v1) to X25519 recipients, in streams of 64 KiB chunks: what Mooring encrypts the
 * age CLI decrypts, and the other way round. Only the recipients are needed to encrypt; an identity (the
 * private keys) to decrypt. The one place Mooring uses Jagged.
 */
public final class AgeCrypto {
    private AgeCrypto() {
    }

    /** Encrypts what is written to the sink; closing it writes the last chunk but leaves the sink open. */
    public static OutputStream encrypting(OutputStream sink, List<String> recipients) throws IOException {
        if (recipients.isEmpty()) {
            throw new IOException("no age recipient to encrypt to");
        }
        try {
            List<RecipientStanzaWriter> writers = new ArrayList<>();
            for (String recipient : recipients) {
                writers.add(X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(recipient));
            }
            OutputStream shield = new FilterOutputStream(sink) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            return Channels.newOutputStream(new StandardEncryptingChannelFactory().newEncryptingChannel(Channels.newChannel(shield), writers));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("cannot encrypt to the age recipients: " + e.getMessage(), e);
        }
    }

    /** The whole of {@code plain}, encrypted to the recipients, in memory. */
    public static byte[] encrypt(byte[] plain, List<String> recipients) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length + 256);
        try (OutputStream sealed = encrypting(out, recipients)) {
            sealed.write(plain);
        }
        return out.toByteArray();
    }

    /** Decrypts with the identity in {@code identityFile} (an age-keygen file); a wrong key or a damaged object fails. */
    public static InputStream decrypting(InputStream source, Path identityFile) throws IOException {
        return decrypting(source, AgeIdentity.load(identityFile));
    }

    /** Decrypts with any of the identity's keys; a wrong key or a damaged object fails. */
    public static InputStream decrypting(InputStream source, AgeIdentity identity) throws IOException {
        try {
            List<RecipientStanzaReader> readers = new ArrayList<>();
            for (CharSequence key : identity.keys()) {
                readers.add(X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(key));
            }
            return Channels.newInputStream(new StandardDecryptingChannelFactory().newDecryptingChannel(Channels.newChannel(source), readers));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("cannot decrypt with the identity in " + identity.file() + ": " + reason(e), e);
        }
    }

    /** The plaintext of a whole age file, refused past {@code maxBytes}: a commit cannot make the agent hold an unbounded secret. */
    public static byte[] decrypt(byte[] sealed, AgeIdentity identity, int maxBytes) throws IOException {
        try (InputStream in = decrypting(new java.io.ByteArrayInputStream(sealed), identity)) {
            byte[] plain = in.readNBytes(maxBytes + 1);
            if (plain.length > maxBytes) {
                java.util.Arrays.fill(plain, (byte) 0);
                throw new IOException("decrypts to more than " + maxBytes + " bytes, the limit of a configuration file");
            }
            return plain;
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException(reason(e), e);
        }
    }

    static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
