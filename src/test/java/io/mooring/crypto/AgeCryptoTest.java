package io.mooring.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;
import io.mooring.model.SecretDecryptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgeCryptoTest {
    /** A fresh key pair: the identity's line and its recipient. */
    static String[] keyPair() throws Exception {
        KeyPair pair = new X25519KeyPairGenerator().generateKeyPair();
        return new String[] {new String(pair.getPrivate().getEncoded(), StandardCharsets.US_ASCII),
                new String(pair.getPublic().getEncoded(), StandardCharsets.US_ASCII)};
    }

    @Test
    void anIdentityFileAnswersToThePublicKeysOfEachOfItsKeys() throws Exception {
        String[] first = keyPair();
        String[] second = keyPair();
        AgeIdentity identity = AgeIdentity.parse("id.txt", "# created: now\n# public key: x\n" + first[0] + "\n\n" + second[0] + "\n");
        assertThat(identity.publicKeys()).containsExactly(first[1], second[1]);
        assertThat(identity.toString()).doesNotContain(first[0]).doesNotContain(second[0]);
    }

    @Test
    void decryptsWithAnyKeyOfTheIdentityNotOnlyTheFirst() throws Exception {
        String[] first = keyPair();
        String[] second = keyPair();
        byte[] sealed = AgeCrypto.encrypt("s3cret-marker".getBytes(StandardCharsets.UTF_8), List.of(second[1]));
        AgeIdentity identity = AgeIdentity.parse("id.txt", first[0] + "\n" + second[0] + "\n");
        assertThat(new String(AgeCrypto.decrypt(sealed, identity, 1024), StandardCharsets.UTF_8)).isEqualTo("s3cret-marker");
    }

    @Test
    void aFileWithoutAKeyIsRefusedSayingHowToMakeOne() {
        assertThatThrownBy(() -> AgeIdentity.parse("/etc/mooring/age.key", "# nothing\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("/etc/mooring/age.key holds no age identity")
                .hasMessageContaining("age-keygen");
    }

    @Test
    void aWrongIdentityIsRefusedNamingItsPublicKeyAndTheStanzasButNoPlaintext() throws Exception {
        String[] owner = keyPair();
        String[] other = keyPair();
        byte[] sealed = AgeCrypto.encrypt("s3cret-marker".getBytes(StandardCharsets.UTF_8), List.of(owner[1], keyPair()[1]));
        AgeDecryptor decryptor = new AgeDecryptor(AgeIdentity.parse("id.txt", other[0]));
        assertThatThrownBy(() -> decryptor.decrypt(sealed, 1024)).isInstanceOf(SecretDecryptor.Failure.class)
                .hasMessageContaining(other[1]).hasMessageContaining("2 recipient(s) of type X25519")
                .hasMessageNotContaining("s3cret").hasMessageNotContaining(other[0]);
    }

    @Test
    void aDecryptedFileLargerThanTheLimitIsRefused() throws Exception {
        String[] owner = keyPair();
        byte[] sealed = AgeCrypto.encrypt(new byte[2048], List.of(owner[1]));
        AgeDecryptor decryptor = new AgeDecryptor(AgeIdentity.parse("id.txt", owner[0]));
        assertThat(decryptor.decrypt(sealed, 2048)).hasSize(2048);
        assertThatThrownBy(() -> decryptor.decrypt(sealed, 2047)).hasMessageContaining("more than 2047 bytes");
    }

    @Test
    void aFileThatIsNoAgeFileIsSaidToBeSo() throws Exception {
        AgeDecryptor decryptor = new AgeDecryptor(AgeIdentity.parse("id.txt", keyPair()[0]));
        assertThatThrownBy(() -> decryptor.decrypt("password: hunter2\n".getBytes(StandardCharsets.UTF_8), 1024))
                .hasMessageContaining("is not an age file").hasMessageNotContaining("hunter2");
    }
}
