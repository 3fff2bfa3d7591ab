-- Why Parley ended a call itself, when it did (call.Ended's "reason"): e.g. CALLER_ANSWER_MISSING, a delayed-offer
-- caller whose ACK brought no answer to our offer, or ENDPOINT_LOST, a phone that stopped sending RTP. Null for a
-- call its parties ended, and for rows projected before this column existed.
ALTER TABLE call_detail_records ADD COLUMN end_reason VARCHAR(40);
