package io.mooring.reconcile;

import io.mooring.model.PassRecord;

/**
 * A phase ended the pass early, and says why: the pass record to return, and whether it is recorded (a held
 * revision, or a refusal already told, is not written again every interval).
 */
final class PassEnded extends Exception {
    private final transient PassRecord pass;
    private final boolean recorded;

    PassEnded(PassRecord pass, boolean recorded) {
        super(pass.message(), null, false, false);
        this.pass = pass;
        this.recorded = recorded;
    }

    PassEnded(PassRecord pass) {
        this(pass, true);
    }

    PassRecord pass() {
        return pass;
    }

    boolean recorded() {
        return recorded;
    }
}
