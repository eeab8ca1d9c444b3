package io.mooring.source.jgit;

import io.mooring.source.CommitSignature;
import io.mooring.source.SignaturePolicy;
import io.mooring.source.SourceException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.bouncycastle.util.encoders.Hex;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SignatureVerifier.SignatureVerification;
import org.eclipse.jgit.lib.SignatureVerifiers;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Verifies a commit's signature against the keys the agent allows, never the user's keyrings: SSH signatures
 * with JGit's verifier and an allowed_signers file, OpenPGP signatures with BouncyCastle against the public
 * keys of a key file (a revoked or expired key does not count).
 */
final class CommitSignatures {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private CommitSignatures() {
    }

    static CommitSignature verify(Repository repository, RevCommit commit, SignaturePolicy policy) {
        byte[] raw = commit.getRawGpgSignature();
        if (raw == null) {
            return CommitSignature.unsigned();
        }
        String signature = new String(raw, StandardCharsets.US_ASCII);
        if (signature.startsWith("-----BEGIN SSH SIGNATURE")) {
            return ssh(repository, commit, policy.allowedSigners());
        }
        if (signature.startsWith("-----BEGIN PGP SIGNATURE")) {
            return openpgp(commit, raw, policy.openpgpKeys());
        }
        return CommitSignature.refused(null, null, "the commit's signature is of a kind Mooring does not check (SSH and OpenPGP are)");
    }

    private static CommitSignature ssh(Repository repository, RevCommit commit, Path allowedSigners) {
        if (allowedSigners == null) {
            return CommitSignature.refused(null, null, "the commit is signed with an SSH key, but the agent allows none"
                    + " (git.signatures.allowedSigners)");
        }
        readable(allowedSigners, "git.signatures.allowedSigners");
        Config config = new Config();
        config.setString("gpg", "ssh", "allowedSignersFile", allowedSigners.toAbsolutePath().toString());
        try {
            SignatureVerification result = SignatureVerifiers.verify(repository, new GpgConfig(config), commit);
            if (result == null) {
                return CommitSignature.unsigned();
            }
            if (result.verified() && !result.expired()) {
                return CommitSignature.good(result.keyUser(), result.keyFingerprint());
            }
            return CommitSignature.refused(result.keyUser(), result.keyFingerprint(), "the commit is not signed by an SSH key that "
                    + allowedSigners + " allows" + (result.message() == null ? "" : ": " + result.message()));
        } catch (IOException e) {
            throw new SourceException("cannot check the signature of " + commit.getName() + ": " + e.getMessage(), e);
        }
    }

    private static CommitSignature openpgp(RevCommit commit, byte[] signatureBytes, Path keyFile) {
        if (keyFile == null) {
            return CommitSignature.refused(null, null, "the commit is signed with an OpenPGP key, but the agent allows none"
                    + " (git.signatures.openpgpKeys)");
        }
        readable(keyFile, "git.signatures.openpgpKeys");
        try {
            PGPPublicKeyRingCollection keys;
            try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(keyFile))) {
                keys = new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator());
            }
            PGPSignature signature = signature(signatureBytes);
            if (signature == null) {
                return CommitSignature.refused(null, null, "the commit's OpenPGP signature cannot be read");
            }
            String keyId = String.format(Locale.ROOT, "%016X", signature.getKeyID());
            PGPPublicKey key = keys.getPublicKey(signature.getKeyID());
            if (key == null) {
                return CommitSignature.refused(null, keyId, "the commit is signed by an OpenPGP key that " + keyFile + " does not hold");
            }
            String fingerprint = Hex.toHexString(key.getFingerprint()).toUpperCase(Locale.ROOT);
            String owner = owner(keys, signature.getKeyID());
            if (key.hasRevocation()) {
                return CommitSignature.refused(owner, fingerprint, "the commit is signed by a revoked OpenPGP key");
            }
            long validSeconds = key.getValidSeconds();
            if (validSeconds > 0 && signature.getCreationTime().getTime() > key.getCreationTime().getTime() + validSeconds * 1000) {
                return CommitSignature.refused(owner, fingerprint, "the commit is signed by an OpenPGP key that had expired");
            }
            signature.init(new JcaPGPContentVerifierBuilderProvider().setProvider(BC), key);
            signature.update(signedPayload(commit.getRawBuffer()));
            return signature.verify() ? CommitSignature.good(owner, fingerprint)
                    : CommitSignature.refused(owner, fingerprint, "the commit's OpenPGP signature does not match its content");
        } catch (IOException | PGPException e) {
            throw new SourceException("cannot check the signature of " + commit.getName() + " against " + keyFile + ": " + e.getMessage(), e);
        }
    }

    private static PGPSignature signature(byte[] bytes) throws IOException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
            Object object = new JcaPGPObjectFactory(in).nextObject();
            if (object instanceof PGPCompressedData compressed) {
                try {
                    object = new JcaPGPObjectFactory(compressed.getDataStream()).nextObject();
                } catch (PGPException e) {
                    return null;
                }
            }
            return object instanceof PGPSignatureList list && !list.isEmpty() ? list.get(0) : null;
        }
    }

    private static String owner(PGPPublicKeyRingCollection keys, long keyId) throws PGPException {
        Iterator<String> ids = keys.getPublicKeyRing(keyId).getPublicKey().getUserIDs();
        return ids.hasNext() ? ids.next() : null;
    }

    /** What git signs: the commit object without its gpgsig header (and that header's continuation lines). */
    static byte[] signedPayload(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        int i = 0;
        boolean inHeaders = true;
        boolean skipping = false;
        while (i < raw.length) {
            int end = i;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            int next = Math.min(raw.length, end + 1);
            if (inHeaders) {
                if (end == i) {
                    inHeaders = false;
                    skipping = false;
                } else if (startsWith(raw, i, "gpgsig ") || startsWith(raw, i, "gpgsig-sha256 ")) {
                    skipping = true;
                    i = next;
                    continue;
                } else if (skipping && raw[i] == ' ') {
                    i = next;
                    continue;
                } else {
                    skipping = false;
                }
            }
            out.write(raw, i, next - i);
            i = next;
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] raw, int at, String prefix) {
        if (at + prefix.length() > raw.length) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (raw[at + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static void readable(Path file, String setting) {
        if (!Files.isReadable(file)) {
            throw new SourceException(setting + " " + file + " cannot be read");
        }
    }
}
