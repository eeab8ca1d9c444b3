package io.mooring.backup;

import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * age (age-encryption.org/v1) to X25519 recipients, in streams of 64 KiB chunks: what Mooring encrypts the
 * age CLI decrypts, and the other way round. Only the recipients are needed to encrypt; the identity (the
 * private key) to restore.
 */
final class AgeCrypto {
    private AgeCrypto() {
    }

    /** Encrypts what is written to the sink; closing it writes the last chunk but leaves the sink open. */
    static OutputStream encrypting(OutputStream sink, List<String> recipients) throws IOException {
        try {
            List<RecipientStanzaWriter> writers = new ArrayList<>();
            for (String recipient : recipients) {
                writers.add(X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(recipient));
            }
            OutputStream shield = new NonClosingOutputStream(sink);
            return Channels.newOutputStream(new StandardEncryptingChannelFactory().newEncryptingChannel(Channels.newChannel(shield), writers));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encrypt to the age recipients: " + e.getMessage(), e);
        }
    }

    /** Decrypts with the identity in {@code identityFile} (an age-keygen file); a wrong key or a damaged object fails. */
    static InputStream decrypting(InputStream source, Path identityFile) throws IOException {
        String identity = Files.readAllLines(identityFile, StandardCharsets.UTF_8).stream().map(String::strip)
                .filter(l -> l.startsWith("AGE-SECRET-KEY-1")).findFirst()
                .orElseThrow(() -> new IOException(identityFile + " holds no age identity (AGE-SECRET-KEY-1...)"));
        try {
            return Channels.newInputStream(new StandardDecryptingChannelFactory().newDecryptingChannel(Channels.newChannel(source),
                    List.of(X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(identity))));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot decrypt with the identity in " + identityFile + ": " + e.getMessage(), e);
        }
    }
}
