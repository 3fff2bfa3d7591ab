-- One row per call between extensions (later: per inbound/outbound call), projected from the call.* events of the
-- event log. Quality figures are the media server's, per leg, as seen by Parley (received = what the phone sent).
CREATE TABLE call_detail_records (
    id                    BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id             BIGINT       NOT NULL,
    call_ref              VARCHAR(36)  NOT NULL,
    caller                VARCHAR(128) NOT NULL,
    callee                VARCHAR(128) NOT NULL,
    started_at            DATETIME(3)  NOT NULL,
    ringing_at            DATETIME(3),
    answered_at           DATETIME(3),
    ended_at              DATETIME(3),
    disposition           VARCHAR(16),
    hangup_side           VARCHAR(8),
    final_code            INT,
    codec                 VARCHAR(16),
    caller_packets_sent   BIGINT,
    caller_packets_recv   BIGINT,
    caller_packets_lost   BIGINT,
    caller_jitter_ms      DOUBLE,
    caller_mos            DOUBLE,
    callee_packets_sent   BIGINT,
    callee_packets_recv   BIGINT,
    callee_packets_lost   BIGINT,
    callee_jitter_ms      DOUBLE,
    callee_mos            DOUBLE,
    version               BIGINT       NOT NULL,
    CONSTRAINT uq_cdr_call UNIQUE (tenant_id, call_ref),
    CONSTRAINT fk_cdr_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);
CREATE INDEX ix_cdr_tenant_started ON call_detail_records (tenant_id, started_at);
