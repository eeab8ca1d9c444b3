package io.mooring.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;

/**
 * The agent's {@code secrets:} block: the age identity that decrypts a tenant's {@code *.age} files, and the folder,
 * on a tmpfs, where decrypted files and the secrets and configs delivered to containers are kept while they are used.
 */
public class SecretsConfig {
    /** An age identity file (age-keygen's, one or more AGE-SECRET-KEY-1 lines), readable by the agent only; none: no decryption. */
    @AgeIdentityFile
    @JsonProperty
    private String ageIdentityFile;

    /** Where the files containers mount are kept: a folder on a tmpfs, private to the agent (0700). */
    @NotBlank
    @JsonProperty
    private String filesDir = "/run/mooring/files";

    public String getAgeIdentityFile() {
        return ageIdentityFile;
    }

    public String getFilesDir() {
        return filesDir;
    }
}
