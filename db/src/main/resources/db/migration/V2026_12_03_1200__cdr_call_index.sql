-- The CDR projection looks up a batch's calls by call_ref IN (...). With uq_cdr_call (tenant_id, call_ref) alone,
-- H2 2.2 planned "tenant_id = ? AND call_ref IN (...)" on that index and read every CDR of the tenant for each batch
-- (it uses an IN list on an index's first column only): the SIP benchmark's profiles showed it growing with the
-- table. The lookup now goes by call_ref, which leads this index, on H2 and MySQL/MariaDB alike.
CREATE INDEX ix_cdr_call ON call_detail_records (call_ref);
