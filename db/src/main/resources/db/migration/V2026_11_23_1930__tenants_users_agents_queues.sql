-- Parley's first schema: the directory an admin sets up (tenants, users, agents, queues, API keys) and the two logs
-- every change leaves (event log: the domain's one stream; audit log: its projection for people).
-- Runs on MySQL/MariaDB and on H2 in MySQL mode: keep to the SQL both understand. Instants are stored in UTC.

CREATE TABLE tenants (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    -- The tenant's SIP domain is also its digest-auth realm (DESIGN.md).
    sip_domain  VARCHAR(253) NOT NULL,
    time_zone   VARCHAR(64)  NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    version     BIGINT       NOT NULL,
    CONSTRAINT uq_tenants_name UNIQUE (name),
    CONSTRAINT uq_tenants_sip_domain UNIQUE (sip_domain)
);

CREATE TABLE users (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id           BIGINT       NOT NULL,
    -- Login names are unique across tenants: the login form has no tenant field.
    username            VARCHAR(100) NOT NULL,
    display_name        VARCHAR(200) NOT NULL,
    email               VARCHAR(254),
    role                VARCHAR(16)  NOT NULL,
    -- PBKDF2-HMAC-SHA256 (what Elytron's scram-sha-256 mapper verifies), base64; never the password itself.
    password_hash       VARCHAR(64)  NOT NULL,
    password_salt       VARCHAR(64)  NOT NULL,
    password_iterations INT          NOT NULL,
    enabled             BOOLEAN      NOT NULL,
    created_at          DATETIME(3)  NOT NULL,
    version             BIGINT       NOT NULL,
    CONSTRAINT uq_users_username UNIQUE (username),
    CONSTRAINT fk_users_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);
CREATE INDEX ix_users_tenant ON users (tenant_id);

CREATE TABLE agents (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id       BIGINT       NOT NULL,
    extension       VARCHAR(32)  NOT NULL,
    display_name    VARCHAR(200) NOT NULL,
    -- Digest HA1 = H(extension ":" realm ":" password) for MD5 and SHA-256 (RFC 7616); the password is never kept.
    sip_ha1_md5     VARCHAR(32),
    sip_ha1_sha256  VARCHAR(64),
    enabled         BOOLEAN      NOT NULL,
    created_at      DATETIME(3)  NOT NULL,
    version         BIGINT       NOT NULL,
    CONSTRAINT uq_agents_extension UNIQUE (tenant_id, extension),
    CONSTRAINT fk_agents_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);

CREATE TABLE agent_skills (
    agent_id     BIGINT      NOT NULL,
    skill        VARCHAR(64) NOT NULL,
    skill_level  INT         NOT NULL,
    PRIMARY KEY (agent_id, skill),
    CONSTRAINT fk_agent_skills_agent FOREIGN KEY (agent_id) REFERENCES agents (id) ON DELETE CASCADE
);

CREATE TABLE queues (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id        BIGINT       NOT NULL,
    name             VARCHAR(100) NOT NULL,
    strategy         VARCHAR(32)  NOT NULL,
    -- Service level: answered within sla_seconds, target sla_percent (e.g. 80 % in 20 s).
    sla_seconds      INT          NOT NULL,
    sla_percent      INT          NOT NULL,
    wrap_up_seconds  INT          NOT NULL,
    enabled          BOOLEAN      NOT NULL,
    created_at       DATETIME(3)  NOT NULL,
    version          BIGINT       NOT NULL,
    CONSTRAINT uq_queues_name UNIQUE (tenant_id, name),
    CONSTRAINT fk_queues_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);

CREATE TABLE api_keys (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id     BIGINT       NOT NULL,
    name          VARCHAR(100) NOT NULL,
    -- The first characters of the key, shown in the portal so an admin can tell keys apart.
    key_prefix    VARCHAR(16)  NOT NULL,
    -- SHA-256 of the whole key (hex). Keys are 256-bit random values, so a fast hash is the right tool here.
    key_hash      VARCHAR(64)     NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    created_by    VARCHAR(100) NOT NULL,
    created_at    DATETIME(3)  NOT NULL,
    revoked_at    DATETIME(3),
    CONSTRAINT uq_api_keys_hash UNIQUE (key_hash),
    CONSTRAINT fk_api_keys_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);

CREATE TABLE event_log (
    seq             BIGINT AUTO_INCREMENT PRIMARY KEY,
    event_id        VARCHAR(36)     NOT NULL,
    tenant_id       BIGINT       NOT NULL,
    occurred_at     DATETIME(3)  NOT NULL,
    event_type      VARCHAR(64)  NOT NULL,
    subject_type    VARCHAR(32)  NOT NULL,
    subject_id      VARCHAR(64)  NOT NULL,
    actor           VARCHAR(100) NOT NULL,
    payload         TEXT         NOT NULL,
    CONSTRAINT uq_event_log_event UNIQUE (event_id)
);
CREATE INDEX ix_event_log_tenant_time ON event_log (tenant_id, occurred_at);

CREATE TABLE audit_log (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    -- One row per event: the unique key is what makes a redelivered event a no-op.
    event_id      VARCHAR(36)     NOT NULL,
    tenant_id     BIGINT       NOT NULL,
    occurred_at   DATETIME(3)  NOT NULL,
    recorded_at   DATETIME(3)  NOT NULL,
    actor         VARCHAR(100) NOT NULL,
    action        VARCHAR(64)  NOT NULL,
    subject       VARCHAR(100) NOT NULL,
    detail        TEXT         NOT NULL,
    CONSTRAINT uq_audit_log_event UNIQUE (event_id)
);
CREATE INDEX ix_audit_log_tenant_time ON audit_log (tenant_id, occurred_at);
