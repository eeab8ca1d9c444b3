package io.mooring.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActionRecordTest {
    private static final ActionRecord KEEP = new ActionRecord("web", ActionVerb.KEEP, "up to date", ActionOutcome.DONE, "");

    @Test
    void equalWhenEveryFieldIs() {
        ActionRecord same = new ActionRecord("web", ActionVerb.KEEP, "up to date", ActionOutcome.DONE, "");
        assertThat(KEEP).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(new ActionRecord(null, null, null, null, null)).isEqualTo(new ActionRecord(null, null, null, null, null));
    }

    @Test
    void differentWhenAnyFieldIs() {
        assertThat(KEEP).isNotEqualTo(new ActionRecord("db", ActionVerb.KEEP, "up to date", ActionOutcome.DONE, ""))
                .isNotEqualTo(new ActionRecord("web", ActionVerb.CREATE, "up to date", ActionOutcome.DONE, ""))
                .isNotEqualTo(new ActionRecord("web", ActionVerb.KEEP, "missing", ActionOutcome.DONE, ""))
                .isNotEqualTo(new ActionRecord("web", ActionVerb.KEEP, "up to date", ActionOutcome.FAILED, ""))
                .isNotEqualTo(new ActionRecord("web", ActionVerb.KEEP, "up to date", ActionOutcome.DONE, "note"))
                .isNotEqualTo(new ActionRecord(null, ActionVerb.KEEP, "up to date", ActionOutcome.DONE, ""))
                .isNotEqualTo("web");
    }
}
