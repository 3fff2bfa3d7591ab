package org.parley.cdr.internal;

import java.time.Instant;
import java.util.List;

import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.parley.access.Caller;
import org.parley.cdr.CallDetailRecord;
import org.parley.cdr.CallDetailRecordRepository;
import org.parley.cdr.CallDetailRecords;
import org.parley.rule.RuleViolationException;
import org.parley.rule.UnknownEntityException;

/** Reads CDRs for the API; {@link CallDetailRecordEventProjection} keeps them. */
@Stateless
@LocalBean
@Local(CallDetailRecords.class)
public class CallDetailRecordsBean implements CallDetailRecords {

    static final int MAX_LIMIT = 1000;

    @Inject
    private CallDetailRecordRepository records;

    @Override
    public List<CallDetailRecord> list(Caller caller, Instant from, Instant to, int limit) {
        caller.requireSupervisorOrAdmin();
        if (!from.isBefore(to)) {
            throw new RuleViolationException("to", "the range must end after it starts");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new RuleViolationException("limit", "limit must be 1 to " + MAX_LIMIT);
        }
        return records.list(caller.tenant(), from, to, limit);
    }

    @Override
    public CallDetailRecord find(Caller caller, String call) {
        caller.requireSupervisorOrAdmin();
        return records.find(caller.tenant(), call).orElseThrow(() -> new UnknownEntityException("call", call));
    }
}
